package io.telepay.outbox.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.telepay.shared.Doorbell;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox's Kafka rows and deletes them once the broker acknowledged them (idempotent producer,
 * {@code acks=all}): nothing is published that did not commit, nothing committed is lost. One transaction per
 * batch takes the relay's row lock ({@code outbox_relay}, skipped when another instance holds it, so one instance
 * at a time publishes and a key's events leave in the order they were written), reads the oldest rows, sends
 * them, waits for every acknowledgement and deletes them. A failure (the broker away) rolls the batch back: the
 * rows wait and go again, under the same event ids, so a batch that reached the broker before the failure is
 * recognised by the consumers. Runs on every instance; wakes after each commit that wrote events.
 */
class KafkaRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KafkaRelay.class);

    private record Row(long id, String eventType, String key, String payload) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final KafkaTemplate<String, String> kafka;
    private final Listeners listeners;
    private final int batchSize;
    private final Duration pollInterval;
    private final Duration sendTimeout;
    private final Counter published;
    private final Doorbell doorbell;
    private final Map<String, String> topics = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread thread;

    KafkaRelay(JdbcClient jdbc, TransactionTemplate tx, KafkaTemplate<String, String> kafka, Listeners listeners,
               MeterRegistry meters, int batchSize, Duration linger, Duration pollInterval, Duration sendTimeout) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.kafka = kafka;
        this.listeners = listeners;
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
        this.doorbell = new Doorbell(pollInterval, linger);
        this.sendTimeout = sendTimeout;
        this.published = Counter.builder("telepay.outbox.kafka.published").description("events the broker acknowledged")
                .register(meters);
    }

    /** A transaction that wrote events committed: publish soon. */
    void wake() {
        doorbell.ring();
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("outbox-kafka-relay").daemon().start(this::work);
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void work() {
        while (running) {
            try {
                doorbell.await();
                relayDue();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the broker or the database away for a while: the rows wait, nothing is lost
                log.warn("publishing the outbox to Kafka failed, retrying: {}", e.toString());
                try {
                    Thread.sleep(pollInterval);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Publishes every row there is, batch after batch; answers how many (0 when another instance is at it). */
    int relayDue() {
        int relayed = 0;
        while (true) {
            Integer batch = tx.execute(status -> relayBatch());
            relayed += batch == null ? 0 : batch;
            if (batch == null || batch < batchSize) {
                return relayed;
            }
        }
    }

    private int relayBatch() {
        boolean ours = jdbc.sql("select name from outbox_relay where name = :name for update skip locked")
                .param("name", KafkaEvents.DESTINATION).query(String.class).optional().isPresent();
        if (!ours) {
            return 0;
        }
        List<Row> rows = jdbc.sql("""
                select id, event_type, event_key, payload from outbox_event
                where listener = :listener order by id limit :limit""")
                .param("listener", KafkaEvents.DESTINATION).param("limit", batchSize)
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getString("event_type"), rs.getString("event_key"),
                        rs.getString("payload")))
                .list();
        if (rows.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<?>> sent = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topicOf(row.eventType()), row.key(), row.payload());
            record.headers().add(KafkaEvents.CLASS_HEADER, row.eventType().getBytes(StandardCharsets.UTF_8));
            sent.add(kafka.send(record));
        }
        kafka.flush();
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not acknowledge a batch of " + rows.size() + " events", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        }
        jdbc.sql("delete from outbox_event where id in (:ids)").param("ids", rows.stream().map(Row::id).toList()).update();
        published.increment(rows.size());
        return rows.size();
    }

    private String topicOf(String eventType) {
        return topics.computeIfAbsent(eventType, type -> {
            try {
                return KafkaEvents.topicOf(listeners.keyNameOf(Class.forName(type)));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("no event type " + type + " in this version", e);
            }
        });
    }
}
