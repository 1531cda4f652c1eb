/**
 * {@code Idempotency-Key} for POST endpoints that create things or move money: a handler opts in with
 * {@link io.telepay.idempotency.Idempotent}; the first response is kept for 24 hours and replayed
 * to a retry, whichever server instance the retry reaches.
 */
package io.telepay.idempotency;
