package io.telepay.call;

import java.time.Instant;

/**
 * A call as other modules see it.
 *
 * @param status  {@code ACTIVE} or {@code ENDED}
 * @param endedAt null while ACTIVE
 */
public record CallSummary(String id, String customerId, String agentId, String direction, String status,
                          Instant startedAt, Instant endedAt) {
}
