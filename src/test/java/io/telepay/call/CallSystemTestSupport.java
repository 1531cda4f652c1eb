package io.telepay.call;

import static io.telepay.customer.CustomerFixtures.taiwanMobile;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.telepay.shared.Ids;
import io.telepay.testing.Http;
import io.telepay.testing.SystemTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** What every call system test needs: customers of one's own, a call started, a note, an end. */
abstract class CallSystemTestSupport extends SystemTest {

    @Autowired
    RecordedCallEvents events;

    static String team() {
        return "組-" + Ids.randomToken(3);
    }

    /** A new customer owned by the agent behind {@code agent} (or, for a supervisor, by {@code ownerId}). */
    static String customerOf(Http client, String name, String ownerId) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("phone", taiwanMobile());
        if (ownerId != null) {
            body.put("ownerId", ownerId);
        }
        var created = client.post("/api/v1/customers", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    static String customerOf(Http agent) {
        return customerOf(agent, "陳志明", null);
    }

    static Http.Response startCall(Http client, String customerId, String direction, String agentId) {
        Map<String, Object> body = new HashMap<>();
        body.put("customerId", customerId);
        body.put("direction", direction);
        if (agentId != null) {
            body.put("agentId", agentId);
        }
        return client.post("/api/v1/calls", body);
    }

    /** Starts an OUTBOUND call and returns its id. */
    static String started(Http agent, String customerId) {
        var response = startCall(agent, customerId, "OUTBOUND", null);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    static Http.Response note(Http client, String callId, String text) {
        return client.post("/api/v1/calls/" + callId + "/notes", Map.of("text", text));
    }

    static Http.Response end(Http client, String callId, String disposition, Instant callbackAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("disposition", disposition);
        if (callbackAt != null) {
            body.put("callbackAt", callbackAt.toString());
        }
        return client.post("/api/v1/calls/" + callId + "/end", body);
    }

    static void ended(Http client, String callId, String disposition) {
        var response = end(client, callId, disposition, null);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    static void assertProblem(Http.Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        if (field != null) {
            assertThat(response.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                    .as(response.toString()).contains(field);
        }
    }

    static JsonNode json(Http.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        return response.json();
    }

    long auditEntries(String action, String subject) {
        return jdbc.sql("select count(*) from audit_entry where action = :action and subject = :subject")
                .param("action", action).param("subject", subject).query(Long.class).single();
    }
}
