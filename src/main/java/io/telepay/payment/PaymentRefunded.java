package io.telepay.payment;

import io.telepay.risk.PaymentOutcome;
import io.telepay.shared.Money;
import io.telepay.shared.PublicEvent;

/**
 * The acquirer returned {@code amount} to the card. {@code fully}: the payment has now been refunded in
 * full. Each refund publishes its own event, named by {@code refundId}.
 */
public record PaymentRefunded(String paymentId, String refundId, String orderId, String customerId, String agentId,
                              Money amount, Money refundedTotal, boolean fully, String reason)
        implements PublicEvent, PaymentOutcome {

    @Override
    public Kind outcomeKind() {
        return Kind.REFUNDED;
    }
}
