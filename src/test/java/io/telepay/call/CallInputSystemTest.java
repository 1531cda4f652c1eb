package io.telepay.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.telepay.shared.Role;
import io.telepay.testing.Http;
import org.junit.jupiter.api.Test;

/** What a client may get wrong: every mistake is a 4xx problem naming the field, never a 5xx, and writes nothing. */
class CallInputSystemTest extends CallSystemTestSupport {

    @Test
    void aStartWithMissingOrWronglyTypedFieldsIsRefusedNamingTheField() {
        Http agent = as(newUser(Role.AGENT, team()));
        String customer = customerOf(agent);

        assertProblem(agent.post("/api/v1/calls", Map.of("direction", "OUTBOUND")), 400, "customerId");
        assertProblem(agent.post("/api/v1/calls", Map.of("customerId", customer)), 400, "direction");
        assertProblem(agent.post("/api/v1/calls", Map.of("customerId", customer, "direction", "SIDEWAYS")), 400, "direction");
        assertProblem(agent.post("/api/v1/calls", Map.of("customerId", customer, "direction", 7)), 400, "direction");
        assertProblem(agent.post("/api/v1/calls", Map.of("customerId", Map.of("id", customer), "direction", "OUTBOUND")), 400, "customerId");
        assertProblem(agent.post("/api/v1/calls", Map.of("customerId", "c".repeat(100 * 1024), "direction", "OUTBOUND")), 400, "customerId");
        assertProblem(agent.post("/api/v1/calls", Map.of("customerId", customer, "direction", "OUTBOUND", "extra", 1)), 400, null);
        assertProblem(agent.post("/api/v1/calls", "{\"customerId\": "), 400, null);
        assertProblem(agent.post("/api/v1/calls", "[]"), 400, null);
        assertProblem(agent.post("/api/v1/calls", "null"), 400, null);
        assertProblem(agent.postRaw("/api/v1/calls", "text/plain", "customerId=" + customer), 415, null);
        assertThat(jdbc.sql("select count(*) from phone_call where customer_id = :c").param("c", customer).query(Long.class).single()).isZero();
    }

    @Test
    void unknownCustomersAndCallsAreNotFound() {
        Http agent = as(newUser(Role.AGENT, team()));
        assertProblem(startCall(agent, "cus_doesnotexist", "OUTBOUND", null), 404, null);
        assertProblem(startCall(agent, "'; drop table phone_call; --", "OUTBOUND", null), 404, null);
        assertProblem(agent.get("/api/v1/calls/call_doesnotexist"), 404, null);
        assertProblem(note(agent, "call_doesnotexist", "客戶詢問"), 404, null);
        assertProblem(end(agent, "call_doesnotexist", "SALE", null), 404, null);
        assertProblem(agent.get("/api/v1/calls/%3Cscript%3E"), 404, null);
    }

    @Test
    void anEndWithAnUnknownDispositionOrABadTimeIsRefused() {
        Http agent = as(newUser(Role.AGENT, team()));
        String callId = started(agent, customerOf(agent));
        assertProblem(agent.post("/api/v1/calls/" + callId + "/end", Map.of()), 400, "disposition");
        assertProblem(agent.post("/api/v1/calls/" + callId + "/end", Map.of("disposition", "MAYBE")), 400, "disposition");
        assertProblem(agent.post("/api/v1/calls/" + callId + "/end", Map.of("disposition", "CALLBACK", "callbackAt", "明天下午")), 400, "callbackAt");
        assertProblem(agent.post("/api/v1/calls/" + callId + "/end", Map.of("disposition", "CALLBACK", "callbackAt", 1764000000)), 400, "callbackAt");
        assertProblem(agent.post("/api/v1/calls/" + callId + "/notes", Map.of("text", Map.of("zh", "你好"))), 400, "text");
        assertThat(json(agent.get("/api/v1/calls/" + callId), 200).get("status").asString()).isEqualTo("ACTIVE");
        ended(agent, callId, "NO_SALE");
    }

    @Test
    void badListParametersAreRefusedNamingTheParameter() {
        Http agent = as(newUser(Role.AGENT, team()));
        assertProblem(agent.get("/api/v1/calls?status=RINGING"), 400, "status");
        assertProblem(agent.get("/api/v1/calls?limit=0"), 400, "limit");
        assertProblem(agent.get("/api/v1/calls?limit=many"), 400, "limit");
        assertProblem(agent.get("/api/v1/calls?cursor=not-a-cursor"), 400, "cursor");
        assertProblem(agent.get("/api/v1/calls?cursor=123_cus_x"), 400, "cursor");
        assertProblem(agent.get("/api/v1/callbacks?due=perhaps"), 400, "due");
        assertProblem(agent.get("/api/v1/callbacks?cursor=%27%3B--"), 400, "cursor");
        assertThat(json(agent.get("/api/v1/calls?customerId=%27%20or%201%3D1%20--"), 200).get("items")).isEmpty();
    }

    @Test
    void withoutCredentialsNothingIsAnswered() {
        assertProblem(http().post("/api/v1/calls", Map.of("customerId", "cus_x", "direction", "OUTBOUND")), 401, null);
        assertProblem(http().get("/api/v1/callbacks"), 401, null);
        assertProblem(as(Role.TELEPHONY).post("/api/v1/calls", Map.of("customerId", "cus_x", "direction", "OUTBOUND")), 403, null);
    }
}
