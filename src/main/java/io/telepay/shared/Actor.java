package io.telepay.shared;

import java.util.Objects;

/**
 * Who is acting: a staff user (console or an API key bound to the user) or an integration key.
 *
 * @param id       the user id ({@code usr_…}) or, for a key bound to no user, the key id
 * @param name     username or key name, for audit lines
 * @param role     the role that decides access
 * @param team     the supervisor team the user belongs to, or null
 * @param userId   the user the actor speaks for, or null for an integration key
 */
public record Actor(String id, String name, Role role, String team, String userId) {

    public Actor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
    }

    public static final Actor SYSTEM = new Actor("system", "system", Role.ADMIN, null, null);

    public boolean is(Role other) {
        return role == other;
    }

    public boolean isAny(Role... roles) {
        for (Role r : roles) {
            if (role == r) {
                return true;
            }
        }
        return false;
    }
}
