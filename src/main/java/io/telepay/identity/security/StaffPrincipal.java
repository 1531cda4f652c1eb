package io.telepay.identity.security;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;

import io.telepay.shared.Actor;
import io.telepay.shared.Actors;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A signed-in console user. Kept in the server session; holds the password hash only during sign-in. */
final class StaffPrincipal implements UserDetails, Actors.Principal, Serializable {

    @Serial
    private static final long serialVersionUID = 2L;

    private final Actor actor;
    private final String displayName;
    private transient String passwordHash;
    private final boolean enabled;
    private final int sessionVersion;

    /** A sign-in lock holds per user and address: {@link LockedSignIns} checks it before the password is. */
    StaffPrincipal(Actor actor, String displayName, String passwordHash, boolean enabled, int sessionVersion) {
        this.sessionVersion = sessionVersion;
        this.actor = actor;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.enabled = enabled;
    }

    @Override
    public Actor actor() {
        return actor;
    }

    /** The user's session version at sign-in; a session whose version is no longer the user's has ended. */
    int sessionVersion() {
        return sessionVersion;
    }

    String displayName() {
        return displayName;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(actor.role().authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return actor.name();
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public String toString() {
        return "StaffPrincipal[" + actor.name() + "]";
    }
}
