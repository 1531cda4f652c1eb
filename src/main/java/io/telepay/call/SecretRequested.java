package io.telepay.call;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.telepay.redaction.SecretKind;

/**
 * A call note asked someone for a secret no seller needs (a PIN, card password, one-time code, CVC or card number) Published in the transaction that stored the note: committed with it or not at all.
 *
 * @param agentId   the agent whose call it is
 * @param authorId  who wrote the note: the agent, or their supervisor or an admin
 * @param kinds      the risk module raises an alert on the agent. Never carries the secret or the note's words.:the secrets asked for; never empty
 */
public record SecretRequested(String callId, String agentId, String authorId, String customerId, List<SecretKind> kinds,
                    String noteId, Instant at) {

    public SecretRequested {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(noteId, "noteId");
        kinds = List.copyOf(kinds);
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("at least one kind");
        }
    }
}
