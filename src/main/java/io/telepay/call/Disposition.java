package io.telepay.call;

/**
 * What a call came to, as the agent records it at the end. {@code CALLBACK} promises a call back at a
 * future time, which comes first in the agent's lead queue once due; {@code DO_NOT_CALL} sets the
 * customer's do-not-call flag.
 */
public enum Disposition {
    SALE, NO_SALE, CALLBACK, NO_ANSWER, DO_NOT_CALL
}
