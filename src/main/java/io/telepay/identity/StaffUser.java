package io.telepay.identity;

import java.time.Instant;

import io.telepay.shared.Actor;
import io.telepay.shared.Role;

/**
 * A staff member as other modules and the API see them; never the password hash or MFA secret.
 * {@code lockedUntil}: the end of the latest sign-in lock, which holds only for the address it came from.
 */
public record StaffUser(String id, String username, String displayName, Role role, String team, boolean enabled,
                        boolean mfaEnabled, Instant lockedUntil, Instant createdAt, String email) {

    public Actor actor() {
        return new Actor(id, username, role, team, id);
    }

    /** The first name a consumer may be told (caller verification): the first word of the display name. */
    public String firstName() {
        String trimmed = displayName.trim();
        int space = trimmed.indexOf(' ');
        return space > 0 ? trimmed.substring(0, space) : trimmed;
    }
}
