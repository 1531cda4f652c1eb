package io.telepay.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.telepay.audit.AuditTrail;
import io.telepay.shared.Actor;
import io.telepay.shared.Actors;
import io.telepay.shared.Checks;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import io.telepay.shared.NotFound;
import io.telepay.shared.Role;
import io.telepay.shared.RuleViolation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys for integrations and the telephony bridge. A key is 256 random bits; only its SHA-256 is
 * stored (a fast hash is right for high-entropy keys and keeps every API request cheap), looked up
 * through a unique index.
 */
@Service
public class ApiKeys {

    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final StaffDirectory staff;
    private final AuditTrail audit;
    private final Clock clock;

    ApiKeys(JdbcClient jdbc, StaffDirectory staff, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Creates a key. A key bound to a user acts as that user (their team, their customers) and must
     * carry the user's role.
     */
    @Transactional
    public CreatedApiKey create(String name, Role role, String userId) {
        return create(name, role, userId, null);
    }

    /** As {@link #create(String, Role, String)}, refused from {@code expiresAt} on (null: until revoked). */
    @Transactional
    public CreatedApiKey create(String name, Role role, String userId, Instant expiresAt) {
        Checks checks = Checks.start().text("name", name, 100).require("role", role);
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            checks.fail("expiresAt", "must be in the future");
        }
        checks.orThrow();
        if (userId != null) {
            StaffUser user = staff.find(userId).orElseThrow(() -> new NotFound("user", userId));
            if (user.role() != role) {
                throw new RuleViolation("a key bound to " + user.username() + " must carry the user's role " + user.role());
            }
        }
        String prefix = "tpk_" + Ids.randomToken(5);
        String key = prefix + "_" + Ids.randomToken(32);
        String id = insert(name.strip(), role, userId, prefix, key, expiresAt);
        audit.record("api-key.created", id, Map.of("name", name.strip(), "role", role.name(), "prefix", prefix,
                "expiresAt", expiresAt == null ? "" : expiresAt.toString()));
        return new CreatedApiKey(id, key, prefix, name.strip(), role, userId, expiresAt);
    }

    /** The start-up key of {@code TELEPAY_BOOTSTRAP_TOKEN}: an ADMIN key with exactly that value. */
    @Transactional
    void createBootstrapKey(String token) {
        String id = insert("bootstrap", Role.ADMIN, null, "bootstrap", token, null);
        audit.record("api-key.created", id, Map.of("name", "bootstrap", "role", Role.ADMIN.name(), "prefix", "bootstrap"));
    }

    private String insert(String name, Role role, String userId, String prefix, String key, Instant expiresAt) {
        String id = Ids.next("key_");
        jdbc.sql("""
                insert into api_key (id, name, role, user_id, prefix, key_hash, created_at, created_by, expires_at)
                values (:id, :name, :role, :userId, :prefix, :hash, :now, :by, :expiresAt)""")
                .param("expiresAt", expiresAt == null ? null : Db.ts(expiresAt))
                .param("id", id).param("name", name).param("role", role.name()).param("userId", userId)
                .param("prefix", prefix).param("hash", sha256(key)).param("now", Db.ts(clock.instant()))
                .param("by", Actors.currentOrSystem().id())
                .update();
        return id;
    }

    @Transactional
    public ApiKey revoke(String id) {
        ApiKey key = get(id);
        if (key.revokedAt() == null) {
            jdbc.sql("update api_key set revoked_at = :now where id = :id")
                    .param("now", Db.ts(clock.instant())).param("id", id).update();
            audit.record("api-key.revoked", id, Map.of("prefix", key.prefix()));
        }
        return get(id);
    }

    public ApiKey get(String id) {
        return jdbc.sql("select * from api_key where id = :id").param("id", id)
                .query(ApiKeys::map).optional().orElseThrow(() -> new NotFound("API key", id));
    }

    public List<ApiKey> list(String afterId, int limit) {
        return jdbc.sql("select * from api_key where id > :after order by id limit :limit")
                .param("after", afterId == null ? "" : afterId).param("limit", limit)
                .query(ApiKeys::map).list();
    }

    /** The actor a presented key stands for; empty for an unknown, revoked or expired key, or a disabled user. */
    public Optional<Actor> authenticate(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > 200) {
            return Optional.empty();
        }
        var found = jdbc.sql("""
                select k.id, k.name, k.role, k.user_id, k.revoked_at, k.last_used_at, k.expires_at,
                       u.username, u.team, u.enabled
                from api_key k left join staff_user u on u.id = k.user_id
                where k.key_hash = :hash""")
                .param("hash", sha256(presented))
                .query((rs, n) -> new KeyRow(rs.getString("id"), rs.getString("name"), Role.valueOf(rs.getString("role")),
                        rs.getString("user_id"), Db.instant(rs, "revoked_at"), Db.instant(rs, "last_used_at"),
                        rs.getString("username"), rs.getString("team"), rs.getBoolean("enabled"), Db.instant(rs, "expires_at")))
                .optional();
        if (found.isEmpty() || found.get().revokedAt() != null) {
            return Optional.empty();
        }
        KeyRow key = found.get();
        if (key.userId() != null && !key.userEnabled()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (key.expiresAt() != null && !now.isBefore(key.expiresAt())) {
            return Optional.empty();
        }
        if (key.lastUsedAt() == null || key.lastUsedAt().plus(LAST_USED_RESOLUTION).isBefore(now)) {
            jdbc.sql("update api_key set last_used_at = :now where id = :id").param("now", Db.ts(now)).param("id", key.id()).update();
        }
        return Optional.of(key.userId() == null
                ? new Actor(key.id(), key.name(), key.role(), null, null)
                : new Actor(key.userId(), key.username(), key.role(), key.team(), key.userId()));
    }

    static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiKey map(ResultSet rs, int row) throws SQLException {
        return new ApiKey(rs.getString("id"), rs.getString("name"), Role.valueOf(rs.getString("role")),
                rs.getString("user_id"), rs.getString("prefix"), Db.instant(rs, "created_at"), rs.getString("created_by"),
                Db.instant(rs, "revoked_at"), Db.instant(rs, "last_used_at"), Db.instant(rs, "expires_at"));
    }

    private record KeyRow(String id, String name, Role role, String userId, Instant revokedAt, Instant lastUsedAt,
                          String username, String team, boolean userEnabled, Instant expiresAt) {
    }
}
