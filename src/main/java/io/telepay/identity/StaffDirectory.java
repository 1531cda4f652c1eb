package io.telepay.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.telepay.audit.AuditTrail;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.NotFound;
import io.telepay.shared.Role;
import io.telepay.shared.StateConflict;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Staff users: who works in Telepay, with which role and in which team. */
@Service
public class StaffDirectory {

    static final String COLUMNS = "id, username, display_name, role, team, enabled, mfa_enabled, locked_until, created_at, email";

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final AuditTrail audit;
    private final Clock clock;

    StaffDirectory(JdbcClient jdbc, PasswordEncoder passwords, PasswordPolicy policy, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public StaffUser create(NewStaffUser user) {
        String problem = policy.problem(user.password(), user.username());
        if (problem != null) {
            throw new InvalidInput("password", problem);
        }
        if (findByUsername(user.username()).isPresent()) {
            throw new StateConflict("username " + user.username() + " is taken");
        }
        String id = Ids.next("usr_");
        jdbc.sql("""
                insert into staff_user (id, username, display_name, role, team, password_hash, created_at, email)
                values (:id, :username, :displayName, :role, :team, :hash, :now, :email)""")
                .param("email", user.email())
                .param("id", id).param("username", user.username()).param("displayName", user.displayName())
                .param("role", user.role().name()).param("team", user.team())
                .param("hash", passwords.encode(user.password())).param("now", Db.ts(clock.instant()))
                .update();
        audit.record("user.created", id, Map.of("username", user.username(), "role", user.role().name(),
                "team", user.team() == null ? "" : user.team()));
        return get(id);
    }

    public Optional<StaffUser> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from staff_user where id = :id").param("id", id)
                .query(StaffDirectory::map).optional();
    }

    public StaffUser get(String id) {
        return find(id).orElseThrow(() -> new NotFound("user", id));
    }

    public Optional<StaffUser> findByUsername(String username) {
        return jdbc.sql("select " + COLUMNS + " from staff_user where username = :username")
                .param("username", username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT))
                .query(StaffDirectory::map).optional();
    }

    /** Users ordered by username, after the given username (the cursor). */
    public List<StaffUser> list(String afterUsername, int limit) {
        return jdbc.sql("select " + COLUMNS + " from staff_user where username > :after order by username limit :limit")
                .param("after", afterUsername == null ? "" : afterUsername).param("limit", limit)
                .query(StaffDirectory::map).list();
    }

    /** The members of a team, e.g. for a supervisor's views and team baselines. */
    public List<StaffUser> team(String team) {
        return jdbc.sql("select " + COLUMNS + " from staff_user where team = :team order by username")
                .param("team", team).query(StaffDirectory::map).list();
    }

    public boolean anyUserWithRole(Role role) {
        return jdbc.sql("select count(*) from staff_user where role = :role").param("role", role.name())
                .query(Long.class).single() > 0;
    }

    /**
     * Disabling ends the user's console sessions at once and revokes their API keys, so enabling the user
     * again revives neither: they sign in anew and are given new keys.
     */
    @Transactional
    public StaffUser setEnabled(String id, boolean enabled) {
        get(id);
        if (enabled) {
            jdbc.sql("update staff_user set enabled = true where id = :id").param("id", id).update();
            audit.record("user.enabled", id, Map.of());
        } else {
            jdbc.sql("update staff_user set enabled = false, session_version = session_version + 1 where id = :id")
                    .param("id", id).update();
            audit.record("user.disabled", id, Map.of("apiKeysRevoked", revokeKeys(id)));
        }
        return get(id);
    }

    /**
     * Gives the user another role: their console sessions end at once (they held the old role) and their
     * API keys, which carry the old role, are revoked.
     */
    @Transactional
    public StaffUser changeRole(String id, Role role) {
        StaffUser user = get(id);
        if (role == null) {
            throw new InvalidInput("role", "is required");
        }
        if (user.role() == role) {
            return user;
        }
        jdbc.sql("update staff_user set role = :role, session_version = session_version + 1 where id = :id")
                .param("role", role.name()).param("id", id).update();
        audit.record("user.role-changed", id, Map.of("from", user.role().name(), "to", role.name(),
                "apiKeysRevoked", revokeKeys(id)));
        return get(id);
    }

    private int revokeKeys(String userId) {
        return jdbc.sql("update api_key set revoked_at = :now where user_id = :id and revoked_at is null")
                .param("now", Db.ts(clock.instant())).param("id", userId).update();
    }

    /** Lifts the user's sign-in locks, from every address, before their 30 minutes are over. */
    @Transactional
    public StaffUser unlock(String id) {
        get(id);
        jdbc.sql("update staff_user set locked_until = null, failed_logins = 0 where id = :id").param("id", id).update();
        jdbc.sql("delete from login_lock where user_id = :id").param("id", id).update();
        audit.record("user.unlocked", id, Map.of());
        return get(id);
    }

    @Transactional
    public void changePassword(String id, String newPassword) {
        StaffUser user = get(id);
        String problem = policy.problem(newPassword, user.username());
        if (problem != null) {
            throw new InvalidInput("password", problem);
        }
        // a new password ends every console session signed in with the old one
        jdbc.sql("update staff_user set password_hash = :hash, session_version = session_version + 1 where id = :id")
                .param("hash", passwords.encode(newPassword)).param("id", id).update();
        audit.record("user.password-changed", id, Map.of());
    }

    /** The language the user chose in the console ({@code zh-TW}, {@code zh-CN} or {@code en}); empty before any choice. */
    public Optional<String> locale(String id) {
        return jdbc.sql("select locale from staff_user where id = :id").param("id", id)
                .query((rs, n) -> Optional.ofNullable(rs.getString("locale"))).optional().flatMap(found -> found);
    }

    /** Remembers the console language of the user; {@code tag} is {@code zh-TW}, {@code zh-CN} or {@code en}. */
    @Transactional
    public void setLocale(String id, String tag) {
        if (tag == null || !java.util.Set.of("zh-TW", "zh-CN", "en").contains(tag)) {
            throw new InvalidInput("locale", "must be zh-TW, zh-CN or en");
        }
        int changed = jdbc.sql("update staff_user set locale = :tag where id = :id and (locale is null or locale <> :tag)")
                .param("tag", tag).param("id", id).update();
        if (changed == 1) {
            audit.record("user.locale-changed", id, Map.of("locale", tag));
        }
    }

    static StaffUser map(ResultSet rs, int row) throws SQLException {
        return new StaffUser(rs.getString("id"), rs.getString("username"), rs.getString("display_name"),
                Role.valueOf(rs.getString("role")), rs.getString("team"), rs.getBoolean("enabled"),
                rs.getBoolean("mfa_enabled"), Db.instant(rs, "locked_until"), Db.instant(rs, "created_at"), rs.getString("email"));
    }
}
