package io.telepay.call;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A call note holds the language of card harvesting ("a courier will collect your card", "安全帳戶",
 * "不要告诉银行"): the risk module raises an alert on the call. Published in the transaction that stored
 * the note: committed with it or not at all.
 *
 * @param phrases  the names of the phrases matched (see {@code CardCollectionLanguage}); never empty
 */
public record SuspiciousNote(String callId, String agentId, String authorId, String customerId, List<String> phrases,
                             String noteId, Instant at) {

    public SuspiciousNote {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(noteId, "noteId");
        phrases = List.copyOf(phrases);
        if (phrases.isEmpty()) {
            throw new IllegalArgumentException("at least one phrase");
        }
    }
}
