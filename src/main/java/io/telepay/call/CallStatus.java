package io.telepay.call;

/** A call is {@code ACTIVE} from its start until it ends with a disposition; an ended call never reopens. */
public enum CallStatus {
    ACTIVE, ENDED
}
