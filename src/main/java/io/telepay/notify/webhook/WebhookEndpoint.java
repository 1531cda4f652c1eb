package io.telepay.notify.webhook;

import java.time.Instant;
import java.util.List;

/**
 * A registered receiver, as the API shows it: never its secret.
 *
 * @param disabledReason          why it is disabled (an administrator, or the receiver answered 410), or null
 * @param previousSecretExpiresAt while a rotation's overlap lasts, when the previous secret stops signing; else null
 */
public record WebhookEndpoint(String id, String url, List<String> events, boolean enabled, String disabledReason,
                       Instant createdAt, Instant updatedAt, Instant previousSecretExpiresAt) {
}
