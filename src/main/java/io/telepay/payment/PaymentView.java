package io.telepay.payment;

import java.time.Instant;
import java.util.List;

import io.telepay.shared.Money;

/** A payment as API.md shows it: the card by brand, BIN, last 4 and fingerprint only. */
public record PaymentView(String id, String orderId, String sessionId, PaymentStatus status, Money amount,
                          Money capturedAmount, Money refundedAmount, Card card, Risk risk, String declineCode,
                          Instant createdAt, Instant updatedAt) {

    public record Card(String brand, String bin, String last4, int expMonth, int expYear, String fingerprint) {
    }

    public record Risk(String action, int score, List<String> reasons) {
    }
}
