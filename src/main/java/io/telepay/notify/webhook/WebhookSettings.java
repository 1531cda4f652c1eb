package io.telepay.notify.webhook;

import java.time.Duration;

/**
 * @param timeout          for connecting and for the answer, each
 * @param rotationOverlap  how long a rotated secret keeps signing beside the new one, unless the rotation says
 * @param maxParallelSends deliveries in flight at once on this instance; more wait for the next sweep
 */
record WebhookSettings(Duration timeout, Duration rotationOverlap, int maxParallelSends) {
}
