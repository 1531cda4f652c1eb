package io.telepay.payment;

import io.telepay.risk.PaymentOutcome;
import io.telepay.shared.PublicEvent;

/** An attempt was declined, by risk before the gateway or by the acquirer. */
public record PaymentDeclined(String paymentId, String orderId, String customerId, String agentId, String declineCode,
                              String cardFingerprint) implements PublicEvent, PaymentOutcome {

    @Override
    public Kind outcomeKind() {
        return Kind.DECLINED;
    }
}
