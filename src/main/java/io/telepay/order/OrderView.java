package io.telepay.order;

import java.time.Instant;
import java.util.List;

import io.telepay.shared.Money;

/**
 * An order as other modules see it.
 *
 * @param callId      the call it was taken on, or null
 * @param agentId     the agent who took it
 * @param readBack    the summary the agent read to the customer when confirming, or null before
 * @param confirmedAt null before confirmation
 */
public record OrderView(String id, OrderStatus status, String customerId, String callId, String agentId,
                        List<OrderLine> lines, Money total, String readBack, Instant createdAt, Instant confirmedAt) {
}
