package io.telepay.redaction;

import java.util.List;
import java.util.Objects;

/**
 * What {@link NoteRedactor} made of a text.
 *
 * @param text      the text with every secret value replaced by its placeholder; the same text if none
 * @param findings  the removed values, left to right
 * @param requests  the places where the text asks for a secret, left to right
 */
public record Redaction(String text, List<Finding> findings, List<SecretRequest> requests) {

    public Redaction {
        Objects.requireNonNull(text, "text");
        findings = List.copyOf(findings);
        requests = List.copyOf(requests);
    }

    /** Whether anything was removed. */
    public boolean redacted() {
        return !findings.isEmpty();
    }

    /** Whether the text asks for a PIN, card password, one-time code, CVC or card number. */
    public boolean asksForSecret() {
        return !requests.isEmpty();
    }
}
