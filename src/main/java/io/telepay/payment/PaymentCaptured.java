package io.telepay.payment;

import io.telepay.risk.PaymentOutcome;
import io.telepay.shared.Money;
import io.telepay.shared.PublicEvent;

/**
 * Money was captured on a payment (all of it or a part). {@code captureId} names this capture: a payment
 * captured in two parts publishes two events that differ in it. The card is named as staff and receipts
 * show it (brand and last 4) and by its keyed fingerprint, so no listener reads the payment back.
 */
public record PaymentCaptured(String paymentId, String orderId, String customerId, String agentId, Money amount,
                              String captureId, String cardBrand, String cardLast4, String cardFingerprint)
        implements PublicEvent, PaymentOutcome {

    @Override
    public Kind outcomeKind() {
        return Kind.CAPTURED;
    }
}
