package io.telepay.outbox.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.telepay.shared.Db;
import io.telepay.shared.Doorbell;
import io.telepay.shared.InstanceRoles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hands the outbox's events to their listeners in batches, one worker thread per listener, so a slow listener
 * (rescoring) never holds up a quick one (a receipt): one transaction claims up to a batch of the listener's due
 * rows ({@code for update skip locked}, so several instances share the work and never hand one row over twice at
 * once), hands them over in order and deletes them. If the listener fails, that transaction is rolled back and
 * the batch is handed over row by row instead, so a failing event delays only itself — and the later events of
 * the same payment or order, which keep their order — with a widening back-off. A listener's batch starts when
 * a transaction that wrote it events commits, {@code telepay.outbox.linger} later so that events committed
 * meanwhile go in the same batch, and every {@code telepay.outbox.poll-interval} in any case. The workers run on
 * instances with the {@code workers} role only.
 */
@Component
public class OutboxDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    static final List<Duration> BACKOFF = List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2),
            Duration.ofMinutes(10), Duration.ofHours(1));

    private record Row(long id, String listener, String eventType, String key, String payload, int attempts) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Listeners listeners;
    private final JsonMapper json;
    private final Clock clock;
    private final InstanceRoles roles;
    private final int batchSize;
    private final Duration linger;
    private final Duration pollInterval;
    private final Map<String, Worker> workers = new ConcurrentHashMap<>();
    private volatile boolean running;

    OutboxDispatcher(JdbcClient jdbc, TransactionTemplate tx, Listeners listeners, JsonMapper json, Clock clock, InstanceRoles roles,
                     @Value("${telepay.outbox.batch-size:200}") int batchSize,
                     @Value("${telepay.outbox.linger:PT0.2S}") Duration linger,
                     @Value("${telepay.outbox.poll-interval:PT1S}") Duration pollInterval) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.listeners = listeners;
        this.json = json;
        this.clock = clock;
        this.roles = roles;
        this.batchSize = batchSize;
        this.linger = linger;
        this.pollInterval = pollInterval;
    }

    /** A transaction that wrote events for these listeners committed: hand them over soon. */
    void wake(Collection<String> listenerIds) {
        listenerIds.forEach(id -> {
            Worker worker = workers.get(id);
            if (worker != null) {
                worker.doorbell.ring();
            }
        });
    }

    @Override
    public void start() {
        running = true;
        if (!roles.workers()) {
            return; // an API node writes the outbox; the workers hand it over
        }
        for (String id : listeners.ids()) {
            Worker worker = new Worker(id);
            workers.put(id, worker);
            worker.thread = Thread.ofPlatform().name("outbox-" + shortName(id)).daemon().start(worker::work);
        }
    }

    /** {@code io.telepay.trust.receipt.Receipts.on(…)} → {@code Receipts.on}. */
    static String shortName(String listenerId) {
        String method = listenerId.substring(0, listenerId.indexOf('('));
        return method.substring(method.lastIndexOf('.', method.lastIndexOf('.') - 1) + 1);
    }

    @Override
    public void stop() {
        running = false;
        workers.values().forEach(worker -> worker.thread.interrupt());
        for (Worker worker : workers.values()) {
            try {
                worker.thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private final class Worker {

        private final String listener;
        private final Doorbell doorbell = new Doorbell(pollInterval, linger);
        private Thread thread;

        Worker(String listener) {
            this.listener = listener;
        }

        void work() {
            while (running) {
                try {
                    doorbell.await();
                    dispatchDue(listener);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // the database may be away for a moment: the rows wait, nothing is lost
                    log.warn("outbox dispatch for {} failed: {}", listener, e.toString());
                }
            }
        }
    }

    /** Hands over every due row of every listener; answers how many were handled. */
    public int dispatchDue() {
        return listeners.ids().stream().mapToInt(this::dispatchDue).sum();
    }

    /** Hands over every due row of the listener, batch after batch; answers how many were handled. */
    private int dispatchDue(String listener) {
        Worker worker = workers.get(listener);
        // one batch of a listener at a time per instance: its events keep their order
        synchronized (worker != null ? worker : this) {
            int handled = 0;
            while (true) {
                int batch = dispatchBatch(listener);
                handled += Math.max(batch, 0);
                if (Math.abs(batch) < batchSize) {
                    return handled;
                }
            }
        }
    }

    /** One batch; the number handled, negative when some failed (the batch was then handed over row by row). */
    private int dispatchBatch(String listener) {
        List<Row> claimed = new ArrayList<>();
        try {
            return tx.execute(status -> {
                claimed.addAll(claim(listener));
                for (Row row : claimed) {
                    hear(row);
                }
                delete(claimed.stream().map(Row::id).toList());
                return claimed.size();
            });
        } catch (RuntimeException failed) {
            if (claimed.isEmpty()) {
                throw failed;
            }
            return -oneByOne(claimed);
        }
    }

    private List<Row> claim(String listener) {
        return jdbc.sql("""
                select id, listener, event_type, event_key, payload, attempts from outbox_event
                where listener = :listener and next_attempt_at <= :now order by id limit :limit for update skip locked""")
                .param("listener", listener).param("now", Db.ts(clock.instant())).param("limit", batchSize)
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getString("listener"), rs.getString("event_type"),
                        rs.getString("event_key"), rs.getString("payload"), rs.getInt("attempts")))
                .list();
    }

    private int oneByOne(List<Row> rows) {
        Set<String> held = new HashSet<>();
        int handled = 0;
        for (Row row : rows) {
            String ordering = row.listener() + "|" + row.key();
            if (row.key() != null && held.contains(ordering)) {
                continue; // an earlier event of the same payment failed for this listener: this one waits behind it
            }
            try {
                Boolean done = tx.execute(status -> {
                    boolean mine = jdbc.sql("select id from outbox_event where id = :id for update skip locked")
                            .param("id", row.id()).query(Long.class).optional().isPresent();
                    if (!mine) {
                        return false; // handled meanwhile, or another instance is at it
                    }
                    hear(row);
                    delete(List.of(row.id()));
                    return true;
                });
                handled += Boolean.TRUE.equals(done) ? 1 : 0;
            } catch (RuntimeException e) {
                held.add(ordering);
                failed(row, e);
            }
        }
        return handled;
    }

    private void hear(Row row) {
        Listeners.Listener listener = listeners.byId(row.listener())
                .orElseThrow(() -> new IllegalStateException("no listener " + row.listener() + " in this version"));
        Object event;
        try {
            event = json.readValue(row.payload(), Class.forName(row.eventType()));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no event type " + row.eventType() + " in this version", e);
        }
        listener.hear(event);
    }

    private void failed(Row row, RuntimeException e) {
        int attempts = row.attempts() + 1;
        Instant next = clock.instant().plus(BACKOFF.get(Math.min(attempts, BACKOFF.size()) - 1));
        log.warn("outbox event {} for {} failed (attempt {}), next at {}: {}", row.id(), row.listener(), attempts, next,
                e.toString());
        String error = e.getClass().getSimpleName();
        tx.executeWithoutResult(status -> {
            jdbc.sql("update outbox_event set attempts = :attempts, next_attempt_at = :next, last_error = :error where id = :id")
                    .param("attempts", attempts).param("next", Db.ts(next)).param("error", error).param("id", row.id()).update();
            if (row.key() != null) {
                // the same payment's later events for this listener wait behind it, in their order
                jdbc.sql("""
                        update outbox_event set next_attempt_at = :next
                        where listener = :listener and event_key = :key and id > :id and next_attempt_at < :next""")
                        .param("next", Db.ts(next)).param("listener", row.listener()).param("key", row.key())
                        .param("id", row.id()).update();
            }
        });
    }

    private void delete(List<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("delete from outbox_event where id in (:ids)").param("ids", ids).update();
        }
    }
}
