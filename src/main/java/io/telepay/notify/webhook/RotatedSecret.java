package io.telepay.notify.webhook;

import java.time.Instant;

/**
 * The endpoint's new signing secret, shown this once. Until {@code previousSecretExpiresAt} deliveries
 * carry a signature under the previous secret too.
 */
public record RotatedSecret(String id, String secret, Instant previousSecretExpiresAt) {

    @Override
    public String toString() {
        return "RotatedSecret[" + id + "]";
    }
}
