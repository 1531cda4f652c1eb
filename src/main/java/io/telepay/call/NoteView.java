package io.telepay.call;

import java.time.Instant;
import java.util.List;

import io.telepay.redaction.SecretKind;

/**
 * A call note as stored: the text after redaction, what was removed and why (never the removed
 * values), whether it asked someone for a secret, and any card-collection language it holds.
 *
 * @param text               the stored text; placeholders such as {@code [PIN removed]} stand where secrets were
 * @param findings           the removed values, left to right, positioned in {@code text}
 * @param requests           where the note asked for a secret (the agent must not)
 * @param suspiciousPhrases  card-collection phrases found ("安全帳戶", "courier collects the card")
 */
public record NoteView(String id, String callId, String authorId, String text, boolean redacted,
                       List<Removed> findings, boolean asksForSecret, List<Request> requests,
                       List<String> suspiciousPhrases, Instant createdAt) {

    public NoteView {
        findings = List.copyOf(findings);
        requests = List.copyOf(requests);
        suspiciousPhrases = List.copyOf(suspiciousPhrases);
    }

    /**
     * One removed value.
     *
     * @param start  where the placeholder begins in the stored text (inclusive)
     * @param end    where it ends (exclusive)
     */
    public record Removed(SecretKind kind, String placeholder, String reason, int start, int end) {
    }

    /** One place where the note asks for a secret, with the reason it was read as asking. */
    public record Request(SecretKind kind, String reason) {
    }
}
