package io.telepay.outbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.telepay.shared.Money;
import io.telepay.order.OrderConfirmed;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class KafkaEventsTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void anEventGoesToTheTopicOfWhatItIsKeyedBy() {
        assertThat(KafkaEvents.topicOf("paymentId")).isEqualTo("telepay.payments");
        assertThat(KafkaEvents.topicOf("orderId")).isEqualTo("telepay.orders");
        assertThat(KafkaEvents.topicOf("sessionId")).isEqualTo("telepay.sessions");
        assertThat(KafkaEvents.topicOf(null)).isEqualTo("telepay.events");
        assertThat(KafkaEvents.TOPICS).contains(KafkaEvents.topicOf("paymentId"), KafkaEvents.topicOf("orderId"),
                KafkaEvents.topicOf("sessionId"), KafkaEvents.topicOf(null));
    }

    @Test
    void theEnvelopeCarriesIdTypeVersionKeyAndTheEventAndReadsBackAsTheEvent() {
        OrderConfirmed event = new OrderConfirmed("ord_7Q2", "cus_9", "stf_3", "cal_1", Money.of("1200", "JPY"));
        String envelope = KafkaEvents.envelope(json, event, "ord_7Q2", Instant.parse("2026-12-07T03:00:00.123456Z"));
        JsonNode node = json.readTree(envelope);
        assertThat(node.get("id").asString()).startsWith("evt_");
        assertThat(node.get("type").asString()).isEqualTo("order.confirmed");
        assertThat(node.get("schemaVersion").asInt()).isEqualTo(KafkaEvents.SCHEMA_VERSION);
        assertThat(node.get("occurredAt").asString()).isEqualTo("2026-12-07T03:00:00.123Z");
        assertThat(node.get("key").asString()).isEqualTo("ord_7Q2");
        assertThat(node.get("data").get("orderId").asString()).isEqualTo("ord_7Q2");

        KafkaEvents.Received received = KafkaEvents.read(json, envelope, OrderConfirmed.class);
        assertThat(received.id()).isEqualTo(node.get("id").asString());
        assertThat(received.event()).isEqualTo(event);
    }
}
