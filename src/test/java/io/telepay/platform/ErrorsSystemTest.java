package io.telepay.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.Map;

import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;

/** Every kind of error, framework ones included, answers RFC 9457 problem+json without internals. */
class ErrorsSystemTest extends SystemTest {

    private static void assertProblem(Http.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        var json = response.json();
        assertThat(json.get("status").asInt()).isEqualTo(status);
        assertThat(json.get("type").asString()).startsWith("urn:telepay:problem:");
        assertThat(json.hasNonNull("title")).isTrue();
        assertThat(json.hasNonNull("detail")).isTrue();
        assertThat(response.body()).doesNotContainIgnoringCase("exception").doesNotContain("at io.").doesNotContain("org.springframework")
                .doesNotContainIgnoringCase("select ").doesNotContain("trace");
    }

    @Test
    void unknownRouteIs404() {
        assertProblem(as(Role.ADMIN).get("/api/v1/no-such-thing"), 404);
    }

    @Test
    void wrongMethodIs405() {
        var response = as(Role.ADMIN).method("PUT", "/api/v1/users");
        assertProblem(response, 405);
        assertThat(response.header("Allow")).contains("GET").contains("POST");
    }

    @Test
    void wrongMediaTypeIs415() {
        assertProblem(as(Role.ADMIN).postRaw("/api/v1/users", "text/plain", "hello"), 415);
    }

    @Test
    void malformedJsonIs400() {
        var response = as(Role.ADMIN).postRaw("/api/v1/users", "application/json", "{\"username\": ");
        assertProblem(response, 400);
        assertThat(response.json().get("type").asString()).endsWith("malformed-json");
    }

    @Test
    void wrongJsonTypeNamesTheField() {
        var response = as(Role.ADMIN).postRaw("/api/v1/users", "application/json", "{\"username\": \"ab1\", \"role\": \"EMPEROR\"}");
        assertProblem(response, 400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("role");
    }

    @Test
    void controlCharactersAndNumbersForTextOrTimesAreRefusedByName() {
        var nul = as(Role.ADMIN).postRaw("/api/v1/api-keys", "application/json", "{\"name\": \"a\\u0000b\", \"role\": \"ADMIN\"}");
        assertProblem(nul, 400);
        assertThat(nul.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertThat(nul.json().get("errors").get(0).get("message").asString()).contains("control characters");

        var number = as(Role.ADMIN).postRaw("/api/v1/api-keys", "application/json", "{\"name\": 12345, \"role\": \"ADMIN\"}");
        assertProblem(number, 400);
        assertThat(number.json().get("errors").get(0).get("field").asString()).isEqualTo("name");

        // a time is an RFC 3339 string, not seconds (or milliseconds) since 1970
        var epoch = as(Role.ADMIN).postRaw("/api/v1/risk/lists/ip", "application/json",
                "{\"value\": \"10.1.2.3\", \"action\": \"BLOCK\", \"reason\": \"probe\", \"expiresAt\": 1764408600000}");
        assertProblem(epoch, 400);
        assertThat(epoch.json().get("errors").get(0).get("field").asString()).isEqualTo("expiresAt");
        assertThat(epoch.json().get("errors").get(0).get("message").asString()).contains("RFC 3339");
        var noOffset = as(Role.ADMIN).postRaw("/api/v1/risk/lists/ip", "application/json",
                "{\"value\": \"10.1.2.3\", \"action\": \"BLOCK\", \"reason\": \"probe\", \"expiresAt\": \"2099-11-29 09:30\"}");
        assertProblem(noOffset, 400);
        assertThat(noOffset.json().get("errors").get(0).get("field").asString()).isEqualTo("expiresAt");
        assertThat(as(Role.ADMIN).postRaw("/api/v1/risk/lists/ip", "application/json",
                "{\"value\": \"10.1.2.3\", \"action\": \"BLOCK\", \"reason\": \"probe\", \"expiresAt\": \"2099-11-29T09:30:00Z\"}")
                .status()).isEqualTo(201);

        var query = as(Role.ADMIN).get("/api/v1/risk/alerts?subject=a%00b");
        assertProblem(query, 400);
        assertThat(query.json().get("errors").get(0).get("field").asString()).isEqualTo("subject");

        // tabs and line breaks are text
        assertThat(as(Role.ADMIN).post("/api/v1/api-keys", Map.of("name", "line one\nline\ttwo", "role", "ADMIN")).status())
                .isEqualTo(201);
    }

    @Test
    void unknownFieldIsRefusedByName() {
        var response = as(Role.ADMIN).post("/api/v1/api-keys", Map.of("name", "x", "role", "ADMIN", "amount", "1"));
        assertProblem(response, 400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("amount");
    }

    @Test
    void validationIs400WithEveryFieldAtFault() {
        var response = as(Role.ADMIN).post("/api/v1/users", Map.of("username", "x", "password", "short"));
        assertProblem(response, 400);
        var fields = response.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList();
        assertThat(fields).contains("username", "displayName", "role");
    }

    @Test
    void bodyAboveTheLimitIs413WhetherDeclaredOrStreamed() {
        String big = "{\"name\": \"" + "x".repeat(1_100_000) + "\"}";
        assertProblem(as(Role.ADMIN).postRaw("/api/v1/api-keys", "application/json", big), 413);

        Http admin = as(Role.ADMIN);
        var chunked = admin.send(admin.request("/api/v1/api-keys").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes()))));
        assertProblem(chunked, 413);
    }

