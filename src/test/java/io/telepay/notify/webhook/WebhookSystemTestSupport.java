package io.telepay.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.telepay.shared.Ids;
import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.SystemTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Endpoints and receivers that clean up after the test: every endpoint made here is deleted afterwards, so
 * later tests' sales do not fan out to receivers that are gone.
 */
abstract class WebhookSystemTestSupport extends SystemTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String LISTENER = "io.telepay.notify.webhook.WebhookOutbox.on(io.telepay.shared.PublicEvent)";

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    WebhookDispatcher dispatcher;

    private Http admin;
    private final List<String> endpoints = new ArrayList<>();
    private final List<TestReceiver> receivers = new ArrayList<>();

    Http admin() {
        if (admin == null) {
            admin = as(Role.ADMIN);
        }
        return admin;
    }

    TestReceiver receiver() {
        TestReceiver receiver = TestReceiver.start();
        receivers.add(receiver);
        return receiver;
    }

    /** A new endpoint (201 expected): its JSON, secret included. */
    JsonNode createEndpoint(String url, String... events) {
        Http.Response created = admin().post("/api/v1/webhook-endpoints", Map.of("url", url, "events", List.of(events)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        endpoints.add(created.json().get("id").asString());
        return created.json();
    }

    /** Publishes a probe event in a transaction of its own, as a module publishes its events. */
    WebhookProbe publishProbe() {
        WebhookProbe probe = new WebhookProbe("prb_" + Ids.randomToken(8), "測試 webhook");
        tx.executeWithoutResult(status -> publisher.publishEvent(probe));
        return probe;
    }

    /** Whether the webhook listener has taken the probe: the outbox holds it for the listener no longer. */
    boolean publicationCompleted(WebhookProbe probe) {
        return jdbc.sql("select count(*) from outbox_event where listener = :l and payload like :p")
                .param("l", LISTENER).param("p", "%" + probe.probeId() + "%").query(Long.class).single() == 0;
    }

    static Predicate<TestReceiver.Request> about(String value) {
        return request -> request.body().contains(value);
    }

    /** The endpoint's deliveries, newest first. */
    JsonNode deliveries(String endpointId) {
        Http.Response page = admin().get("/api/v1/webhook-endpoints/" + endpointId + "/deliveries");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.json().get("items");
    }

    /** Waits until the endpoint has a delivery of the probe that satisfies the condition; answers it. */
    JsonNode awaitDelivery(String endpointId, WebhookProbe probe, Predicate<JsonNode> condition) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> deliveryOf(endpointId, probe), d -> d != null && condition.test(d));
    }

    JsonNode deliveryOf(String endpointId, WebhookProbe probe) {
        for (JsonNode item : deliveries(endpointId)) {
            JsonNode one = admin().get("/api/v1/webhook-deliveries/" + item.get("id").asString()).json();
            if (one.get("body").asString().contains(probe.probeId())) {
                return one;
            }
        }
        return null;
    }

    static Predicate<JsonNode> attempts(int count) {
        return d -> d.get("attempts").size() == count && !d.get("status").asString().equals("SENDING");
    }

    /** Moves the shared clock just past the delivery's next attempt. */
    void advancePastNextAttempt(JsonNode delivery) {
        Instant next = Instant.parse(delivery.get("nextAttemptAt").asString());
        clock.advance(Duration.between(clock.instant(), next).plusMillis(500));
    }

    @AfterEach
    void removeEndpointsAndReceivers() {
        for (String id : endpoints) {
            admin().method("DELETE", "/api/v1/webhook-endpoints/" + id);
        }
        receivers.forEach(TestReceiver::close);
    }
}
