package io.telepay.audit;

import java.time.Instant;

/** One line of the audit log as the API shows it. */
public record AuditEntry(long seq, Instant at, String actor, String actorName, String action, String subject,
                         String origin, String result, String details, String hash, String prevHash) {
}
