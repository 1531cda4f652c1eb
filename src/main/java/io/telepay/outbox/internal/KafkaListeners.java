package io.telepay.outbox.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.telepay.shared.Db;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feeds every {@link io.telepay.outbox.OutboxListener} from Kafka on an instance with the {@code workers} role: one
 * consumer group per listener ({@code telepay.<Class.method>}), subscribed to every Telepay topic, so instances
 * share a listener's partitions and a partition's events reach it in order. A poll's events are heard in one
 * transaction that also records their ids for the listener ({@code processed_event}): an event delivered again —
 * after a worker stopped before committing its offsets, or published twice by the relay — is recognised and
 * skipped, so nothing is handled twice with effect. When the listener fails, the poll is heard event by event;
 * the failing event is retried with back-off (1 s doubling to 5 min) and holds up its partition meanwhile: later
 * events of the same key must not overtake it.
 */
class KafkaListeners implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KafkaListeners.class);

    private final Listeners listeners;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<String, Object> consumerConfig;
    private final int concurrency;
    private final Duration keepProcessed;
    private final MeterRegistry meters;
    private final Map<String, Counter> redelivered = new ConcurrentHashMap<>();
    private final List<ConcurrentMessageListenerContainer<String, String>> containers = new ArrayList<>();
    private volatile boolean running;

    KafkaListeners(Listeners listeners, JdbcClient jdbc, TransactionTemplate tx, JsonMapper json, Clock clock,
                   MeterRegistry meters, Map<String, Object> consumerConfig, int concurrency, Duration keepProcessed) {
        this.listeners = listeners;
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
        this.consumerConfig = consumerConfig;
        this.concurrency = concurrency;
        this.keepProcessed = keepProcessed;
        this.meters = meters;
    }

    @Override
    public void start() {
        running = true;
        listeners.ids().stream().sorted(Comparator.naturalOrder()).map(id -> listeners.byId(id).orElseThrow())
                .forEach(listener -> {
                    ConcurrentMessageListenerContainer<String, String> container = container(listener);
                    containers.add(container);
                    container.start();
                });
    }

    private ConcurrentMessageListenerContainer<String, String> container(Listeners.Listener listener) {
        String group = groupOf(listener.id());
        var factory = new DefaultKafkaConsumerFactory<>(consumerConfig, new StringDeserializer(), new StringDeserializer());
        ContainerProperties properties = new ContainerProperties(KafkaEvents.TOPICS.toArray(String[]::new));
        properties.setGroupId(group);
        // the process in the client id: an operator describing the group sees which worker holds which partitions
        properties.setClientId(group + "@" + ProcessHandle.current().pid());
        properties.setAckMode(ContainerProperties.AckMode.BATCH);
        properties.setMessageListener((BatchMessageListener<String, String>) records -> hear(listener, group, records));
        properties.setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                log.info("{}: assigned {}", group, partitions);
            }

            @Override
            public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                log.info("{}: revoked {}", group, partitions);
            }
        });
        var container = new ConcurrentMessageListenerContainer<>(factory, properties);
        container.setConcurrency(concurrency);
        ExponentialBackOff backOff = new ExponentialBackOff(1000, 2);
        backOff.setMaxInterval(Duration.ofMinutes(5).toMillis());
        container.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        container.setBeanName("kafka-" + group);
        return container;
    }

    /** {@code io.telepay.trust.receipt.Receipts.on(…)} → {@code telepay.Receipts.on}: stable across starts, as the listener's id. */
    static String groupOf(String listenerId) {
        return "telepay." + OutboxDispatcher.shortName(listenerId);
    }

    /** One of the poll's records that this listener hears: its place in the poll, its event id and the event. */
    private record Heard(int index, String id, Object event) {
    }

    /**
     * The poll's records in one transaction, like the outbox's batches; if the listener fails, record by record
     * instead, and the failing one is retried from where it is (the ones before it are done and committed).
     */
    private void hear(Listeners.Listener listener, String group, List<ConsumerRecord<String, String>> records) {
        Map<String, Heard> heard = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, String> record = records.get(i);
            Class<?> eventClass = eventClass(record);
            if (eventClass != null && listener.eventType().isAssignableFrom(eventClass)) {
                KafkaEvents.Received received = KafkaEvents.read(json, record.value(), eventClass);
                heard.putIfAbsent(received.id(), new Heard(i, received.id(), received.event())); // published twice in one poll
            }
        }
        if (log.isDebugEnabled()) {
            log.debug("{}: {} records polled from {}, {} for this listener", group, records.size(),
                    records.stream().map(r -> r.topic() + "-" + r.partition()).distinct().toList(), heard.size());
        }
        if (heard.isEmpty()) {
            return;
        }
        try {
            tx.executeWithoutResult(status -> handle(listener, group, List.copyOf(heard.values())));
        } catch (RuntimeException failed) {
            for (Heard one : heard.values()) {
                try {
                    tx.executeWithoutResult(status -> handle(listener, group, List.of(one)));
                } catch (RuntimeException e) {
                    throw new BatchListenerFailedException("event " + one.id() + " failed for " + group, e, one.index());
                }
            }
        }
    }

    /** Hears the events not handled before, and records them handled, in the caller's transaction. */
    private void handle(Listeners.Listener listener, String group, List<Heard> batch) {
        Set<String> done = Set.copyOf(jdbc.sql("select event_id from processed_event where consumer = :consumer and event_id in (:ids)")
                .param("consumer", group).param("ids", batch.stream().map(Heard::id).toList()).query(String.class).list());
        List<Heard> fresh = batch.stream().filter(h -> !done.contains(h.id())).toList();
        if (!done.isEmpty()) {
            redelivered.computeIfAbsent(group, g -> Counter.builder("telepay.outbox.kafka.redelivered").tag("consumer", g)
                    .description("events a listener had handled already, delivered again and skipped").register(meters))
                    .increment(done.size());
            log.debug("{} events already handled by {}", done.size(), group);
        }
        if (fresh.isEmpty()) {
            return;
        }
        // a concurrent duplicate (a partition's former owner still at work) fails this key and rolls the batch back
        var insert = jdbc.sql("insert into processed_event (consumer, event_id, processed_at) values "
                        + Db.rows(fresh.size(), "(:consumer, :event%d, :now)"))
                .param("consumer", group).param("now", Db.ts(clock.instant()));
        for (int i = 0; i < fresh.size(); i++) {
            insert = insert.param("event" + i, fresh.get(i).id());
        }
        insert.update();
        fresh.forEach(h -> listener.hear(h.event()));
    }

    /** The event's class from the record's header; null for a record that is not one of Telepay's events. */
    private static Class<?> eventClass(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader(KafkaEvents.CLASS_HEADER);
        if (header == null) {
            return null;
        }
        String name = new String(header.value(), StandardCharsets.UTF_8);
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            // an event of a newer version: this worker waits (and retries) until it is upgraded; deploy workers first
            throw new IllegalStateException("no event type " + name + " in this version", e);
        }
    }

    /** The record of handled events outlives any redelivery (offsets are committed within seconds). */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
    void forgetOldProcessed() {
        jdbc.sql("delete from processed_event where processed_at < :before")
                .param("before", Db.ts(clock.instant().minus(keepProcessed))).update();
    }

    @Override
    public void stop() {
        running = false;
        containers.forEach(ConcurrentMessageListenerContainer::stop);
        containers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Consumer settings every listener's group shares: offsets committed by the container, from the oldest event on. */
    static Map<String, Object> consumerConfig(String bootstrap, Duration sessionTimeout) {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200,
                // how soon a worker that died without leaving the group loses its partitions to the others
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis(),
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.min(3000, sessionTimeout.toMillis() / 3));
    }
}
