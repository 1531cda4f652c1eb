package io.telepay.call;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.telepay.redaction.SecretKind;

/**
 * A card number was found in a call note (and removed before it was stored) Published in the transaction that stored the note: committed with it or not at all.
 *
 * @param agentId   the agent whose call it is
 * @param authorId  who wrote the note: the agent, or their supervisor or an admin
 * @param kinds      the agent heard or typed card data they must never handle. Never carries the number.:every kind of secret removed from the note, CARD_NUMBER among them; never empty
 */
public record CardNumberInNote(String callId, String agentId, String authorId, String customerId, List<SecretKind> kinds,
                    String noteId, Instant at) {

    public CardNumberInNote {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(noteId, "noteId");
        kinds = List.copyOf(kinds);
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("at least one kind");
        }
    }
}
