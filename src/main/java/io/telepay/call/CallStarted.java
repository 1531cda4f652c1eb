package io.telepay.call;

import java.time.Instant;

/** A call began; published in the transaction that stored it. */
public record CallStarted(String callId, String customerId, String agentId, Direction direction, Instant startedAt) {
}
