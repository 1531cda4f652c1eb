package io.telepay.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.telepay.identity.StaffUser;
import io.telepay.shared.Role;
import io.telepay.testing.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CallbackSystemTest extends CallSystemTestSupport {

    private static List<String> callIds(JsonNode page) {
        return page.get("items").valueStream().map(item -> item.get("callId").asString()).toList();
    }

    @Test
    void aPromisedCallbackComesFirstInTheAgentsLeadQueueOnceDue() {
        StaffUser agentUser = newUser(Role.AGENT, team());
        Http agent = as(agentUser);
        String customer = customerOf(agent);
        String callId = started(agent, customer);
        Instant callbackAt = clock.instant().plus(Duration.ofHours(2));

        JsonNode ended = json(end(agent, callId, "CALLBACK", callbackAt), 200);
        assertThat(Instant.parse(ended.get("callbackAt").asString())).isEqualTo(callbackAt.truncatedTo(ChronoUnit.MICROS));
        assertThat(callIds(json(agent.get("/api/v1/callbacks"), 200))).containsExactly(callId);
        assertThat(callIds(json(agent.get("/api/v1/callbacks?due=true"), 200))).as("not due yet").isEmpty();

        clock.advance(Duration.ofHours(2).plusMinutes(1));
        JsonNode due = json(agent.get("/api/v1/callbacks?due=true"), 200);
        assertThat(callIds(due)).containsExactly(callId);
        assertThat(due.get("items").get(0).get("customerId").asString()).isEqualTo(customer);
        assertThat(due.get("items").get(0).get("due").asBoolean()).isTrue();

        var next = agent.get("/api/v1/leads/next");
        JsonNode lead = json(next, 200);
        assertThat(lead.get("kind").asString()).isEqualTo("CALLBACK");
        assertThat(lead.get("customer").get("id").asString()).isEqualTo(customer);
        assertThat(Instant.parse(lead.get("callbackAt").asString())).isEqualTo(callbackAt.truncatedTo(ChronoUnit.MICROS));

        String followUp = started(agent, customer);
        assertThat(callIds(json(agent.get("/api/v1/callbacks"), 200))).as("the next call keeps the promise").isEmpty();
        assertThat(json(agent.get("/api/v1/calls/" + callId), 200).get("followedUpBy").asString()).isEqualTo(followUp);
        ended(agent, followUp, "SALE");
        assertThat(jdbc.sql("select status || ' ' || outcome from lead where customer_id = :customer")
                .param("customer", customer).query(String.class).single()).as("the sale closed the lead").isEqualTo("CLOSED SALE");
    }

    @Test
    void callbacksAreTheAgentsOwnOrTheirTeams() {
        String team = team();
        Http agent = as(newUser(Role.AGENT, team));
        Http colleague = as(newUser(Role.AGENT, team));
        Http supervisor = as(newUser(Role.SUPERVISOR, team));
        Http otherSupervisor = as(newUser(Role.SUPERVISOR, team()));
        String callId = started(agent, customerOf(agent));
        assertThat(end(agent, callId, "CALLBACK", clock.instant().plus(Duration.ofDays(1))).status()).isEqualTo(200);

        assertThat(callIds(json(colleague.get("/api/v1/callbacks"), 200))).doesNotContain(callId);
        assertThat(callIds(json(supervisor.get("/api/v1/callbacks"), 200))).contains(callId);
        assertThat(callIds(json(otherSupervisor.get("/api/v1/callbacks"), 200))).doesNotContain(callId);
        assertProblem(as(Role.RISK_ANALYST).get("/api/v1/callbacks"), 403, null);
    }

    @Test
    void aCallbackNeedsAFutureTimeAndOtherDispositionsRefuseOne() {
        Http agent = as(newUser(Role.AGENT, team()));
        String callId = started(agent, customerOf(agent));

        assertProblem(end(agent, callId, "CALLBACK", null), 400, "callbackAt");
        assertProblem(end(agent, callId, "CALLBACK", clock.instant().minus(Duration.ofMinutes(5))), 400, "callbackAt");
        assertProblem(end(agent, callId, "CALLBACK", clock.instant().plus(Duration.ofDays(400))), 400, "callbackAt");
        assertProblem(end(agent, callId, "SALE", clock.instant().plus(Duration.ofDays(1))), 400, "callbackAt");
        assertProblem(end(agent, callId, "NO_ANSWER", clock.instant().plus(Duration.ofDays(1))), 400, "callbackAt");
        assertProblem(agent.post("/api/v1/calls/" + callId + "/end", Map.of("disposition", "SALE", "talkOutcome", "BUSY")),
                400, "talkOutcome");

        JsonNode call = json(agent.get("/api/v1/calls/" + callId), 200);
        assertThat(call.get("status").asString()).as("a refused end changes nothing").isEqualTo("ACTIVE");
        assertThat(auditEntries("call.ended", callId)).isZero();
        ended(agent, callId, "NO_SALE");
    }
}
