package io.telepay.payment;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A payment's states and the one table of moves between them. A payment is recorded UNKNOWN before
 * the gateway is called: if nothing answers (or the process dies), the reconciler asks the acquirer.
 */
public enum PaymentStatus {
    UNKNOWN, AUTHORIZED, REVIEW, CAPTURED, PARTIALLY_REFUNDED, REFUNDED, VOIDED, DECLINED, FAILED;

    private static final Map<PaymentStatus, Set<PaymentStatus>> MOVES = Map.of(
            UNKNOWN, EnumSet.of(AUTHORIZED, REVIEW, CAPTURED, DECLINED, FAILED),
            AUTHORIZED, EnumSet.of(CAPTURED, VOIDED),
            REVIEW, EnumSet.of(AUTHORIZED, CAPTURED, VOIDED),
            CAPTURED, EnumSet.of(CAPTURED, PARTIALLY_REFUNDED, REFUNDED),
            PARTIALLY_REFUNDED, EnumSet.of(PARTIALLY_REFUNDED, REFUNDED),
            // a capture still under way when everything captured so far was refunded lands: money is held again
            REFUNDED, EnumSet.of(PARTIALLY_REFUNDED),
            VOIDED, EnumSet.noneOf(PaymentStatus.class),
            DECLINED, EnumSet.noneOf(PaymentStatus.class),
            FAILED, EnumSet.noneOf(PaymentStatus.class));

    public boolean canMoveTo(PaymentStatus next) {
        return MOVES.get(this).contains(next);
    }

    /** Whether money was or may still be taken: the payment counts for the order. */
    public boolean holdsMoney() {
        return this == AUTHORIZED || this == REVIEW || this == CAPTURED || this == PARTIALLY_REFUNDED || this == REFUNDED;
    }
}
