package io.telepay.order;

import java.util.Set;

import io.telepay.shared.Checks;

/**
 * Which orders to list, within the actor's reach, newest first.
 *
 * @param statuses empty for every status
 * @param cursor   the {@code nextCursor} of the previous page; null for the first
 */
public record OrderQuery(String customerId, String agentId, String callId, Set<OrderStatus> statuses, String cursor,
                         int limit) {

    public OrderQuery {
        customerId = NewOrder.blankToNull(customerId);
        agentId = NewOrder.blankToNull(agentId);
        callId = NewOrder.blankToNull(callId);
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        cursor = NewOrder.blankToNull(cursor);
        Checks checks = Checks.start();
        NewOrder.checkId(checks, "customerId", customerId, false);
        NewOrder.checkId(checks, "agentId", agentId, false);
        NewOrder.checkId(checks, "callId", callId, false);
        checks.optionalText("cursor", cursor, 100);
        checks.orThrow();
    }
}
