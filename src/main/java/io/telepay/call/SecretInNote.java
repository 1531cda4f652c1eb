package io.telepay.call;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.telepay.redaction.SecretKind;

/**
 * A PIN, password, one-time code, CVC, expiry or ID number was found in a call note (and removed before it was stored). A card number has its own event, {@link CardNumberInNote}. Never carries the value. Published in the transaction that stored the note: committed with it or not at all.
 *
 * @param agentId   the agent whose call it is
 * @param authorId  who wrote the note: the agent, or their supervisor or an admin
 * @param kinds     the kinds of secret removed, card numbers left out; never empty
 */
public record SecretInNote(String callId, String agentId, String authorId, String customerId, List<SecretKind> kinds,
                    String noteId, Instant at) {

    public SecretInNote {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(noteId, "noteId");
        kinds = List.copyOf(kinds);
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("at least one kind");
        }
    }
}
