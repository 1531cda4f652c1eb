package io.telepay.payment;

import io.telepay.risk.PaymentOutcome;
import io.telepay.shared.Money;
import io.telepay.shared.PublicEvent;

/**
 * The card's issuer took money back from a captured payment. {@code fraud}: the cardholder said they did
 * not make the payment; a {@link ChargebackForFraud} is published beside this event for the risk engine.
 */
public record ChargebackReceived(String paymentId, String chargebackId, String orderId, String customerId, String agentId,
                                 Money amount, Money refundedTotal, boolean fully, String reason, boolean fraud)
        implements PublicEvent, PaymentOutcome {

    @Override
    public Kind outcomeKind() {
        return Kind.CHARGED_BACK;
    }
}
