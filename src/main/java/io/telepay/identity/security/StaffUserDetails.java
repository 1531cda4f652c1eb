package io.telepay.identity.security;

import io.telepay.shared.Actor;
import io.telepay.shared.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

@Component
class StaffUserDetails implements UserDetailsService {

    private final JdbcClient jdbc;

    StaffUserDetails(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        String normalized = username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT);
        return jdbc.sql("select * from staff_user where username = :username").param("username", normalized)
                .query((rs, n) -> new StaffPrincipal(
                        new Actor(rs.getString("id"), rs.getString("username"), Role.valueOf(rs.getString("role")),
                                rs.getString("team"), rs.getString("id")),
                        rs.getString("display_name"), rs.getString("password_hash"), rs.getBoolean("enabled"),
                        rs.getInt("session_version")))
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
    }

    /**
     * Whether a session signed in as this principal still stands: the user is enabled and nothing changed
     * their access since (one primary-key read, so every instance sees a change at once).
     */
    boolean stillValid(StaffPrincipal principal) {
        return jdbc.sql("select count(*) from staff_user where id = :id and enabled = true and session_version = :version")
                .param("id", principal.actor().id()).param("version", principal.sessionVersion())
                .query(Long.class).single() > 0;
    }
}
