package io.telepay.redaction;

import java.util.Objects;

/**
 * A place where a text asks someone for a secret ("請提供簡訊驗證碼", "tell me your PIN"). The call
 * module turns it into a {@code SecretRequested} event; a script holding one is refused.
 *
 * @param kind    the secret asked for
 * @param start   where the asking phrase begins in the original text (inclusive)
 * @param end     where it ends in the original text (exclusive)
 * @param reason  why, in English, quoting only the asking words and the secret's name, never a value
 */
public record SecretRequest(SecretKind kind, int start, int end, String reason) {

    public SecretRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("a request spans at least one character");
        }
    }
}
