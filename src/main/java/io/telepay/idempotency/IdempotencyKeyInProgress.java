package io.telepay.idempotency;

import io.telepay.shared.StateConflict;

/** 409: a request with this key is still running; retrying shortly gets its response. */
class IdempotencyKeyInProgress extends StateConflict {

    IdempotencyKeyInProgress() {
        super("idempotency-key-in-progress", "A request with this Idempotency-Key is in progress; retry shortly");
    }
}
