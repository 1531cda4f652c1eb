package io.telepay.order;

/** The order was cancelled before it was paid. */
public record OrderCancelled(String orderId, String customerId, String agentId) {
}
