package io.telepay.payment;

import io.telepay.risk.PaymentOutcome;
import io.telepay.shared.Money;
import io.telepay.shared.PublicEvent;

/** An authorization was released before any of it was captured; {@code amount} is what was authorized. */
public record PaymentVoided(String paymentId, String voidId, String orderId, String customerId, String agentId,
                            Money amount) implements PublicEvent, PaymentOutcome {

    @Override
    public Kind outcomeKind() {
        return Kind.VOIDED;
    }
}
