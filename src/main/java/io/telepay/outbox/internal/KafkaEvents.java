package io.telepay.outbox.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.telepay.shared.Ids;
import io.telepay.shared.PublicEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The form of an event on Kafka (docs/events.md): a JSON envelope {@code {id, type, schemaVersion, occurredAt,
 * key, data}} on the topic of its key's family — events about a payment on {@code telepay.payments}, about an
 * order on {@code telepay.orders} — keyed by that id, so one payment's (or order's) events keep their order on one
 * partition. The Java class travels in a header for Telepay's own consumers; other systems read {@code type}.
 */
final class KafkaEvents {

    /** The outbox's listener column for rows the Kafka relay publishes. */
    static final String DESTINATION = "kafka";
    /** Raised when a field of an event is renamed or dropped (adding one keeps the version). */
    static final int SCHEMA_VERSION = 1;
    static final String CLASS_HEADER = "telepay-event-class";
    static final List<String> TOPICS = List.of("telepay.payments", "telepay.orders", "telepay.sessions", "telepay.events");

    private KafkaEvents() {
    }

    /** {@code paymentId} → {@code telepay.payments}; an event with none of the key components → {@code telepay.events}. */
    static String topicOf(String keyName) {
        return keyName == null ? "telepay.events" : "telepay." + keyName.substring(0, keyName.length() - 2) + "s";
    }

    static String envelope(JsonMapper json, Object event, String key, Instant occurredAt) {
        ObjectNode envelope = json.createObjectNode();
        envelope.put("id", Ids.next("evt_"));
        envelope.put("type", PublicEvent.typeOf(event.getClass()));
        envelope.put("schemaVersion", SCHEMA_VERSION);
        envelope.put("occurredAt", occurredAt.truncatedTo(ChronoUnit.MILLIS).toString());
        envelope.put("key", key);
        envelope.set("data", json.valueToTree(event));
        return json.writeValueAsString(envelope);
    }

    /** The envelope's id and its event, read as the class it was written from. */
    record Received(String id, Object event) {
    }

    static Received read(JsonMapper json, String envelope, Class<?> eventClass) {
        JsonNode node = json.readTree(envelope);
        return new Received(node.get("id").asString(), json.treeToValue(node.get("data"), eventClass));
    }
}
