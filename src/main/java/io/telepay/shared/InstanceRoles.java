package io.telepay.shared;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What this instance does ({@code telepay.roles}, {@code TELEPAY_ROLES}): {@code api} serves HTTP and writes the
 * outbox, {@code workers} hands events to their listeners (from the outbox or from Kafka) and sends webhooks and
 * messages. By default both, as a single instance needs (docs/operations.md).
 */
@Component
public class InstanceRoles {

    private static final Set<String> KNOWN = Set.of("api", "workers");

    private final Set<String> roles;

    public InstanceRoles(@Value("${telepay.roles:api,workers}") String roles) {
        this.roles = Arrays.stream(roles.split(",")).map(r -> r.strip().toLowerCase(Locale.ROOT)).filter(r -> !r.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        if (this.roles.isEmpty() || !KNOWN.containsAll(this.roles)) {
            throw new IllegalStateException("telepay.roles must list api, workers or both, not '" + roles + "'");
        }
    }

    /** Serves the API, the console and the pay pages. */
    public boolean api() {
        return roles.contains("api");
    }

    /** Hands events to their listeners and sends webhooks and messages. */
    public boolean workers() {
        return roles.contains("workers");
    }
}
