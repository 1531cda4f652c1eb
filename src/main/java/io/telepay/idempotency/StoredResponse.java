package io.telepay.idempotency;

/** The first answer to a keyed request, as it is replayed. */
record StoredResponse(int status, String contentType, String location, byte[] body) {
}
