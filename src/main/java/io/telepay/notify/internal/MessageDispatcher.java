package io.telepay.notify.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import io.telepay.notify.Channel;
import io.telepay.notify.MessageQueued;
import io.telepay.shared.Db;
import io.telepay.shared.InstanceRoles;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers queued messages: soon after the queuing transaction commits, in batches (one transaction claims
 * every queued message, {@code for update skip locked} so of several instances exactly one sends each), and
 * again from a sweep for retries. Back-off between attempts: 10 s, 1 min, 5 min, 30 min; after five attempts
 * it has FAILED. Nothing is sent while a transaction is open: the claim commits before the providers are called.
 */
@Component
class MessageDispatcher {

    private static final Logger log = LoggerFactory.getLogger(MessageDispatcher.class);
    static final List<Duration> BACKOFF = List.of(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(30));
    private static final int MAX_ATTEMPTS = BACKOFF.size() + 1;
    private static final int BATCH = 100;
    /** A SENDING message older than this was abandoned by a stopped instance. */
    private static final Duration ABANDONED = Duration.ofMinutes(5);

    private record Claimed(String id, Channel channel, String recipient, String subject, String body, int attempts) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final SmsSender sms;
    private final EmailSender email;
    private final Clock clock;
    private final InstanceRoles roles;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("message-dispatcher").factory());
    private final AtomicBoolean scheduled = new AtomicBoolean();

    MessageDispatcher(JdbcClient jdbc, TransactionTemplate tx, SmsSender sms, EmailSender email, Clock clock,
                      InstanceRoles roles) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.sms = sms;
        this.email = email;
        this.clock = clock;
        this.roles = roles;
    }

    /** After the queuing transaction committed: deliver soon, with whatever else was queued meanwhile. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(MessageQueued queued) {
        // an API node only queues: a worker's sweep sends (telepay.notify.sweep-interval later at most)
        if (roles.workers() && scheduled.compareAndSet(false, true)) {
            worker.execute(() -> {
                scheduled.set(false);
                deliverQueued();
            });
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    @Scheduled(fixedDelayString = "${telepay.notify.sweep-interval:PT10S}", initialDelayString = "PT15S")
    void sweep() {
        if (!roles.workers()) {
            return;
        }
        Instant now = clock.instant();
        jdbc.sql("update notify_message set status = 'RETRYING', next_attempt_at = :now where status = 'SENDING' and claimed_at < :abandoned")
                .param("now", Db.ts(now)).param("abandoned", Db.ts(now.minus(ABANDONED))).update();
        deliverQueued();
    }

    /** Delivers every message that is due, a batch at a time; answers how many were attempted. */
    int deliverQueued() {
        int attempted = 0;
        List<Claimed> batch;
        do {
            batch = claim();
            Map<String, List<String>> sentBy = new HashMap<>();
            for (Claimed message : batch) {
                deliver(message).ifPresent(provider -> sentBy.computeIfAbsent(provider, p -> new ArrayList<>()).add(message.id()));
            }
            // the sent ones recorded together, one statement per provider
            sentBy.forEach((provider, ids) -> jdbc.sql("""
                    update notify_message set status = 'SENT', provider = :provider, sent_at = :now, last_error = null
                    where id in (:ids)""").param("provider", provider).param("now", Db.ts(clock.instant())).param("ids", ids).update());
            attempted += batch.size();
        } while (batch.size() == BATCH);
        return attempted;
    }

    private List<Claimed> claim() {
        Instant now = clock.instant();
        return tx.execute(status -> {
            List<Claimed> due = jdbc.sql("""
                    select id, channel, recipient, subject, body, attempts from notify_message
                    where status = 'QUEUED' or status = 'RETRYING' and next_attempt_at <= :now
                    order by created_at limit :limit for update skip locked""")
                    .param("now", Db.ts(now)).param("limit", BATCH)
                    .query((rs, n) -> new Claimed(rs.getString("id"), Channel.valueOf(rs.getString("channel")),
                            rs.getString("recipient"), rs.getString("subject"), rs.getString("body"), rs.getInt("attempts") + 1))
                    .list();
            if (!due.isEmpty()) {
                jdbc.sql("update notify_message set status = 'SENDING', attempts = attempts + 1, claimed_at = :now where id in (:ids)")
                        .param("now", Db.ts(now)).param("ids", due.stream().map(Claimed::id).toList()).update();
            }
            return due;
        });
    }

    /** One delivery attempt of a claimed message: the provider that took it, or empty with the failure recorded. */
    private Optional<String> deliver(Claimed message) {
        try {
            return Optional.of(message.channel() == Channel.SMS ? sms.send(message.recipient(), message.body())
                    : email.send(message.recipient(), message.subject(), message.body()));
        } catch (DeliveryFailed e) {
            boolean giveUp = e.permanent() || message.attempts() >= MAX_ATTEMPTS;
            log.warn("message {} attempt {} failed: {}{}", message.id(), message.attempts(), e.getMessage(), giveUp ? " (giving up)" : "");
            jdbc.sql("update notify_message set status = :status, last_error = :error, next_attempt_at = :next where id = :id")
                    .param("status", giveUp ? "FAILED" : "RETRYING").param("error", e.getMessage())
                    .param("next", giveUp ? null : Db.ts(clock.instant().plus(BACKOFF.get(message.attempts() - 1))))
                    .param("id", message.id()).update();
            return Optional.empty();
        }
    }
}
