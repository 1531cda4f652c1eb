package io.telepay.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.telepay.shared.Role;
import io.telepay.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** Registering, reading, changing and removing endpoints over the API, and everything it refuses. */
class WebhookEndpointSystemTest extends WebhookSystemTestSupport {

    private static List<String> fields(Http.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        return fields;
    }

    @Test
    void anAdminRegistersAnEndpointAndSeesItsSecretOnceOnly() {
        JsonNode created = createEndpoint("http://localhost:9/hooks", "payment.captured", "order.paid", "order.paid");
        String id = created.get("id").asString();
        String secret = created.get("secret").asString();
        assertThat(id).startsWith("whk_");
        assertThat(secret).startsWith("whsec_").hasSizeGreaterThanOrEqualTo(6 + 43);
        assertThat(created.get("events")).extracting(JsonNode::asString).containsExactly("order.paid", "payment.captured");
        assertThat(created.get("enabled").asBoolean()).isTrue();

        Http.Response read = admin().get("/api/v1/webhook-endpoints/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("url").asString()).isEqualTo("http://localhost:9/hooks");
        assertThat(read.body()).doesNotContain(secret).doesNotContain("secret\"");
        assertThat(admin().get("/api/v1/webhook-endpoints?limit=500").body()).doesNotContain(secret);
    }

    @Test
    void theSecretIsStoredEncryptedNeverInClear() {
        JsonNode created = createEndpoint("http://localhost:9/hooks", "order.paid");
        String id = created.get("id").asString();
        String secret = created.get("secret").asString();
        String stored = jdbc.sql("select secret from webhook_endpoint where id = :id").param("id", id).query(String.class).single();
        assertThat(stored).isNotBlank().doesNotContain(secret).doesNotContain(secret.substring(6, 30));
        long anywhere = jdbc.sql("select count(*) from webhook_endpoint where secret like :s or previous_secret like :s or url like :s")
                .param("s", "%" + secret.substring(6) + "%").query(Long.class).single();
        assertThat(anywhere).isZero();
        long audited = jdbc.sql("select count(*) from audit_entry where details like :s").param("s", "%" + secret.substring(6) + "%")
                .query(Long.class).single();
        assertThat(audited).isZero();
    }

    @Test
    void creationIsAuditedWithoutTheQueryString() {
        String id = createEndpoint("http://localhost:9/hooks?token=receiver-own-token", "order.paid").get("id").asString();
        String details = jdbc.sql("select details from audit_entry where action = 'webhook-endpoint.created' and subject = :id")
                .param("id", id).query(String.class).single();
        assertThat(details).contains("http://localhost:9/hooks").doesNotContain("receiver-own-token");
    }

    @Test
    void listsPageByPageWithoutRepeats() {
        Set<String> mine = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            mine.add(createEndpoint("http://localhost:9/hooks/" + i, "order.paid").get("id").asString());
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        do {
            JsonNode page = admin().get("/api/v1/webhook-endpoints?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("items").forEach(item -> assertThat(seen.add(item.get("id").asString())).isTrue());
            cursor = page.get("nextCursor") == null || page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        assertThat(seen).containsAll(mine);
    }

    @Test
    void changesUrlEventsAndEnabled() {
        String id = createEndpoint("http://localhost:9/hooks", "order.paid").get("id").asString();
        Http.Response changed = admin().send(admin().request("/api/v1/webhook-endpoints/" + id)
                .header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"url\":\"http://localhost:10/new\",\"events\":[\"order.cancelled\",\"order.confirmed\"],\"enabled\":false}")));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("url").asString()).isEqualTo("http://localhost:10/new");
        assertThat(changed.json().get("events")).extracting(JsonNode::asString).containsExactly("order.cancelled", "order.confirmed");
        assertThat(changed.json().get("enabled").asBoolean()).isFalse();
        assertThat(changed.json().get("disabledReason").asString()).isEqualTo("disabled by an administrator");

        Http.Response enabled = patch(id, "{\"enabled\":true}");
        assertThat(enabled.json().get("enabled").asBoolean()).isTrue();
        assertThat(enabled.json().get("disabledReason")).isNull();
        assertThat(enabled.json().get("url").asString()).as("untouched when not given").isEqualTo("http://localhost:10/new");
    }

