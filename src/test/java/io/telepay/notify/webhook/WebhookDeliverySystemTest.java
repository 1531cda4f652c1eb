package io.telepay.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import io.telepay.testing.CardDataScan;
import io.telepay.testing.Http;
import io.telepay.testing.Sales;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Events reach a real receiver (the JDK's HTTP server on a local port), signed, retried, logged. */
class WebhookDeliverySystemTest extends WebhookSystemTestSupport {

    private final Sales sales = new Sales(this);

    @Autowired
    io.telepay.outbox.Outbox outbox;

    @Autowired
    JsonMapper json;

    private static List<String> v1s(String header) {
        return Arrays.stream(header.split(",")).filter(p -> p.startsWith("v1=")).map(p -> p.substring(3)).toList();
    }

    private static long timestamp(String header) {
        return Arrays.stream(header.split(",")).filter(p -> p.startsWith("t=")).map(p -> Long.parseLong(p.substring(2)))
                .findFirst().orElseThrow();
    }

    private static String sign(String secret, long timestamp, String body) {
        return new SigningSecret(secret).sign(timestamp, body);
    }

    @Test
    void aSaleIsDeliveredSignedAsOrderPaidAndPaymentCaptured() {
        TestReceiver receiver = receiver();
        String secret = createEndpoint(receiver.url(), "order.paid", "payment.captured", "order.confirmed")
                .get("secret").asString();
        Sales.Sale sale = sales.confirmedOrder("1999.00", "TWD");
        Http.Response paid = http().header("Accept", "application/json")
                .post("/pay/" + sales.payToken(sale), Sales.card("4242 4242 4242 4242", "737"));
        assertThat(paid.json().get("status").asString()).as(paid.toString()).isEqualTo("SUCCEEDED");
        String paymentId = paid.json().get("paymentId").asString();

        List<TestReceiver.Request> received = receiver.awaitRequests(about(sale.orderId()), 3);
        Map<String, TestReceiver.Request> byType = received.stream()
                .collect(Collectors.toMap(r -> JSON.readTree(r.body()).get("type").asString(), r -> r, (a, b) -> a));
        assertThat(byType).containsOnlyKeys("order.confirmed", "order.paid", "payment.captured");

        TestReceiver.Request orderPaid = byType.get("order.paid");
        JsonNode body = JSON.readTree(orderPaid.body());
        assertThat(body.get("id").asString()).startsWith("evt_");
        assertThat(Instant.parse(body.get("createdAt").asString())).isBeforeOrEqualTo(clock.instant());
        assertThat(body.get("data").get("orderId").asString()).isEqualTo(sale.orderId());
        assertThat(body.get("data").get("paymentId").asString()).isEqualTo(paymentId);
        assertThat(body.get("data").get("total").get("amount").asString()).isEqualTo("1999.00");
        assertThat(body.get("data").get("total").get("currency").asString()).isEqualTo("TWD");
        assertThat(body.get("data").has("eventType")).isFalse();
        assertThat(orderPaid.header("Content-Type")).isEqualTo("application/json");
        assertThat(orderPaid.header("Telepay-Event-Id")).isEqualTo(body.get("id").asString());

        JsonNode captured = JSON.readTree(byType.get("payment.captured").body());
        assertThat(captured.get("data").get("paymentId").asString()).isEqualTo(paymentId);
        assertThat(captured.get("data").get("amount").get("amount").asString()).isEqualTo("1999.00");

        for (TestReceiver.Request request : received) {
            String header = request.header("Telepay-Signature");
            assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
            assertThat(v1s(header)).containsExactly(sign(secret, timestamp(header), request.body()));
            assertThat(timestamp(header)).isCloseTo(clock.instant().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
        }
    }

    @Test
    void theRegistryTracksTheInterfaceTypedListenerAndCompletesItsPublications() {
        TestReceiver receiver = receiver();
        createEndpoint(receiver.url(), "webhook.probe");
        WebhookProbe probe = publishProbe();
        receiver.awaitRequests(about(probe.probeId()), 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> publicationCompleted(probe));
    }

    @Test
    void deliveredBodiesNeverCarryCardData() {
        TestReceiver receiver = receiver();
        createEndpoint(receiver.url(), "order.confirmed", "order.paid", "payment.captured", "payment.declined",
                "payment.session.created");
        List<String> pans = List.of("4242424242424242", "4000000000000002");
        List<String> cvcs = List.of("737", "318");
        Sales.Sale declinedSale = sales.confirmedOrder("880.00", "TWD");
        Http.Response declined = http().header("Accept", "application/json")
                .post("/pay/" + sales.payToken(declinedSale), Sales.card("4000 0000 0000 0002", "318"));
        assertThat(declined.json().get("status").asString()).isEqualTo("DECLINED");
        Http.Response paid = http().header("Accept", "application/json")
                .post("/pay/" + sales.payToken(declinedSale), Sales.card("4242 4242 4242 4242", "737"));
        assertThat(paid.json().get("status").asString()).as(paid.toString()).isEqualTo("SUCCEEDED");

        List<TestReceiver.Request> received = receiver.awaitRequests(about(declinedSale.orderId()), 6);
        assertThat(received).extracting(r -> JSON.readTree(r.body()).get("type").asString())
                .contains("payment.declined", "payment.captured", "order.paid", "payment.session.created");
        CardDataScan scan = new CardDataScan(jdbc, pans, cvcs);
        for (TestReceiver.Request request : received) {
            assertThat(scan.leaks("delivered body", request.body())).isEmpty();
            assertThat(scan.leaks("delivered headers", request.headers().toString())).isEmpty();
        }
        List<String> stored = jdbc.sql("select body from webhook_event where body like :order")
                .param("order", "%" + declinedSale.orderId() + "%").query(String.class).list();
        assertThat(stored).isNotEmpty().allSatisfy(body -> assertThat(scan.leaks("webhook_event.body", body)).isEmpty());
    }

    @Test
    void anEventHandedOverAgainAfterACrashIsNotDeliveredTwice() {
        TestReceiver receiver = receiver();
        String endpoint = createEndpoint(receiver.url(), "webhook.probe").get("id").asString();
        WebhookProbe probe = publishProbe();
        receiver.awaitRequests(about(probe.probeId()), 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> publicationCompleted(probe));
        // the same event handed over again (written twice, or restored from a backup of the outbox)
        jdbc.sql("""
                insert into outbox_event (listener, event_type, payload, attempts, next_attempt_at, created_at)
                values (:l, :type, :payload, 0, :now, :now)""")
                .param("l", LISTENER).param("type", WebhookProbe.class.getName()).param("payload", json.writeValueAsString(probe))
                .param("now", io.telepay.shared.Db.ts(clock.instant())).update();
        outbox.dispatchDue();
        assertThat(publicationCompleted(probe)).isTrue();
        clock.advance(Duration.ofMinutes(1));
        dispatcher.sweep();
        assertThat(jdbc.sql("select count(*) from webhook_event where body like :probe")
                .param("probe", "%" + probe.probeId() + "%").query(Long.class).single()).isEqualTo(1);
        assertThat(receiver.requests(about(probe.probeId()))).hasSize(1);
        assertThat(deliveries(endpoint)).hasSize(1);
    }

    @Test
    void aFailingReceiverIsRetriedOnTheScheduleUntilTheTenthAttempt() {
        TestReceiver receiver = receiver().alwaysAnswer(503);
        String endpoint = createEndpoint(receiver.url(), "webhook.probe").get("id").asString();
        WebhookProbe probe = publishProbe();
        JsonNode delivery = awaitDelivery(endpoint, probe, attempts(1));
        assertThat(delivery.get("status").asString()).isEqualTo("PENDING");
        assertThat(delivery.get("lastStatusCode").asInt()).isEqualTo(503);
        assertThat(delivery.get("attempts").get(0).get("error").asString()).isEqualTo("the receiver answered 503");

        dispatcher.sweep();
        assertThat(deliveryOf(endpoint, probe).get("attempts")).as("nothing before the pause is over").hasSize(1);

        List<Duration> nominal = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2),
                Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(14), Duration.ofHours(20), Duration.ofHours(24));
        for (int attempt = 2; attempt <= 10; attempt++) {
            JsonNode before = deliveryOf(endpoint, probe);
            JsonNode last = before.get("attempts").get(attempt - 2);
            Duration pause = Duration.between(Instant.parse(last.get("at").asString()), Instant.parse(before.get("nextAttemptAt").asString()));
            Duration expected = nominal.get(attempt - 2);
            assertThat(pause).as("pause before attempt %d", attempt)
                    .isBetween(expected.multipliedBy(9).dividedBy(10), expected.multipliedBy(11).dividedBy(10).plusSeconds(3));
            advancePastNextAttempt(before);
            assertThat(dispatcher.sweep()).isGreaterThanOrEqualTo(1);
            assertThat(deliveryOf(endpoint, probe).get("attempts")).hasSize(attempt);
        }
        JsonNode failed = deliveryOf(endpoint, probe);
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("nextAttemptAt")).isNull();
        assertThat(failed.get("attempts").get(9).get("nextAttemptAt")).isNull();
        clock.advance(Duration.ofDays(2));
        dispatcher.sweep();
        assertThat(receiver.requests(about(probe.probeId()))).hasSize(10)
                .extracting(r -> r.header("Telepay-Event-Id")).containsOnly(JSON.readTree(failed.get("body").asString()).get("id").asString());
    }

    @Test
    void aRetryThatSucceedsEndsTheDelivery() {
        TestReceiver receiver = receiver().thenAnswer(500, 502);
        String endpoint = createEndpoint(receiver.url(), "webhook.probe").get("id").asString();
        WebhookProbe probe = publishProbe();
        advancePastNextAttempt(awaitDelivery(endpoint, probe, attempts(1)));
        dispatcher.sweep();
        advancePastNextAttempt(deliveryOf(endpoint, probe));
        dispatcher.sweep();
        JsonNode delivered = deliveryOf(endpoint, probe);
        assertThat(delivered.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(delivered.get("deliveredAt")).isNotNull();
        assertThat(delivered.get("attempts")).extracting(a -> a.get("statusCode").asInt()).containsExactly(500, 502, 200);
        assertThat(delivered.get("attempts").get(2).get("nextAttemptAt")).isNull();
        assertThat(delivered.get("attempts").get(0).get("durationMs").asLong()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aGoneReceiverDisablesItsEndpoint() {
        TestReceiver receiver = receiver().alwaysAnswer(410);
        String endpoint = createEndpoint(receiver.url(), "webhook.probe").get("id").asString();
        WebhookProbe probe = publishProbe();
        JsonNode delivery = awaitDelivery(endpoint, probe, attempts(1));
        assertThat(delivery.get("status").asString()).isEqualTo("FAILED");
        assertThat(delivery.get("nextAttemptAt")).isNull();
        JsonNode disabled = admin().get("/api/v1/webhook-endpoints/" + endpoint).json();
        assertThat(disabled.get("enabled").asBoolean()).isFalse();
        assertThat(disabled.get("disabledReason").asString()).contains("410");
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'webhook-endpoint.disabled' and subject = :id")
                .param("id", endpoint).query(Long.class).single()).isEqualTo(1);

        WebhookProbe later = publishProbe();
        await().atMost(Duration.ofSeconds(10)).until(() -> publicationCompleted(later));
        clock.advance(Duration.ofHours(1));
        dispatcher.sweep();
        assertThat(receiver.requests(about(later.probeId()))).isEmpty();
        assertThat(deliveries(endpoint)).hasSize(1);
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsAFailedAttempt() {
        TestReceiver receiver = receiver().holdAnswers();
        String endpoint = createEndpoint(receiver.url(), "webhook.probe").get("id").asString();
        WebhookProbe probe = publishProbe();
        JsonNode delivery = awaitDelivery(endpoint, probe, attempts(1));
        assertThat(delivery.get("status").asString()).isEqualTo("PENDING");
        JsonNode attempt = delivery.get("attempts").get(0);
        assertThat(attempt.get("statusCode")).isNull();
        assertThat(attempt.get("error").asString()).isEqualTo("no answer within 2 s (read timeout)");
        assertThat(attempt.get("durationMs").asLong()).isGreaterThanOrEqualTo(1900);
        assertThat(attempt.get("nextAttemptAt")).isNotNull();
    }

    @Test
    void aReceiverThatIsDownIsAFailedAttempt() {
        TestReceiver receiver = receiver();
        String endpoint = createEndpoint(receiver.url(), "webhook.probe").get("id").asString();
        receiver.close();
        WebhookProbe probe = publishProbe();
        JsonNode delivery = awaitDelivery(endpoint, probe, attempts(1));
        assertThat(delivery.get("status").asString()).isEqualTo("PENDING");
        assertThat(delivery.get("attempts").get(0).get("error").asString()).isEqualTo("connection refused or unreachable");
    }

    @Test
    void redeliverySendsTheSameEventAgainAsANewDelivery() {
        TestReceiver receiver = receiver();
        String endpoint = createEndpoint(receiver.url(), "webhook.probe").get("id").asString();
        WebhookProbe probe = publishProbe();
        JsonNode first = awaitDelivery(endpoint, probe, d -> d.get("status").asString().equals("SUCCEEDED"));

        Http.Response again = admin().post("/api/v1/webhook-deliveries/" + first.get("id").asString() + "/redeliver", Map.of());
        assertThat(again.status()).as(again.toString()).isEqualTo(202);
        String copy = again.json().get("id").asString();
        assertThat(copy).startsWith("whd_").isNotEqualTo(first.get("id").asString());
        assertThat(again.json().get("redeliveryOf").asString()).isEqualTo(first.get("id").asString());
        assertThat(again.json().get("eventId").asString()).isEqualTo(first.get("eventId").asString());

        List<TestReceiver.Request> received = receiver.awaitRequests(about(probe.probeId()), 2);
        assertThat(received).extracting(TestReceiver.Request::body).containsOnly(first.get("body").asString());
        assertThat(received).extracting(r -> r.header("Telepay-Event-Id")).containsOnly(first.get("eventId").asString());
        assertThat(received).extracting(r -> r.header("Telepay-Delivery-Id")).containsExactlyInAnyOrder(first.get("id").asString(), copy);
        await().atMost(Duration.ofSeconds(10)).until(() -> admin().get("/api/v1/webhook-deliveries/" + copy).json()
                .get("status").asString().equals("SUCCEEDED"));
        assertThat(deliveries(endpoint)).hasSize(2);
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'webhook-delivery.redelivered' and subject = :id")
                .param("id", copy).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aDeliveryToADisabledEndpointIsNotRedelivered() {
        TestReceiver receiver = receiver();
        String endpoint = createEndpoint(receiver.url(), "webhook.probe").get("id").asString();
        WebhookProbe probe = publishProbe();
        JsonNode first = awaitDelivery(endpoint, probe, d -> d.get("status").asString().equals("SUCCEEDED"));
        admin().send(admin().request("/api/v1/webhook-endpoints/" + endpoint).header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"enabled\":false}")));
        Http.Response refused = admin().post("/api/v1/webhook-deliveries/" + first.get("id").asString() + "/redeliver", Map.of());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(deliveries(endpoint)).hasSize(1);
    }

    @Test
    void pendingDeliveriesOfADisabledEndpointStopWithoutBeingSent() {
        TestReceiver receiver = receiver().thenAnswer(503);
        String endpoint = createEndpoint(receiver.url(), "webhook.probe").get("id").asString();
        WebhookProbe probe = publishProbe();
        JsonNode pending = awaitDelivery(endpoint, probe, attempts(1));
        admin().send(admin().request("/api/v1/webhook-endpoints/" + endpoint).header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"enabled\":false}")));
        advancePastNextAttempt(pending);
        dispatcher.sweep();
        JsonNode stopped = deliveryOf(endpoint, probe);
        assertThat(stopped.get("status").asString()).isEqualTo("FAILED");
        assertThat(stopped.get("attempts").get(1).get("error").asString()).isEqualTo("not sent: the endpoint is disabled");
        assertThat(receiver.requests(about(probe.probeId()))).hasSize(1);
    }

    @Test
    void duringARotationBothSecretsSignThenOnlyTheNewOne() {
        TestReceiver receiver = receiver();
        JsonNode created = createEndpoint(receiver.url(), "webhook.probe");
        String endpoint = created.get("id").asString();
        String oldSecret = created.get("secret").asString();
        String newSecret = admin().post("/api/v1/webhook-endpoints/" + endpoint + "/secret/rotate", Map.of())
                .json().get("secret").asString();

        WebhookProbe during = publishProbe();
        TestReceiver.Request overlap = receiver.awaitRequests(about(during.probeId()), 1).getFirst();
        String header = overlap.header("Telepay-Signature");
        long t = timestamp(header);
        assertThat(v1s(header)).containsExactly(sign(newSecret, t, overlap.body()), sign(oldSecret, t, overlap.body()));

        clock.advance(Duration.ofHours(24).plusMinutes(1));
        WebhookProbe after = publishProbe();
        TestReceiver.Request later = receiver.awaitRequests(about(after.probeId()), 1).getFirst();
        String laterHeader = later.header("Telepay-Signature");
        assertThat(v1s(laterHeader)).containsExactly(sign(newSecret, timestamp(laterHeader), later.body()));
        assertThat(admin().get("/api/v1/webhook-endpoints/" + endpoint).json().get("previousSecretExpiresAt")).isNull();
    }

    @Test
    void aRetryDuringTheOverlapIsSignedWithBothAndAfterItWithTheNewOnly() {
        TestReceiver receiver = receiver().thenAnswer(503, 503);
        JsonNode created = createEndpoint(receiver.url(), "webhook.probe");
        String endpoint = created.get("id").asString();
        String oldSecret = created.get("secret").asString();
        WebhookProbe probe = publishProbe();
        JsonNode pending = awaitDelivery(endpoint, probe, attempts(1));
        String newSecret = admin().post("/api/v1/webhook-endpoints/" + endpoint + "/secret/rotate", Map.of("overlap", "PT10M"))
                .json().get("secret").asString();
        advancePastNextAttempt(pending);
        dispatcher.sweep();
        clock.advance(Duration.ofMinutes(11));
        dispatcher.sweep();
        List<TestReceiver.Request> received = receiver.requests(about(probe.probeId()));
        assertThat(received).hasSize(3);
        assertThat(v1s(received.get(0).header("Telepay-Signature")))
                .containsExactly(sign(oldSecret, timestamp(received.get(0).header("Telepay-Signature")), received.get(0).body()));
        assertThat(v1s(received.get(1).header("Telepay-Signature"))).hasSize(2);
        assertThat(v1s(received.get(2).header("Telepay-Signature")))
                .containsExactly(sign(newSecret, timestamp(received.get(2).header("Telepay-Signature")), received.get(2).body()));
    }

    @Test
    void anAddressThatTurnedPrivateIsRefusedBeforeSending() {
        TestReceiver receiver = receiver();
        String endpoint = createEndpoint(receiver.url(), "webhook.probe").get("id").asString();
        // as if its name now resolved inside the network (DNS rebinding), or the row predates the rule
        jdbc.sql("update webhook_endpoint set url = :url where id = :id")
                .param("url", "https://127.0.0.1:" + receiver.port() + "/hooks").param("id", endpoint).update();
        WebhookProbe probe = publishProbe();
        JsonNode delivery = awaitDelivery(endpoint, probe, attempts(1));
        assertThat(delivery.get("attempts").get(0).get("error").asString())
                .isEqualTo("refused: the URL must not point to a private, loopback or link-local address (127.0.0.1 is 127.0.0.1)");
        assertThat(delivery.get("status").asString()).isEqualTo("PENDING");
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void severalDispatchersNeverSendTheSameAttemptTwice() throws Exception {
        TestReceiver receiver = receiver().alwaysAnswer(503);
        String endpoint = createEndpoint(receiver.url(), "webhook.probe").get("id").asString();
        List<WebhookProbe> probes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            probes.add(publishProbe());
        }
        // first attempts beyond the instance's parallel sends are left to the sweep
        await().atMost(Duration.ofSeconds(20)).until(() -> dispatcher.sweep() >= 0 && jdbc.sql(
                "select count(*) from webhook_delivery where endpoint_id = :e and status = 'PENDING' and attempts = 1")
                .param("e", endpoint).query(Long.class).single() == 20);
        receiver.alwaysAnswer(200);
        clock.advance(Duration.ofSeconds(6));
        List<String> ids = jdbc.sql("select id from webhook_delivery where endpoint_id = :e").param("e", endpoint).query(String.class).list();
        try (var threads = Executors.newFixedThreadPool(8)) {
            List<Callable<Integer>> racers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                racers.add(dispatcher::sweep);
                racers.add(() -> (int) ids.stream().filter(dispatcher::attempt).count());
            }
            int made = 0;
            for (Future<Integer> racer : threads.invokeAll(racers)) {
                made += racer.get();
            }
            assertThat(made).isEqualTo(20);
        }
        for (WebhookProbe probe : probes) {
            assertThat(receiver.requests(about(probe.probeId()))).as(probe.probeId()).hasSize(2);
        }
        assertThat(jdbc.sql("select count(*) from webhook_delivery where endpoint_id = :e and status = 'SUCCEEDED' and attempts = 2")
                .param("e", endpoint).query(Long.class).single()).isEqualTo(20);
    }

    @Test
    void theDeliveryLogFiltersByStatusAndPages() {
        TestReceiver receiver = receiver().thenAnswer(503);
        String endpoint = createEndpoint(receiver.url(), "webhook.probe").get("id").asString();
        WebhookProbe failing = publishProbe();
        awaitDelivery(endpoint, failing, attempts(1));
        WebhookProbe ok = publishProbe();
        awaitDelivery(endpoint, ok, d -> d.get("status").asString().equals("SUCCEEDED"));
        JsonNode pending = admin().get("/api/v1/webhook-endpoints/" + endpoint + "/deliveries?status=pending").json().get("items");
        assertThat(pending).hasSize(1);
        assertThat(pending.get(0).get("eventType").asString()).isEqualTo("webhook.probe");
        assertThat(pending.get(0).get("body")).as("bodies only in the single view").isNull();
        JsonNode firstPage = admin().get("/api/v1/webhook-endpoints/" + endpoint + "/deliveries?limit=1").json();
        assertThat(firstPage.get("items")).hasSize(1);
        JsonNode secondPage = admin().get("/api/v1/webhook-endpoints/" + endpoint + "/deliveries?limit=1&cursor="
                + firstPage.get("nextCursor").asString()).json();
        assertThat(secondPage.get("items").get(0).get("id").asString()).isNotEqualTo(firstPage.get("items").get(0).get("id").asString());
        assertThat(admin().get("/api/v1/webhook-endpoints/" + endpoint + "/deliveries?status=LOST").status()).isEqualTo(400);
    }
}
