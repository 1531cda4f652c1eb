package io.telepay.payment;

/**
 * Where an operation stands. PENDING_APPROVAL (a large refund waiting for a second person) and UNKNOWN
 * (sent to the acquirer, answer not known yet) still count against the amount a payment has left;
 * REJECTED and FAILED free it again.
 */
public enum OperationStatus {
    PENDING_APPROVAL, UNKNOWN, SUCCEEDED, FAILED, REJECTED;

    /** Whether the amount is spoken for: done, or possibly done. */
    public boolean holdsAmount() {
        return this == PENDING_APPROVAL || this == UNKNOWN || this == SUCCEEDED;
    }
}
