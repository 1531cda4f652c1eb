package io.telepay.order;

import io.telepay.shared.Money;
import io.telepay.shared.PublicEvent;

/** The order's payment was captured: fulfilment starts. */
public record OrderPaid(String orderId, String paymentId, String customerId, String agentId, Money total) implements PublicEvent {
}
