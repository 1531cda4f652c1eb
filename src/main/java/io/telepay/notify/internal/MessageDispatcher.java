package io.telepay.notify.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.telepay.notify.Channel;
import io.telepay.notify.MessageQueued;
import io.telepay.shared.Db;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers queued messages: right after the queuing transaction commits, and again from a sweep for
 * retries. A message is claimed with a conditional update, so of several instances exactly one sends
 * it. Back-off between attempts: 10 s, 1 min, 5 min, 30 min; after five attempts it has FAILED.
 */
@Component
class MessageDispatcher {

    private static final Logger log = LoggerFactory.getLogger(MessageDispatcher.class);
    static final List<Duration> BACKOFF = List.of(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(30));
    private static final int MAX_ATTEMPTS = BACKOFF.size() + 1;
    /** A SENDING message older than this was abandoned by a stopped instance. */
    private static final Duration ABANDONED = Duration.ofMinutes(5);

    private final JdbcClient jdbc;
    private final SmsSender sms;
    private final EmailSender email;
    private final Clock clock;

    MessageDispatcher(JdbcClient jdbc, SmsSender sms, EmailSender email, Clock clock) {
        this.jdbc = jdbc;
        this.sms = sms;
        this.email = email;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(MessageQueued queued) {
        deliver(queued.messageId());
    }

    @Scheduled(fixedDelayString = "${telepay.notify.sweep-interval:PT10S}", initialDelayString = "PT15S")
    void sweep() {
        Instant now = clock.instant();
        jdbc.sql("update notify_message set status = 'RETRYING', next_attempt_at = :now where status = 'SENDING' and claimed_at < :abandoned")
                .param("now", Db.ts(now)).param("abandoned", Db.ts(now.minus(ABANDONED))).update();
        List<String> due = jdbc.sql("""
                select id from notify_message
                where status = 'RETRYING' and next_attempt_at <= :now
                   or status = 'QUEUED' and created_at < :stale
                order by created_at limit 100""")
                .param("now", Db.ts(now)).param("stale", Db.ts(now.minus(Duration.ofMinutes(1))))
                .query(String.class).list();
        due.forEach(this::deliver);
    }

    /** One delivery attempt, if this instance wins the claim. */
    void deliver(String id) {
        Instant now = clock.instant();
        int claimed = jdbc.sql("""
                update notify_message set status = 'SENDING', attempts = attempts + 1, claimed_at = :now
                where id = :id and (status = 'QUEUED' or status = 'RETRYING' and next_attempt_at <= :now)""")
                .param("id", id).param("now", Db.ts(now)).update();
        if (claimed == 0) {
            return;
        }
        var message = jdbc.sql("select channel, recipient, subject, body, attempts from notify_message where id = :id")
                .param("id", id)
                .query((rs, n) -> new Object[] {Channel.valueOf(rs.getString("channel")), rs.getString("recipient"),
                        rs.getString("subject"), rs.getString("body"), rs.getInt("attempts")})
                .single();
        int attempts = (int) message[4];
        try {
            String provider = message[0] == Channel.SMS
                    ? sms.send((String) message[1], (String) message[3])
                    : email.send((String) message[1], (String) message[2], (String) message[3]);
            jdbc.sql("update notify_message set status = 'SENT', provider = :provider, sent_at = :now, last_error = null where id = :id")
                    .param("provider", provider).param("now", Db.ts(clock.instant())).param("id", id).update();
        } catch (DeliveryFailed e) {
            boolean giveUp = e.permanent() || attempts >= MAX_ATTEMPTS;
            log.warn("message {} attempt {} failed: {}{}", id, attempts, e.getMessage(), giveUp ? " (giving up)" : "");
            jdbc.sql("update notify_message set status = :status, last_error = :error, next_attempt_at = :next where id = :id")
                    .param("status", giveUp ? "FAILED" : "RETRYING").param("error", e.getMessage())
                    .param("next", giveUp ? null : Db.ts(clock.instant().plus(BACKOFF.get(attempts - 1))))
                    .param("id", id).update();
        }
    }
}
