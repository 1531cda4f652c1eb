package io.telepay.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects every field error of a command before refusing it, so a client learns all it must fix
 * at once. Used in the compact constructors of command records.
 */
public final class Checks {

    private final List<TelepayProblem.FieldError> errors = new ArrayList<>();

    public static Checks start() {
        return new Checks();
    }

    public Checks fail(String field, String message) {
        errors.add(new TelepayProblem.FieldError(field, message));
        return this;
    }

    public Checks require(String field, Object value) {
        if (value == null) {
            fail(field, "is required");
        }
        return this;
    }

    /** Required, not blank, at most {@code max} characters. */
    public Checks text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return fail(field, "is required");
        }
        return optionalText(field, value, max);
    }

    public Checks optionalText(String field, String value, int max) {
        if (value != null && value.length() > max) {
            fail(field, "must be at most " + max + " characters");
        }
        if (value != null && hasControlCharacters(value)) {
            fail(field, "must not contain control characters");
        }
        return this;
    }

    /** A control character other than tab and line breaks (NUL, escape, DEL…): never valid in text. */
    public static boolean hasControlCharacters(String text) {
        return text.chars().anyMatch(c -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f);
    }

    public Checks matches(String field, String value, Pattern pattern, String explanation) {
        if (value == null) {
            return fail(field, "is required");
        }
        if (!pattern.matcher(value).matches()) {
            fail(field, explanation);
        }
        return this;
    }

    public Checks check(boolean ok, String field, String message) {
        if (!ok) {
            fail(field, message);
        }
        return this;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public void orThrow() {
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }
}
