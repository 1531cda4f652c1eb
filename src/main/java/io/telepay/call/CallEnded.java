package io.telepay.call;

import java.time.Instant;

/**
 * A call ended with a disposition; published in the transaction that stored it.
 *
 * @param handleSeconds  start to end in whole seconds
 * @param callbackAt     for a CALLBACK only, else null
 */
public record CallEnded(String callId, String customerId, String agentId, Direction direction, Disposition disposition,
                        TalkOutcome talkOutcome, Instant startedAt, Instant endedAt, long handleSeconds,
                        Instant callbackAt) {
}
