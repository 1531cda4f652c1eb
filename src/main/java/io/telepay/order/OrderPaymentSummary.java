package io.telepay.order;

import java.time.Instant;

import io.telepay.shared.Money;

/** A payment of an order as {@code GET /orders/{id}} lists it; filled in by the payment module. */
public record OrderPaymentSummary(String id, String status, Money amount, Money capturedAmount, Money refundedAmount,
                                  String cardBrand, String cardLast4, Instant createdAt) {

    /** Money was taken (some may have been given back since). */
    public boolean charged() {
        return switch (status) {
            case "CAPTURED", "PARTIALLY_REFUNDED", "REFUNDED" -> true;
            default -> false;
        };
    }

    /** The card's money is held or its outcome unknown: another charge for the order must wait. */
    public boolean open() {
        return switch (status) {
            case "UNKNOWN", "AUTHORIZED", "REVIEW" -> true;
            default -> false;
        };
    }
}
