package io.telepay.call;

import io.telepay.shared.Checks;

/**
 * Filters for the list of calls; every field may be null.
 *
 * @param cursor  the {@code nextCursor} of the previous page
 * @param limit   page size, already checked with {@code Page.limit}
 */
public record CallQuery(String customerId, String agentId, CallStatus status, String cursor, int limit) {

    public CallQuery {
        customerId = customerId == null || customerId.isBlank() ? null : customerId.strip();
        agentId = agentId == null || agentId.isBlank() ? null : agentId.strip();
        cursor = cursor == null || cursor.isBlank() ? null : cursor.strip();
        Checks.start().optionalText("customerId", customerId, 64).optionalText("agentId", agentId, 64)
                .optionalText("cursor", cursor, 100).orThrow();
    }
}
