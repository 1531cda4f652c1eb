package io.telepay.notify.webhook;

import java.time.Instant;
import java.util.List;

/**
 * One event's delivery to one endpoint and every attempt at it. Status: PENDING (waiting for its next
 * attempt), SENDING, SUCCEEDED (a 2xx answer) or FAILED (no attempts left, a 410, or the endpoint disabled).
 *
 * @param redeliveryOf the delivery this one repeats, when an administrator asked for it again
 * @param body         the JSON sent, in the view of a single delivery only
 */
public record WebhookDelivery(String id, String endpointId, String eventId, String eventType, String status, Instant createdAt,
                       Instant nextAttemptAt, Instant deliveredAt, Integer lastStatusCode, String lastError,
                       String redeliveryOf, List<Attempt> attempts, String body) {

    /** @param statusCode the receiver's answer, null when none came (then {@code error} says why) */
    public record Attempt(int number, Instant at, long durationMs, Integer statusCode, String error, Instant nextAttemptAt) {
    }

    WebhookDelivery withAttempts(List<Attempt> log) {
        return new WebhookDelivery(id, endpointId, eventId, eventType, status, createdAt, nextAttemptAt, deliveredAt,
                lastStatusCode, lastError, redeliveryOf, List.copyOf(log), body);
    }
}
