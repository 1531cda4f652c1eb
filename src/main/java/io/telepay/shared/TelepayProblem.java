package io.telepay.shared;

import java.util.List;

/**
 * A failure a client can act on, answered as RFC 9457 problem+json with its status. The message is
 * shown to the client, so it must never carry card data, secrets or internals.
 */
public abstract class TelepayProblem extends RuntimeException {

    private final int status;
    private final String type;
    private final List<FieldError> errors;

    protected TelepayProblem(int status, String type, String message, List<FieldError> errors) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    /** Short slug naming the kind of problem, e.g. {@code validation}, {@code state-conflict}. */
    public String type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public record FieldError(String field, String message) {
    }
}
