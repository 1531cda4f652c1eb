package io.telepay.notify.webhook;

import java.time.Instant;
import java.util.List;

/** A new endpoint with its signing secret, which is shown this once. */
public record CreatedEndpoint(String id, String url, List<String> events, boolean enabled, Instant createdAt, String secret) {

    @Override
    public String toString() {
        return "CreatedEndpoint[" + id + "]";
    }
}
