package io.telepay.trust.report;

import java.time.Instant;

/**
 * One step in an evidence file's chain of custody.
 *
 * @param action RECEIVED, OPENED, EXPORTED or INTEGRITY_FAILED
 * @param origin the client address and request id, when a request did it
 */
public record CustodyEntry(Instant at, String action, String evidenceId, String file, String actorId, String actorName,
                           String origin) {
}
