package io.telepay.gateway;

import io.telepay.shared.Money;

/**
 * The port to an acquirer. Every call carries a reference the acquirer deduplicates on: calling again
 * with the same reference never charges twice, it answers what happened the first time. A call whose
 * answer is lost (timeout, broken connection) answers {@link GatewayOutcome#UNKNOWN}; ask
 * {@link #status} later, never retry under a new reference.
 */
public interface PaymentGateway {

    /** Authorizes the card for the amount; with {@code capture} it also captures it (a sale). */
    GatewayResult authorize(AuthorizationRequest request);

    /** Captures up to the authorized amount, in one or several parts; {@code operationReference} names this part. */
    GatewayResult capture(String reference, String operationReference, Money amount);

    /** Releases an authorization: all of it before any capture, or the rest of it after a partial capture. */
    GatewayResult voidAuthorization(String reference, String operationReference);

    /** Returns up to the captured amount to the card, in one or several parts. */
    GatewayResult refund(String reference, String operationReference, Money amount);

    /** What the acquirer knows of the authorization with this reference. */
    GatewayStatus status(String reference);

    /** What the acquirer knows of one capture, void or refund. */
    GatewayOutcome operationStatus(String operationReference);

    /**
     * Whether the acquirer can take payments now; cheap enough to ask before opening a payment session (an
     * adapter that must ask the acquirer keeps the answer for a while). Up unless the adapter knows better.
     */
    default GatewayAvailability availability() {
        return GatewayAvailability.UP;
    }
}
