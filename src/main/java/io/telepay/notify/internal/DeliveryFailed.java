package io.telepay.notify.internal;

/** A provider refused or could not be reached; {@code permanent} failures are not retried. */
public class DeliveryFailed extends Exception {

    private final boolean permanent;

    public DeliveryFailed(String message, boolean permanent) {
        super(message, null, false, false);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
