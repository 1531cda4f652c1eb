package io.telepay.identity;

import io.telepay.shared.Role;

/** The answer to creating a key: the only time {@code key} is shown. */
public record CreatedApiKey(String id, String key, String prefix, String name, Role role, String userId,
                            java.time.Instant expiresAt) {

    @Override
    public String toString() {
        return "CreatedApiKey[id=" + id + ", prefix=" + prefix + ", role=" + role + "]";
    }
}
