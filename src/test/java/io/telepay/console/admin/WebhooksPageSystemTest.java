package io.telepay.console.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.telepay.console.ConsolePageSupport;
import io.telepay.console.LocalReceiver;
import io.telepay.shared.Role;
import io.telepay.testing.ConsoleSession;
import io.telepay.testing.Http;
import io.telepay.testing.Sales;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /console/admin/webhooks}: an administrator creates an endpoint (the secret is on that one page and
 * signs what the receiver gets), watches a failed attempt and its retry in the delivery log, redelivers,
 * rotates the secret with an overlap, disables and deletes it — and nobody else reaches the pages.
 */
class WebhooksPageSystemTest extends ConsolePageSupport {

    private static final String PAGE = "/console/admin/webhooks";

    private final Sales sales = new Sales(this);
    private LocalReceiver receiver;
    private ConsoleSession admin;
    private String endpointId;

    @AfterEach
    void removeEndpoint() {
        if (endpointId != null) {
            as(Role.ADMIN).method("DELETE", "/api/v1/webhook-endpoints/" + endpointId);
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void onlyAdministratorsReachTheWebhookPages() {
        for (Role role : List.of(Role.AGENT, Role.SUPERVISOR, Role.RISK_ANALYST, Role.AUDITOR)) {
            ConsoleSession other = signedIn(role);
            assertThat(other.http().get(PAGE).status()).as(role.name()).isEqualTo(403);
            assertThat(other.http().get(PAGE + "/whk_unknown").status()).as(role.name()).isEqualTo(403);
            assertThat(other.http().get(PAGE + "/deliveries/whd_unknown").status()).as(role.name()).isEqualTo(403);
            assertThat(other.http().get("/console").body()).as(role.name()).doesNotContain("href=\"/console/admin/webhooks\"");
        }
        ConsoleSession admin = signedIn(Role.ADMIN);
        assertThat(page(admin, PAGE, 200).body()).contains("order.paid").contains("payment.captured");
        assertThat(admin.http().get("/console").body()).contains("href=\"/console/admin/webhooks\"");
        assertThat(page(admin, PAGE + "/whk_doesnotexist", 404).body()).contains("whk_doesnotexist");
        assertThat(page(admin, PAGE + "/deliveries/whd_doesnotexist", 404).body()).contains("whd_doesnotexist");
    }

    @Test
    void anEndpointIsCreatedWithItsSecretShownOnceAndItsDeliveriesLoggedAndRedelivered() throws Exception {
        receiver = LocalReceiver.start().thenAnswer(503);
        admin = signedIn(Role.ADMIN);

        Http.Response created = post(admin, PAGE, PAGE, List.of(field("url", receiver.url()),
                field("events", "order.confirmed"), field("events", "payment.captured")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertClean("created", created);
        String secret = find(created.body(), "data-testid=\"new-secret\"[\\s\\S]*?<code class=\"secret\">(whsec_[A-Za-z0-9_-]+)</code>");
        endpointId = find(created.body(), "/console/admin/webhooks/(whk_[a-z0-9]+)");
        assertThat(page(admin, PAGE, 200).body()).contains(receiver.url()).doesNotContain(secret).doesNotContain("whsec_");
        String endpoint = PAGE + "/" + endpointId;
        assertThat(page(admin, endpoint, 200).body()).contains("order.confirmed").doesNotContain("whsec_");

        Sales.Sale sale = sales.confirmedOrder("1999.00", "TWD");
        var paid = http().header("Accept", "application/json").post("/pay/" + sales.payToken(sale), Sales.card(CARD, CVC));
        assertThat(paid.json().get("status").asString()).as(paid.toString()).isEqualTo("SUCCEEDED");

        // the first delivery's attempt is answered 503 (its retry waits for a sweep the tests run by hand), the other's 200
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> receiver.about(sale.orderId()).size() >= 2);
        LocalReceiver.Request first = receiver.requests().getFirst();
        assertThat(signedWith(secret, first)).as("the secret shown signs the deliveries").isTrue();
        String log = Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> admin.http().get(endpoint).body(),
                body -> body.contains("<b>503</b>") && body.contains("<b>200</b>") && body.contains("data-status=\"SUCCEEDED\"")
                        && body.contains("data-status=\"PENDING\""));
        assertClean("delivery log", new Http.Response(200, Map.of(), log));
        assertThat(log).contains("payment.captured").contains("order.confirmed");

        String failedDelivery = find(log, "data-delivery=\"(whd_[a-z0-9]+)\" data-status=\"PENDING\"");
        String one = page(admin, PAGE + "/deliveries/" + failedDelivery, 200).body();
        assertThat(one).contains(first.eventId()).contains("<b>503</b>").contains(endpoint)
                .contains(sale.orderId()).contains("data-testid=\"body\"");
        var again = post(admin, endpoint, PAGE + "/deliveries/" + failedDelivery + "/redeliver", List.of());
        assertThat(again.status()).isEqualTo(302);
        assertThat(again.header("Location")).endsWith(endpoint);
        assertThat(admin.http().get(endpoint).body()).contains("alert info");
        List<LocalReceiver.Request> sameEvent = Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> receiver.requests().stream().filter(r -> r.eventId().equals(first.eventId())).toList(), list -> list.size() == 2);
        assertThat(sameEvent.get(1).body()).isEqualTo(first.body());
        String redelivered = Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> admin.http().get(endpoint).body(),
                body -> body.split("data-status=\"SUCCEEDED\"", -1).length == 3);
        assertThat(redelivered).contains(failedDelivery);

        String pendingOnly = page(admin, endpoint + "?status=PENDING", 200).body();
        assertThat(pendingOnly).contains("data-status=\"PENDING\"").doesNotContain("data-status=\"SUCCEEDED\"");
    }

