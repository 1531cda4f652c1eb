package io.telepay.order;

import io.telepay.shared.PublicEvent;

/** The order was cancelled before it was paid. */
public record OrderCancelled(String orderId, String customerId, String agentId) implements PublicEvent {
}
