/**
 * Outbound webhooks: integrations register endpoints for public domain events and receive each event,
 * signed, at least once, retried with back-off, with every attempt kept in a delivery log. The console's
 * admin pages manage endpoints through {@link io.telepay.notify.webhook.WebhookEndpoints} and
 * {@link io.telepay.notify.webhook.WebhookDeliveries}, the only public services here.
 */
@org.springframework.modulith.NamedInterface("webhook")
package io.telepay.notify.webhook;
