package io.telepay.learning;

/** A stored model's bytes could not be turned back into a model (corrupt, or written by an unknown format). */
public class ModelUnreadable extends RuntimeException {

    public ModelUnreadable(String message, Throwable cause) {
        super(message, cause);
    }
}
