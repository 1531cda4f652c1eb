package io.telepay.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.telepay.testing.Sales;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The receiver that docs/webhooks.md shows, run as written against real deliveries: the page and
 * {@link TelepayWebhookReceiver} must hold the same code, and that code must accept what Telepay sends and
 * refuse replays, tampering and strangers.
 */
class WebhookReceiverExampleSystemTest extends WebhookSystemTestSupport {

    /** A request as it reached the receiver, kept for replaying it. */
    record Captured(String signature, byte[] body) {
    }

    private final Sales sales = new Sales(this);
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final List<Captured> captured = new CopyOnWriteArrayList<>();
    private HttpServer server;

    /** A local HTTP server for the receiver; the endpoint is made first, since only then is its secret known. */
    private String startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.start();
        return "http://localhost:" + server.getAddress().getPort() + "/telepay/webhooks";
    }

    /** Puts the documented receiver at the path, behind a filter that keeps a copy of each request. */
    private void receiveWith(List<String> secrets) {
        var context = server.createContext("/telepay/webhooks", new TelepayWebhookReceiver(secrets, clock, accepted::add));
        context.getFilters().add(new Filter() {
            @Override
            public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
                byte[] body = exchange.getRequestBody().readAllBytes();
                captured.add(new Captured(exchange.getRequestHeaders().getFirst("Telepay-Signature"), body));
                exchange.setStreams(new ByteArrayInputStream(body), exchange.getResponseBody());
                chain.doFilter(exchange);
            }

            @Override
            public String description() {
                return "keeps a copy";
            }
        });
    }

    @AfterEach
    void stopReceiver() {
        if (server != null) {
            server.stop(0);
        }
    }

    private int post(String url, String signature, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json");
        if (signature != null) {
            request.header("Telepay-Signature", signature);
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    @Test
    void thePageShowsExactlyTheCodeTheTestsRun() throws IOException {
        String page = Files.readString(Path.of("docs/webhooks.md"));
        String source = Files.readString(Path.of("src/test/java/io/telepay/notify/webhook/TelepayWebhookReceiver.java"));
        String withoutPackage = source.substring(source.indexOf('\n', source.indexOf("package ")) + 1).strip();
        int start = page.indexOf("```java\n") + "```java\n".length();
        String shown = page.substring(start, page.indexOf("\n```", start)).strip();
        assertThat(shown).isEqualTo(withoutPackage);
    }

    @Test
    void theDocumentedReceiverAcceptsARealDeliveryAndRefusesItsReplayLater() throws Exception {
        String url = startServer();
        receiveWith(List.of(createEndpoint(url, "order.confirmed").get("secret").asString()));

        Sales.Sale sale = sales.confirmedOrder("2580.00", "CNY");
        await().atMost(Duration.ofSeconds(20)).until(() -> accepted.stream().anyMatch(event -> event.contains(sale.orderId())));
        String event = accepted.stream().filter(e -> e.contains(sale.orderId())).findFirst().orElseThrow();
        assertThat(JSON.readTree(event).get("type").asString()).isEqualTo("order.confirmed");
        Captured delivery = captured.stream().filter(c -> new String(c.body(), StandardCharsets.UTF_8).contains(sale.orderId()))
                .findFirst().orElseThrow();

        assertThat(post(url, delivery.signature(), delivery.body())).as("within five minutes").isEqualTo(200);
        byte[] tampered = new String(delivery.body(), StandardCharsets.UTF_8).replace("2580.00", "1.00").getBytes(StandardCharsets.UTF_8);
        assertThat(post(url, delivery.signature(), tampered)).as("a changed amount").isEqualTo(400);
        assertThat(post(url, null, delivery.body())).as("no signature").isEqualTo(400);
        assertThat(post(url, delivery.signature().replaceAll("v1=[0-9a-f]{64}", "v1=" + "0".repeat(64)), delivery.body()))
                .as("a wrong signature").isEqualTo(400);

        clock.advance(Duration.ofMinutes(6));
        int before = accepted.size();
        assertThat(post(url, delivery.signature(), delivery.body())).as("a replay six minutes later").isEqualTo(400);
        assertThat(accepted).hasSize(before);
    }

    @Test
    void aReceiverStillHoldingTheOldSecretAcceptsDeliveriesDuringTheOverlapOnly() throws Exception {
        TestReceiver raw = receiver();
        var created = createEndpoint(raw.url(), "webhook.probe");
        String endpoint = created.get("id").asString();
        TelepayWebhookReceiver oldOnly = new TelepayWebhookReceiver(List.of(created.get("secret").asString()), clock, accepted::add);
        String newSecret = admin().post("/api/v1/webhook-endpoints/" + endpoint + "/secret/rotate", Map.of("overlap", "PT1H"))
                .json().get("secret").asString();
        TelepayWebhookReceiver newOnly = new TelepayWebhookReceiver(List.of(newSecret), clock, accepted::add);

        WebhookProbe during = publishProbe();
        TestReceiver.Request first = raw.awaitRequests(about(during.probeId()), 1).getFirst();
        byte[] firstBody = first.body().getBytes(StandardCharsets.UTF_8);
        assertThat(oldOnly.verify(first.header("Telepay-Signature"), firstBody)).isTrue();
        assertThat(newOnly.verify(first.header("Telepay-Signature"), firstBody)).isTrue();

        clock.advance(Duration.ofHours(1).plusMinutes(1));
        WebhookProbe after = publishProbe();
        TestReceiver.Request second = raw.awaitRequests(about(after.probeId()), 1).getFirst();
        byte[] secondBody = second.body().getBytes(StandardCharsets.UTF_8);
        assertThat(oldOnly.verify(second.header("Telepay-Signature"), secondBody)).isFalse();
        assertThat(newOnly.verify(second.header("Telepay-Signature"), secondBody)).isTrue();
    }
}
