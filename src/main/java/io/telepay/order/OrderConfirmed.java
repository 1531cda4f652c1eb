package io.telepay.order;

import io.telepay.shared.Money;
import io.telepay.shared.PublicEvent;

/** The customer agreed to the order on the call; its lines and total are final. */
public record OrderConfirmed(String orderId, String customerId, String agentId, String callId, Money total) implements PublicEvent {
}
