package io.telepay.identity.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.telepay.audit.AuditTrail;
import io.telepay.shared.Db;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts failed sign-ins per user: after {@code telepay.login.max-failures} in a row the account is
 * locked for {@code telepay.login.lockout}. Every attempt is audited.
 */
@Component
class LoginAttempts {

    static final String BAD_CREDENTIALS = "bad-credentials";
    static final String BAD_SECOND_FACTOR = "bad-second-factor";
    /** Wrong passwords and wrong codes both count: a 6-digit code must not be guessable either. */
    private static final java.util.Set<String> COUNTED = java.util.Set.of(BAD_CREDENTIALS, BAD_SECOND_FACTOR);

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final int maxFailures;
    private final Duration lockout;

    LoginAttempts(JdbcClient jdbc, AuditTrail audit, Clock clock,
                  @Value("${telepay.login.max-failures}") int maxFailures,
                  @Value("${telepay.login.lockout}") Duration lockout) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
    }

    @Transactional
    void failed(String username, String reason) {
        String normalized = username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT);
        var user = jdbc.sql("select id, failed_logins from staff_user where username = :username for update")
                .param("username", normalized)
                .query((rs, n) -> new Object[] {rs.getString("id"), rs.getInt("failed_logins")})
                .optional();
        String subject = user.map(u -> (String) u[0]).orElse(null);
        if (user.isPresent() && COUNTED.contains(reason)) {
            int failures = (int) user.get()[1] + 1;
            if (failures >= maxFailures) {
                jdbc.sql("update staff_user set failed_logins = 0, locked_until = :until where id = :id")
                        .param("until", Db.ts(clock.instant().plus(lockout))).param("id", subject).update();
                audit.recordIndependently(subject, normalized, "login.locked-out", subject, AuditTrail.FAILURE,
                        Map.of("failures", failures, "lockedForMinutes", lockout.toMinutes()));
            } else {
                jdbc.sql("update staff_user set failed_logins = :n where id = :id")
                        .param("n", failures).param("id", subject).update();
            }
        }
        audit.recordIndependently(subject == null ? "anonymous" : subject, truncate(normalized), "login.failed", subject,
                AuditTrail.FAILURE, Map.of("reason", reason));
    }

    @Transactional
    void succeeded(String userId, String username, String factor) {
        jdbc.sql("update staff_user set failed_logins = 0 where id = :id").param("id", userId).update();
        audit.recordIndependently(userId, username, "login.succeeded", userId, AuditTrail.SUCCESS, Map.of("factor", factor));
    }

    boolean locked(String userId) {
        return jdbc.sql("select count(*) from staff_user where id = :id and locked_until > :now")
                .param("id", userId).param("now", Db.ts(clock.instant())).query(Long.class).single() > 0;
    }

    private static String truncate(String username) {
        return username.length() > 64 ? username.substring(0, 64) : username;
    }
}
