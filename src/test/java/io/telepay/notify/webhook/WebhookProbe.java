package io.telepay.notify.webhook;

import io.telepay.shared.PublicEvent;

/** A public event that only the tests publish (type {@code webhook.probe}), so a test need not make a sale for each delivery. */
record WebhookProbe(String probeId, String note) implements PublicEvent {
}
