package io.telepay.payment;

/** {@code OPEN → COMPLETED | FAILED | EXPIRED}. */
public enum SessionStatus {
    OPEN, COMPLETED, FAILED, EXPIRED
}
