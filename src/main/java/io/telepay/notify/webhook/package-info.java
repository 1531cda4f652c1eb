/**
 * Outbound webhooks: integrations register endpoints for public domain events and receive each event,
 * signed, at least once, retried with back-off, with every attempt kept in a delivery log.
 */
package io.telepay.notify.webhook;
