package io.telepay.redaction;

import java.util.Objects;

/**
 * One value removed from a text. It never carries the value itself: only where it was, what kind it
 * was, the placeholder that replaced it and why it was taken for a secret.
 *
 * @param kind           what was removed
 * @param start          where the removed value began in the original text (inclusive)
 * @param end            where it ended in the original text (exclusive)
 * @param redactedStart  where the placeholder begins in the redacted text
 * @param placeholder    the text that replaced the value, e.g. {@code [card number removed]}
 * @param reason         why, in English, for the agent and the risk analyst; never the value
 */
public record Finding(SecretKind kind, int start, int end, int redactedStart, String placeholder, String reason) {

    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(placeholder, "placeholder");
        Objects.requireNonNull(reason, "reason");
        if (start < 0 || end <= start || redactedStart < 0) {
            throw new IllegalArgumentException("a finding spans at least one character");
        }
    }

    /** Where the placeholder ends in the redacted text (exclusive). */
    public int redactedEnd() {
        return redactedStart + placeholder.length();
    }
}
