package io.telepay.payment;

import java.time.Instant;
import java.util.List;

import io.telepay.shared.Money;
import io.telepay.shared.Role;

/**
 * A payment as API.md shows it: the card by brand, BIN, last 4 and fingerprint only — and as much of it
 * as the reader's role needs ({@link Card#visibleTo}).
 */
public record PaymentView(String id, String orderId, String sessionId, PaymentStatus status, Money amount,
                          Money capturedAmount, Money refundedAmount, Card card, Risk risk, String declineCode,
                          Instant createdAt, Instant updatedAt) {

    /** {@code bin}, {@code fingerprint}, {@code expMonth} and {@code expYear} are null where the reader may not see them. */
    public record Card(String brand, String bin, String last4, Integer expMonth, Integer expYear, String fingerprint) {

        /**
         * The card as a role sees it: agents (and the telephony bridge) brand and last 4, what they read back
         * to a customer; supervisors, admins and auditors also the BIN and fingerprint; the expiry only to risk
         * analysts (card-testing investigations) and to the system itself (no actor).
         */
        public Card visibleTo(Role role) {
            boolean brandAndLast4Only = role == Role.AGENT || role == Role.TELEPHONY;
            boolean expiry = role == null || role == Role.RISK_ANALYST;
            return new Card(brand, brandAndLast4Only ? null : bin, last4, expiry ? expMonth : null, expiry ? expYear : null,
                    brandAndLast4Only ? null : fingerprint);
        }
    }

    public record Risk(String action, int score, List<String> reasons) {
    }
}
