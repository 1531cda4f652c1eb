package io.telepay.notify.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.MeterRegistry;
import io.telepay.shared.Db;
import io.telepay.shared.InstanceRoles;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends webhook deliveries: each new one right after the transaction that queued it commits, and every
 * due retry from a sweep that runs on each instance. Before sending, an instance claims the attempt with
 * a conditional update (PENDING and due → SENDING, attempt number + 1); of several instances exactly one
 * wins, and its result is written only while the delivery is still its claim (same status and attempt
 * number), so an instance presumed dead cannot overwrite the attempt that replaced it. Attempts of a
 * delivery left SENDING by a stopped instance are taken up again once it cannot still be running (three
 * timeouts and a minute): at least once.
 */
@Component
class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    static final int BATCH = 200;
    static final String USER_AGENT = "Telepay-Webhooks/1";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final WebhookEndpoints endpoints;
    private final WebhookSender sender;
    private final UrlGuard urls;
    private final Clock clock;
    private final MeterRegistry meters;
    private final InstanceRoles roles;
    private final RetrySchedule schedule = RetrySchedule.STANDARD;
    private final Semaphore inFlight;
    /** Longer than an attempt can take (connect and answer timeouts); a SENDING row older than this was abandoned. */
    private final Duration abandoned;
    private final ExecutorService sending = Executors.newVirtualThreadPerTaskExecutor();

    WebhookDispatcher(JdbcClient jdbc, TransactionTemplate tx, WebhookEndpoints endpoints, WebhookSender sender,
                      UrlGuard urls, Clock clock, MeterRegistry meters, WebhookSettings settings, InstanceRoles roles) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.endpoints = endpoints;
        this.sender = sender;
        this.urls = urls;
        this.clock = clock;
        this.meters = meters;
        this.roles = roles;
        this.inFlight = new Semaphore(settings.maxParallelSends());
        this.abandoned = settings.timeout().multipliedBy(3).plusMinutes(1);
    }

    /** First attempts, without waiting for them; when this instance is busy, the sweep takes them. */
    void sendSoon(List<String> deliveryIds) {
        for (String id : deliveryIds) {
            if (!inFlight.tryAcquire()) {
                return;
            }
            sending.execute(() -> {
                try {
                    attempt(id);
                } catch (RuntimeException e) {
                    log.warn("webhook delivery {} attempt failed unexpectedly", id, e);
                } finally {
                    inFlight.release();
                }
            });
        }
    }

    @Scheduled(fixedDelayString = "${telepay.webhooks.sweep-interval:PT5S}", initialDelayString = "${telepay.webhooks.sweep-interval:PT5S}")
    void scheduledSweep() {
        if (roles.workers()) {
            sweep();
        }
    }

    /** Attempts every due delivery, in parallel, and waits until all are done; answers how many attempts it made. */
    int sweep() {
        Instant now = clock.instant();
        jdbc.sql("update webhook_delivery set status = 'PENDING', next_attempt_at = :now where status = 'SENDING' and claimed_at < :abandoned")
                .param("now", Db.ts(now)).param("abandoned", Db.ts(now.minus(abandoned))).update();
        List<String> due = jdbc.sql("""
                select id from webhook_delivery where status = 'PENDING' and next_attempt_at <= :now
                order by next_attempt_at limit :batch""")
                .param("now", Db.ts(now)).param("batch", BATCH).query(String.class).list();
        List<Future<Boolean>> attempts = due.stream().map(id -> sending.submit(() -> {
            inFlight.acquire();
            try {
                return attempt(id);
            } finally {
                inFlight.release();
            }
        })).toList();
        int made = 0;
        for (Future<Boolean> attempt : attempts) {
            try {
                made += attempt.get() ? 1 : 0;
            } catch (ExecutionException e) {
                log.warn("webhook delivery attempt failed unexpectedly", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return made;
    }

    /** One attempt at the delivery, if it is due and this instance wins the claim; answers whether it made one. */
    boolean attempt(String deliveryId) {
        Instant claimedAt = clock.instant();
        int claimed = jdbc.sql("""
                update webhook_delivery set status = 'SENDING', attempts = attempts + 1, claimed_at = :now
                where id = :id and status = 'PENDING' and next_attempt_at <= :now""")
                .param("id", deliveryId).param("now", Db.ts(claimedAt)).update();
        if (claimed == 0) {
            return false;
        }
        Claim claim = jdbc.sql("""
                select d.attempts, d.endpoint_id, e.id as event_id, e.body from webhook_delivery d
                join webhook_event e on e.id = d.event_id where d.id = :id""")
                .param("id", deliveryId)
                .query((rs, n) -> new Claim(deliveryId, rs.getInt("attempts"), rs.getString("endpoint_id"),
                        rs.getString("event_id"), rs.getString("body")))
                .single();
        Instant startedAt = clock.instant();
        WebhookSender.Outcome outcome = send(claim, startedAt);
        finish(claim, startedAt, outcome);
        return true;
    }

    private record Claim(String deliveryId, int attempt, String endpointId, String eventId, String body) {
    }

    private WebhookSender.Outcome send(Claim claim, Instant now) {
        Optional<WebhookEndpoints.Target> target;
        try {
            target = endpoints.target(claim.endpointId(), now);
        } catch (IllegalStateException unreadableSecret) {
            return WebhookSender.Outcome.notSent("not sent: the signing secret cannot be decrypted; rotate it");
        }
        if (target.isEmpty()) {
            return WebhookSender.Outcome.abandoned("not sent: the endpoint is disabled");
        }
        Optional<String> refused = urls.refusalBeforeSending(target.get().url());
        if (refused.isPresent()) {
            return WebhookSender.Outcome.notSent(refused.get());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", USER_AGENT);
        headers.put("Telepay-Event-Id", claim.eventId());
        headers.put("Telepay-Delivery-Id", claim.deliveryId());
        headers.put(SignatureHeader.NAME, SignatureHeader.of(now.getEpochSecond(), claim.body(), target.get().secrets()));
        return sender.send(target.get().url(), headers, claim.body());
    }

    private void finish(Claim claim, Instant startedAt, WebhookSender.Outcome outcome) {
        Instant finishedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Optional<Duration> pause = outcome.succeeded() || !outcome.retryable()
                ? Optional.empty()
                : schedule.pauseAfter(claim.attempt(), ThreadLocalRandom.current());
        Instant next = pause.map(finishedAt::plus).orElse(null);
        String status = outcome.succeeded() ? "SUCCEEDED" : next != null ? "PENDING" : "FAILED";
        tx.executeWithoutResult(transaction -> {
            jdbc.sql("""
                    insert into webhook_attempt (delivery_id, number, started_at, duration_ms, status_code, error, next_attempt_at)
                    values (:delivery, :number, :started, :duration, :code, :error, :next)""")
                    .param("delivery", claim.deliveryId()).param("number", claim.attempt())
                    .param("started", Db.ts(startedAt.truncatedTo(ChronoUnit.MICROS))).param("duration", outcome.durationMs())
                    .param("code", outcome.statusCode()).param("error", outcome.error()).param("next", Db.ts(next))
                    .update();
            int updated = jdbc.sql("""
                    update webhook_delivery set status = :status, next_attempt_at = :next, last_status_code = :code,
                           last_error = :error, delivered_at = :delivered, claimed_at = null
                    where id = :id and status = 'SENDING' and attempts = :attempt""")
                    .param("status", status).param("next", Db.ts(next)).param("code", outcome.statusCode())
                    .param("error", outcome.error()).param("delivered", outcome.succeeded() ? Db.ts(finishedAt) : null)
                    .param("id", claim.deliveryId()).param("attempt", claim.attempt())
                    .update();
            if (updated == 0) {
                log.info("webhook delivery {} attempt {} finished after another instance took the delivery over",
                        claim.deliveryId(), claim.attempt());
            }
            if (outcome.gone()) {
                endpoints.disableGone(claim.endpointId());
            }
        });
        meters.counter("telepay.webhooks.attempts", "outcome",
                outcome.succeeded() ? "succeeded" : outcome.gone() ? "gone" : "failed").increment();
        if (!outcome.succeeded()) {
            log.info("webhook delivery {} attempt {} failed: {}{}", claim.deliveryId(), claim.attempt(), outcome.error(),
                    next == null ? " (no more attempts)" : "");
        }
    }

    @PreDestroy
    void stop() {
        sending.shutdownNow();
    }
}
