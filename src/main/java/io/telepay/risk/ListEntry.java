package io.telepay.risk;

import java.time.Instant;

/**
 * An entry of a block or allow list.
 *
 * @param action    BLOCK or ALLOW
 * @param expiresAt null for an entry that holds until it is removed
 */
public record ListEntry(String id, ListKind kind, String value, RiskAction action, String reason, Instant expiresAt,
                        String createdBy, Instant createdAt) {
}
