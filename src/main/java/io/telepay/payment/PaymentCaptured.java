package io.telepay.payment;

import io.telepay.risk.PaymentOutcome;
import io.telepay.shared.Money;
import io.telepay.shared.PublicEvent;

/** Money was captured on a payment (all of it or a part). */
public record PaymentCaptured(String paymentId, String orderId, String customerId, String agentId, Money amount) implements PublicEvent, PaymentOutcome {

    @Override
    public Kind outcomeKind() {
        return Kind.CAPTURED;
    }
}
