package io.telepay.call;

import java.time.Instant;

/**
 * A call as the API shows it.
 *
 * @param endedAt        null while ACTIVE
 * @param handleSeconds  start to end in whole seconds; null while ACTIVE
 * @param disposition    null while ACTIVE
 * @param callbackAt     the promised call back, for a CALLBACK only
 * @param followedUpBy   for a CALLBACK: the later call with the customer that kept the promise; null while open
 * @param startedBy      who started it: the agent, or the supervisor or admin who started it for them
 */
public record CallView(String id, String customerId, String agentId, Direction direction, CallStatus status,
                       Instant startedAt, Instant endedAt, Long handleSeconds, Disposition disposition,
                       TalkOutcome talkOutcome, Instant callbackAt, String followedUpBy, int noteCount,
                       String startedBy, String endedBy) {
}