    private Http.Response patch(String id, String json) {
        return admin().send(admin().request("/api/v1/webhook-endpoints/" + id).header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(json)));
    }

    @Test
    void aDeletedEndpointIsGoneFromTheApi() {
        String id = createEndpoint("http://localhost:9/hooks", "order.paid").get("id").asString();
        assertThat(admin().method("DELETE", "/api/v1/webhook-endpoints/" + id).status()).isEqualTo(204);
        assertThat(admin().get("/api/v1/webhook-endpoints/" + id).status()).isEqualTo(404);
        assertThat(admin().get("/api/v1/webhook-endpoints/" + id + "/deliveries").status()).isEqualTo(404);
        assertThat(patch(id, "{\"enabled\":true}").status()).isEqualTo(404);
        assertThat(admin().post("/api/v1/webhook-endpoints/" + id + "/secret/rotate", Map.of()).status()).isEqualTo(404);
        assertThat(admin().method("DELETE", "/api/v1/webhook-endpoints/" + id).status()).isEqualTo(404);
        assertThat(admin().get("/api/v1/webhook-endpoints?limit=500").body()).doesNotContain(id);
    }

    @Test
    void unknownIdsAre404() {
        assertThat(admin().get("/api/v1/webhook-endpoints/whk_nosuch").status()).isEqualTo(404);
        assertThat(admin().get("/api/v1/webhook-deliveries/whd_nosuch").status()).isEqualTo(404);
        assertThat(admin().post("/api/v1/webhook-deliveries/whd_nosuch/redeliver", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void listsTheSubscribableEventTypes() {
        JsonNode types = admin().get("/api/v1/webhook-endpoints/event-types").json().get("types");
        assertThat(types).extracting(JsonNode::asString).contains("order.confirmed", "order.paid", "order.cancelled",
                "payment.captured", "payment.declined", "payment.session.created", "fulfilment.completed");
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = "ADMIN", mode = EnumSource.Mode.EXCLUDE)
    void onlyAdminsManageEndpoints(Role role) {
        String id = createEndpoint("http://localhost:9/hooks", "order.paid").get("id").asString();
        Http other = as(role);
        assertThat(other.post("/api/v1/webhook-endpoints", Map.of("url", "http://localhost:9/x", "events", List.of("order.paid"))).status())
                .isEqualTo(403);
        assertThat(other.get("/api/v1/webhook-endpoints").status()).isEqualTo(403);
        assertThat(other.get("/api/v1/webhook-endpoints/event-types").status()).isEqualTo(403);
        assertThat(other.get("/api/v1/webhook-endpoints/" + id).status()).isEqualTo(403);
        assertThat(other.method("DELETE", "/api/v1/webhook-endpoints/" + id).status()).isEqualTo(403);
        assertThat(other.post("/api/v1/webhook-endpoints/" + id + "/secret/rotate", Map.of()).status()).isEqualTo(403);
        assertThat(other.get("/api/v1/webhook-endpoints/" + id + "/deliveries").status()).isEqualTo(403);
        assertThat(other.post("/api/v1/webhook-deliveries/whd_any/redeliver", Map.of()).status()).isEqualTo(403);
        assertThat(admin().get("/api/v1/webhook-endpoints/" + id).json().get("enabled").asBoolean()).isTrue();
    }

    @Test
    void withoutCredentialsNothingIsShown() {
        assertThat(http().get("/api/v1/webhook-endpoints").status()).isEqualTo(401);
    }

    @Test
    void refusesAnUnknownEventTypeNamingTheEntry() {
        Http.Response refused = admin().post("/api/v1/webhook-endpoints",
                Map.of("url", "http://localhost:9/hooks", "events", List.of("order.paid", "order.shipped")));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(fields(refused)).containsExactly("events[1]");
        assertThat(refused.json().get("errors").get(0).get("message").asString()).contains("order.paid");
    }

    @Test
    void refusesMissingOrEmptyEventsAndUrl() {
        Http.Response empty = admin().post("/api/v1/webhook-endpoints", Map.of("url", "http://localhost:9/hooks", "events", List.of()));
        assertThat(fields(empty)).containsExactly("events");
        Http.Response nothing = admin().post("/api/v1/webhook-endpoints", Map.of());
        assertThat(nothing.status()).isEqualTo(400);
        assertThat(fields(nothing)).containsExactlyInAnyOrder("url", "events");
        Http.Response notAList = admin().post("/api/v1/webhook-endpoints", "{\"url\":\"http://localhost:9/hooks\",\"events\":{\"a\":1}}");
        assertThat(notAList.status()).isEqualTo(400);
        assertThat(fields(notAList)).containsExactly("events");
    }

    @Test
    void refusesAnInvalidUrlNamingTheField() {
        for (String url : List.of("not a url", "ftp://example.com/hook", "https://user:secret@example.com/hook",
                "https://example.com/" + "x".repeat(2100), "/relative")) {
            Http.Response refused = admin().post("/api/v1/webhook-endpoints", Map.of("url", url, "events", List.of("order.paid")));
            assertThat(refused.status()).as(url).isEqualTo(400);
            assertThat(fields(refused)).as(url).containsExactly("url");
        }
        Http.Response plainHttp = admin().post("/api/v1/webhook-endpoints",
                Map.of("url", "http://hooks.example.com/telepay", "events", List.of("order.paid")));
        assertThat(plainHttp.json().get("errors").get(0).get("message").asString()).isEqualTo("must use https");
    }

    @Test
    void refusesAddressesInsideTheNetwork() {
        for (String url : List.of("https://127.0.0.1/hook", "https://10.0.0.8/hook", "https://192.168.1.1:8443/hook",
                "https://169.254.169.254/latest/meta-data/iam/", "https://[::1]/hook", "https://[fd12::1]/hook",
                "https://metadata.google.internal/computeMetadata/v1/", "http://127.0.0.1:" + port + "/actuator/health")) {
            Http.Response refused = admin().post("/api/v1/webhook-endpoints", Map.of("url", url, "events", List.of("order.paid")));
            assertThat(refused.status()).as(url).isEqualTo(400);
            assertThat(fields(refused)).as(url).containsExactly("url");
        }
        String id = createEndpoint("http://localhost:9/hooks", "order.paid").get("id").asString();
        Http.Response changed = patch(id, "{\"url\":\"https://10.1.1.1/hook\"}");
        assertThat(changed.status()).isEqualTo(400);
        assertThat(fields(changed)).containsExactly("url");
        assertThat(admin().get("/api/v1/webhook-endpoints/" + id).json().get("url").asString()).isEqualTo("http://localhost:9/hooks");
    }

    @Test
    void rotationGivesANewSecretAndKeepsTheOldOneForTheOverlap() {
        JsonNode created = createEndpoint("http://localhost:9/hooks", "order.paid");
        String id = created.get("id").asString();
        Instant before = clock.instant();
        Http.Response rotated = admin().post("/api/v1/webhook-endpoints/" + id + "/secret/rotate", Map.of());
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.header("Cache-Control")).contains("no-store");
        String secret = rotated.json().get("secret").asString();
        assertThat(secret).startsWith("whsec_").isNotEqualTo(created.get("secret").asString());
        Instant expires = Instant.parse(rotated.json().get("previousSecretExpiresAt").asString());
        assertThat(expires).isBetween(before.plus(Duration.ofHours(24)).minusSeconds(1), clock.instant().plus(Duration.ofHours(24)));
        assertThat(admin().get("/api/v1/webhook-endpoints/" + id).json().get("previousSecretExpiresAt").asString())
                .isEqualTo(rotated.json().get("previousSecretExpiresAt").asString());
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'webhook-endpoint.secret-rotated' and subject = :id")
                .param("id", id).query(Long.class).single()).isEqualTo(1);

        Http.Response shortOverlap = admin().post("/api/v1/webhook-endpoints/" + id + "/secret/rotate", Map.of("overlap", "PT1H"));
        assertThat(Instant.parse(shortOverlap.json().get("previousSecretExpiresAt").asString()))
                .isBefore(clock.instant().plus(Duration.ofHours(1)).plusSeconds(1));
    }

    @Test
    void refusesAnOverlapThatIsNotADurationOrTooLong() {
        String id = createEndpoint("http://localhost:9/hooks", "order.paid").get("id").asString();
        for (String overlap : List.of("soon", "P30D", "-PT1H")) {
            Http.Response refused = admin().post("/api/v1/webhook-endpoints/" + id + "/secret/rotate", Map.of("overlap", overlap));
            assertThat(refused.status()).as(overlap).isEqualTo(400);
            assertThat(fields(refused)).as(overlap).containsExactly("overlap");
        }
    }
}
