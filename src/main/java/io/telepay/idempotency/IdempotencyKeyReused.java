package io.telepay.idempotency;

import io.telepay.shared.StateConflict;

/** 409: the key was already used for another request (another body, method or path). */
class IdempotencyKeyReused extends StateConflict {

    IdempotencyKeyReused() {
        super("idempotency-key-reused",
                "This Idempotency-Key was already used for a different request; use a new key for a new request");
    }
}
