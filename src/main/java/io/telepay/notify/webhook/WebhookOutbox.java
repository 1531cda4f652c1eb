package io.telepay.notify.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import io.telepay.shared.PublicEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import io.telepay.outbox.OutboxListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns each public domain event into one delivery per endpoint subscribed to its type, in the outbox's
 * transaction that hands the event over: the event is either recorded with all its deliveries or handed over
 * again. The body is fixed here — {@code {id, type, createdAt, data}} — so every attempt and every
 * redelivery of the event sends the same bytes under the same {@code evt_} id.
 * <p>
 * An event handed over twice (written twice, or restored with the outbox from a backup) is recognised by its
 * content: a public event's content is unique to its occurrence ({@link PublicEvent}).
 */
@Component
class WebhookOutbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final WebhookDispatcher dispatcher;

    WebhookOutbox(JdbcClient jdbc, JsonMapper json, Clock clock, WebhookDispatcher dispatcher) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.dispatcher = dispatcher;
    }

    @OutboxListener
    void on(PublicEvent event) {
        String type = event.eventType();
        List<String> endpoints = jdbc.sql("""
                select s.endpoint_id from webhook_subscription s join webhook_endpoint e on e.id = s.endpoint_id
                where s.event_type = :type and e.enabled = true and e.deleted_at is null order by s.endpoint_id""")
                .param("type", type).query(String.class).list();
        if (endpoints.isEmpty()) {
            return;
        }
        JsonNode data = json.valueToTree(event);
        String dedupeKey = sha256(type + "\n" + json.writeValueAsString(data));
        String eventId = Ids.next("evt_");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ObjectNode body = json.createObjectNode();
        body.put("id", eventId);
        body.put("type", type);
        body.put("createdAt", now.toString());
        body.set("data", data);
        int recorded = jdbc.sql("""
                insert into webhook_event (id, type, dedupe_key, body, created_at, payment_id, order_id)
                values (:id, :type, :key, :body, :now, :payment, :order)
                on conflict do nothing""")
                .param("id", eventId).param("type", type).param("key", dedupeKey).param("body", json.writeValueAsString(body))
                .param("payment", idIn(data, "paymentId")).param("order", idIn(data, "orderId"))
                .param("now", Db.ts(now)).update();
        if (recorded == 0) {
            return; // handed over before, recorded with its deliveries then (or by a concurrent listener now)
        }
        List<String> deliveries = new ArrayList<>(endpoints.size());
        for (String endpoint : endpoints) {
            String id = Ids.next("whd_");
            jdbc.sql("""
                    insert into webhook_delivery (id, endpoint_id, event_id, status, attempts, next_attempt_at, created_at)
                    values (:id, :endpoint, :event, 'PENDING', 0, :now, :now)""")
                    .param("id", id).param("endpoint", endpoint).param("event", eventId).param("now", Db.ts(now)).update();
            deliveries.add(id);
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                dispatcher.sendSoon(deliveries);
            }
        });
    }

    /** The event's id field, for finding the events about a payment or an order; null when it has none. */
    private static String idIn(JsonNode data, String field) {
        JsonNode value = data.path(field);
        return value.isString() && value.asString().length() <= 40 ? value.asString() : null;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