    @Test
    void missingOrUnknownKeyIs401AndWrongRoleIs403() {
        var anonymous = http().get("/api/v1/users");
        assertProblem(anonymous, 401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
        assertProblem(http().as("tpk_nope_notakey").get("/api/v1/users"), 401);
        assertProblem(as(Role.AGENT).get("/api/v1/users"), 403);
    }

    @Test
    void anEncodedSlashInAnIdIsAProblemNotTomcatsPage() {
        var response = as(Role.ADMIN).get("/api/v1/users/usr%2F..%2Fadmin");
        assertThat(response.status()).isIn(400, 404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aRequestTomcatRefusesOnItsOwnIsAProblemWithoutServerDetails() throws Exception {
        try (var socket = new java.net.Socket("localhost", port)) {
            socket.getOutputStream().write("GET /api/v1/users/a{b} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String raw = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(raw).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/problem+json")
                    .contains("\"status\":400").doesNotContain("Apache Tomcat").doesNotContain("<html");
        }
    }

    @Test
    void unknownIdIs404() {
        assertProblem(as(Role.ADMIN).get("/api/v1/users/usr_doesnotexist"), 404);
    }

    @Test
    void badQueryParameterIs400NamingIt() {
        var response = as(Role.AUDITOR).get("/api/v1/audit?from=yesterday");
        assertProblem(response, 400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("from");
        assertProblem(as(Role.AUDITOR).get("/api/v1/audit?limit=100000"), 400);
    }

    @Test
    void browsersGetAPageNotJson() {
        var response = http().get("/no-such-page", "text/html");
        assertThat(response.status()).isIn(302, 404);
    }

    @Test
    void everyResponseCarriesARequestIdAndTheSecurityHeaders() {
        for (var response : new Http.Response[] {http().get("/api/v1/users"), as(Role.ADMIN).get("/api/v1/no-such-thing"),
                http().get("/login"), http().get("/actuator/health")}) {
            assertThat(response.header("X-Request-Id")).as(response.toString()).isNotBlank();
            assertThat(response.header("Content-Security-Policy")).contains("frame-ancestors 'none'").contains("script-src 'self'");
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
        }
    }

    @Test
    void aSaneIncomingRequestIdIsKeptAndAnInsaneOneReplaced() {
        assertThat(http().header("X-Request-Id", "trace-12345678").get("/actuator/health").header("X-Request-Id"))
                .isEqualTo("trace-12345678");
        assertThat(http().header("X-Request-Id", "bad id <script>").get("/actuator/health").header("X-Request-Id"))
                .startsWith("req_");
    }

    @Test
    void problemCarriesTheRequestId() {
        var response = as(Role.ADMIN).get("/api/v1/no-such-thing");
        assertThat(response.json().get("requestId").asString()).isEqualTo(response.header("X-Request-Id"));
    }
}
