package io.telepay.call;

import java.time.Instant;

/**
 * A call back an agent promised at the end of a call and has not made yet.
 *
 * @param callId      the call that ended with the promise
 * @param promisedAt  when that call ended
 * @param due         whether {@code callbackAt} has come
 */
public record Callback(String callId, String customerId, String agentId, Instant callbackAt, boolean due,
                       Instant promisedAt) {
}
