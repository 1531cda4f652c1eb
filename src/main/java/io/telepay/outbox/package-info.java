/**
 * The transactional outbox: domain events whose listeners work outside the publishing transaction (webhooks,
 * receipts, fulfilment, rescoring) are written in that transaction and dispatched in batches afterwards.
 */
package io.telepay.outbox;