    @Test
    void aBadFormSaysWhatToFixNextToEachFieldAndCreatesNothing() {
        admin = signedIn(Role.ADMIN);
        long endpoints = count();
        Http.Response refused = post(admin, PAGE, PAGE, List.of(field("url", "ftp://user:pw@example.com/hooks")));
        assertThat(refused.status()).isEqualTo(400);
        assertClean("refused", refused);
        assertThat(refused.body()).contains("id=\"url-error\"").contains("id=\"events-error\"")
                .contains("aria-invalid=\"true\"").contains("value=\"ftp://user:pw@example.com/hooks\"")
                .doesNotContain("data-testid=\"new-secret\"").doesNotContain("whsec_");
        Http.Response unknownEvent = post(admin, PAGE, PAGE, List.of(field("url", "https://erp.example.com/hooks"),
                field("events", "order.paid"), field("events", "card.stolen")));
        assertThat(unknownEvent.status()).isEqualTo(400);
        assertThat(unknownEvent.body()).contains("id=\"events-error\"").contains("is not a known event type")
                .doesNotContain("id=\"url-error\"");
        assertThat(count()).isEqualTo(endpoints);
    }

    @Test
    void everyFormNeedsTheCsrfToken() {
        receiver = LocalReceiver.start();
        admin = signedIn(Role.ADMIN);
        long endpoints = count();
        var forged = postWithout(admin, PAGE, List.of(field("url", receiver.url()), field("events", "order.paid")));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(count()).isEqualTo(endpoints);

        var created = post(admin, PAGE, PAGE, List.of(field("url", receiver.url()), field("events", "order.paid")));
        endpointId = find(created.body(), "/console/admin/webhooks/(whk_[a-z0-9]+)");
        String endpoint = PAGE + "/" + endpointId;
        for (String action : List.of("/rotate", "/disable", "/delete", "")) {
            assertThat(postWithout(admin, endpoint + action, List.of(field("url", "https://evil.example.com/x"))).status())
                    .as(action).isEqualTo(403);
        }
        assertThat(page(admin, endpoint, 200).body()).contains(receiver.url()).doesNotContain("evil.example.com");
    }

    @Test
    void theSecretRotatesWithAnOverlapAndTheEndpointIsDisabledEditedAndDeleted() {
        receiver = LocalReceiver.start();
        admin = signedIn(Role.ADMIN);
        var created = post(admin, PAGE, PAGE, List.of(field("url", receiver.url()), field("events", "order.paid")));
        String first = find(created.body(), "<code class=\"secret\">(whsec_[A-Za-z0-9_-]+)</code>");
        endpointId = find(created.body(), "/console/admin/webhooks/(whk_[a-z0-9]+)");
        String endpoint = PAGE + "/" + endpointId;

        var rotated = post(admin, endpoint, endpoint + "/rotate", List.of(field("overlap", "PT1H")));
        assertThat(rotated.status()).isEqualTo(200);
        String second = find(rotated.body(), "data-testid=\"new-secret\"[\\s\\S]*?<code class=\"secret\">(whsec_[A-Za-z0-9_-]+)</code>");
        assertThat(second).isNotEqualTo(first);
        assertThat(rotated.body()).doesNotContain(first);
        String after = page(admin, endpoint, 200).body();
        assertThat(after).doesNotContain(first).doesNotContain(second).doesNotContain("whsec_");
        java.time.Instant overlapEnds = jdbc.sql("select previous_secret_expires_at from webhook_endpoint where id = :id")
                .param("id", endpointId).query(java.sql.Timestamp.class).single().toInstant();
        assertThat(overlapEnds).isBetween(clock.instant().plus(Duration.ofMinutes(58)), clock.instant().plus(Duration.ofMinutes(61)));
        assertThat(after).contains("data-testid=\"overlap\"");
        assertThat(post(admin, endpoint, endpoint + "/rotate", List.of(field("overlap", "P30D"))).status()).isEqualTo(400);

        var edited = post(admin, endpoint, endpoint, List.of(field("url", "not a url"), field("events", "order.paid")));
        assertThat(edited.status()).isEqualTo(400);
        assertThat(edited.body()).contains("id=\"url-error\"").contains("value=\"not a url\"");
        var saved = post(admin, endpoint, endpoint, List.of(field("url", receiver.url() + "/v2"), field("events", "order.cancelled")));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(page(admin, endpoint, 200).body()).contains(receiver.url() + "/v2").contains("value=\"order.cancelled\" checked");

        assertThat(post(admin, endpoint, endpoint + "/disable", List.of()).status()).isEqualTo(302);
        assertThat(page(admin, endpoint, 200).body()).contains("disabled by an administrator");
        assertThat(post(admin, endpoint, endpoint + "/enable", List.of()).status()).isEqualTo(302);
        assertThat(post(admin, endpoint, endpoint + "/delete", List.of()).status()).isEqualTo(302);
        assertThat(page(admin, PAGE, 200).body()).doesNotContain(endpointId);
        assertThat(admin.http().get(endpoint).status()).isEqualTo(404);
        endpointId = null;
    }

    private long count() {
        return jdbc.sql("select count(*) from webhook_endpoint").query(Long.class).single();
    }

    private static boolean signedWith(String secret, LocalReceiver.Request request) throws GeneralSecurityException {
        String t = null;
        List<String> v1 = new java.util.ArrayList<>();
        for (String part : request.signature().split(",")) {
            if (part.startsWith("t=")) {
                t = part.substring(2);
            } else if (part.startsWith("v1=")) {
                v1.add(part.substring(3));
            }
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + request.body()).getBytes(StandardCharsets.UTF_8)));
        return v1.contains(expected);
    }
}
