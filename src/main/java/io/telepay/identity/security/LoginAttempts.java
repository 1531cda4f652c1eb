package io.telepay.identity.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import io.telepay.audit.AuditTrail;
import io.telepay.notify.Channel;
import io.telepay.notify.Messages;
import io.telepay.notify.OutboundMessage;
import io.telepay.shared.Db;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts failed sign-ins per user <em>and client address</em>: after {@code telepay.login.max-failures} in
 * a row from one address, sign-ins of that user from that address are refused for {@code telepay.login.lockout}
 * while the user signs in from anywhere else as usual — a stranger guessing cannot lock the real user out.
 * Guessing from many addresses is slowed by the per-address throttle ({@link LoginThrottle}). The user is
 * told of each lock by e-mail when an address is on file. Every attempt is audited.
 */
@Component
class LoginAttempts {

    static final String BAD_CREDENTIALS = "bad-credentials";
    static final String BAD_SECOND_FACTOR = "bad-second-factor";
    static final String LOCKED = "locked";
    /** Wrong passwords and wrong codes both count: a 6-digit code must not be guessable either. */
    private static final java.util.Set<String> COUNTED = java.util.Set.of(BAD_CREDENTIALS, BAD_SECOND_FACTOR);

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Messages messages;
    private final Clock clock;
    private final int maxFailures;
    private final Duration lockout;
    private final String companyName;

    LoginAttempts(JdbcClient jdbc, AuditTrail audit, Messages messages, Clock clock,
                  @Value("${telepay.login.max-failures}") int maxFailures,
                  @Value("${telepay.login.lockout}") Duration lockout,
                  @Value("${telepay.company-name}") String companyName) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
        this.companyName = companyName;
    }

    private record User(String id, String email) {
    }

    @Transactional
    void failed(String username, String address, String reason) {
        String normalized = normalize(username);
        // the user's row lock serializes the count of their failures across instances
        var user = jdbc.sql("select id, email from staff_user where username = :username for update")
                .param("username", normalized)
                .query((rs, n) -> new User(rs.getString("id"), rs.getString("email")))
                .optional();
        String subject = user.map(User::id).orElse(null);
        if (user.isPresent() && COUNTED.contains(reason)) {
            count(user.get(), normalized, address);
        }
        audit.recordIndependently(subject == null ? "anonymous" : subject, truncate(normalized), "login.failed", subject,
                AuditTrail.FAILURE, Map.of("reason", reason, "address", address));
    }

    private void count(User user, String username, String address) {
        jdbc.sql("insert into login_lock (user_id, address, failures) values (:id, :address, 0) on conflict do nothing")
                .param("id", user.id()).param("address", address).update();
        int failures = jdbc.sql("select failures from login_lock where user_id = :id and address = :address")
                .param("id", user.id()).param("address", address).query(Integer.class).single() + 1;
        if (failures < maxFailures) {
            jdbc.sql("update login_lock set failures = :n where user_id = :id and address = :address")
                    .param("n", failures).param("id", user.id()).param("address", address).update();
            return;
        }
        Instant until = clock.instant().plus(lockout);
        jdbc.sql("update login_lock set failures = 0, locked_until = :until where user_id = :id and address = :address")
                .param("until", Db.ts(until)).param("id", user.id()).param("address", address).update();
        // what the admin sees on the user: the latest lock (which holds for its address only)
        jdbc.sql("update staff_user set locked_until = :until where id = :id").param("until", Db.ts(until)).param("id", user.id()).update();
        audit.recordIndependently(user.id(), username, "login.locked-out", user.id(), AuditTrail.FAILURE,
                Map.of("failures", failures, "lockedForMinutes", lockout.toMinutes(), "address", address));
        if (user.email() != null) {
            messages.queue(new OutboundMessage(Channel.EMAIL, user.email(), companyName + " 登入已暫停 Sign-in paused",
                    lockMail(username, address, until), "LOGIN_LOCKED", user.id()));
        }
    }

    private String lockMail(String username, String address, Instant lockedUntil) {
        Instant until = lockedUntil.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        long minutes = lockout.toMinutes();
        return companyName + "：帳號 " + username + " 從 " + address + " 連續 " + maxFailures + " 次密碼錯誤，該位址的登入已暫停 "
                + minutes + " 分鐘（至 " + until + "）；您從其他位址登入不受影響。若不是您本人，請告知系統管理員。\n"
                + companyName + ": " + maxFailures + " wrong passwords for " + username + " came from " + address
                + ". Sign-ins from that address are paused for " + minutes + " minutes (until " + until
                + "); yours from anywhere else are not. If this was not you, tell your administrator.";
    }

    @Transactional
    void succeeded(String userId, String username, String address, String factor) {
        jdbc.sql("update login_lock set failures = 0 where user_id = :id and address = :address")
                .param("id", userId).param("address", address).update();
        audit.recordIndependently(userId, username, "login.succeeded", userId, AuditTrail.SUCCESS,
                Map.of("factor", factor, "address", address));
    }

    /** Whether sign-ins of this user (by id) from this address are paused. */
    boolean locked(String userId, String address) {
        return jdbc.sql("select count(*) from login_lock where user_id = :id and address = :address and locked_until > :now")
                .param("id", userId).param("address", address).param("now", Db.ts(clock.instant())).query(Long.class).single() > 0;
    }

    /** Whether sign-ins of this user (by username) from this address are paused; false for an unknown name. */
    boolean lockedByName(String username, String address) {
        return jdbc.sql("""
                select count(*) from login_lock l join staff_user u on u.id = l.user_id
                where u.username = :username and l.address = :address and l.locked_until > :now""")
                .param("username", normalize(username)).param("address", address).param("now", Db.ts(clock.instant()))
                .query(Long.class).single() > 0;
    }

    private static String normalize(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }

    private static String truncate(String username) {
        return username.length() > 64 ? username.substring(0, 64) : username;
    }
}
