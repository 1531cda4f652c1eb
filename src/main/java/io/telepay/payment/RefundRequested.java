package io.telepay.payment;

import io.telepay.shared.Money;
import io.telepay.shared.PublicEvent;

/**
 * A refund above the approval threshold waits for a second person (a supervisor of the team, or an
 * admin). Not a {@link io.telepay.risk.PaymentOutcome}: no money moved yet; {@link PaymentRefunded}
 * follows when it is approved and the acquirer returns the money.
 */
public record RefundRequested(String refundId, String paymentId, String orderId, String agentId, Money amount,
                              String reason, String requestedBy) implements PublicEvent {
}
