package io.telepay.gateway;

import java.util.Objects;

/**
 * Whether the acquirer can take payments now, and if not why, in words an operator can act on
 * ("Stripe refused the secret key"). Never holds a secret.
 */
public record GatewayAvailability(boolean up, String reason) {

    public static final GatewayAvailability UP = new GatewayAvailability(true, null);

    public GatewayAvailability {
        if (!up) {
            Objects.requireNonNull(reason, "a gateway that is down says why");
        }
    }

    public static GatewayAvailability down(String reason) {
        return new GatewayAvailability(false, reason);
    }
}
