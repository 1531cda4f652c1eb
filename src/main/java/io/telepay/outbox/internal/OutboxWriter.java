package io.telepay.outbox.internal;

import java.time.Clock;
import java.util.List;

import io.telepay.shared.BeforeCommit;
import io.telepay.shared.Db;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes each published domain event that an {@link io.telepay.outbox.OutboxListener} hears to the outbox,
 * one row per listener, in the publishing transaction: kept until just before it commits, then all of the
 * transaction's rows in one statement. After the commit the dispatcher is woken. An event published outside
 * a transaction is written at once.
 * <p>
 * With Kafka ({@code telepay.kafka.bootstrap}) the event is written once instead, for the relay that publishes it
 * ({@link KafkaRelay}); the listeners then hear it from Kafka ({@link KafkaListeners}).
 */
@Component
class OutboxWriter implements ApplicationListener<PayloadApplicationEvent<?>> {

    private record Row(String listener, String eventType, String key, String payload) {
    }

    private final JdbcClient jdbc;
    private final Listeners listeners;
    private final JsonMapper json;
    private final OutboxDispatcher dispatcher;
    private final Clock clock;
    private final boolean toKafka;
    private final ObjectProvider<KafkaRelay> relay;

    OutboxWriter(JdbcClient jdbc, Listeners listeners, JsonMapper json, OutboxDispatcher dispatcher, Clock clock,
                 @Value("${telepay.kafka.bootstrap:}") String kafkaBootstrap, ObjectProvider<KafkaRelay> relay) {
        this.jdbc = jdbc;
        this.listeners = listeners;
        this.json = json;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.toKafka = !kafkaBootstrap.isBlank();
        this.relay = relay;
    }

    @Override
    public void onApplicationEvent(PayloadApplicationEvent<?> published) {
        Object event = published.getPayload();
        List<Listeners.Listener> hearing = listeners.of(event.getClass());
        if (hearing.isEmpty()) {
            return;
        }
        // serialized now: an event changed after it was published must not change what is heard
        String key = listeners.keyOf(event);
        List<Row> rows;
        if (toKafka) {
            rows = List.of(new Row(KafkaEvents.DESTINATION, event.getClass().getName(), key,
                    KafkaEvents.envelope(json, event, key, clock.instant())));
        } else {
            String payload = json.writeValueAsString(event);
            rows = hearing.stream().map(l -> new Row(l.id(), event.getClass().getName(), key, payload)).toList();
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            BeforeCommit.<Row>of(this, this::insert, this::wake).add(rows);
        } else {
            insert(rows);
            wake(rows);
        }
    }

    private void wake(List<Row> written) {
        if (toKafka) {
            relay.ifAvailable(KafkaRelay::wake);
        } else {
            dispatcher.wake(written.stream().map(Row::listener).distinct().toList());
        }
    }

    private void insert(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        var statement = jdbc.sql("insert into outbox_event (listener, event_type, event_key, payload, attempts, next_attempt_at, created_at) "
                + "values " + Db.rows(rows.size(), "(:listener%1$d, :type%1$d, :key%1$d, :payload%1$d, 0, :now, :now)"))
                .param("now", Db.ts(clock.instant()));
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            statement = statement.param("listener" + i, row.listener()).param("type" + i, row.eventType())
                    .param("key" + i, row.key()).param("payload" + i, row.payload());
        }
        statement.update();
    }
}
