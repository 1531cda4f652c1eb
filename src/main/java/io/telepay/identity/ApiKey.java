package io.telepay.identity;

import java.time.Instant;

import io.telepay.shared.Role;

/** An API key as listed: its prefix tells keys apart; the key itself is never shown again. {@code expiresAt} may be null. */
public record ApiKey(String id, String name, Role role, String userId, String prefix, Instant createdAt,
                     String createdBy, Instant revokedAt, Instant lastUsedAt, Instant expiresAt) {
}
