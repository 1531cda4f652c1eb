package io.telepay.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.telepay.identity.StaffUser;
import io.telepay.shared.Role;
import io.telepay.testing.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class CallSystemTest extends CallSystemTestSupport {

    @Autowired
    Calls calls;

    @Test
    void anAgentStartsACallAndGetsItsIdStartTimeAndActiveStatus() {
        StaffUser agentUser = newUser(Role.AGENT, team());
        Http agent = as(agentUser);
        String customer = customerOf(agent);

        var response = startCall(agent, customer, "OUTBOUND", null);
        JsonNode call = json(response, 201);
        String id = call.get("id").asString();
        assertThat(id).startsWith("call_");
        assertThat(call.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(Instant.parse(call.get("startedAt").asString())).isBetween(clock.instant().minusSeconds(30), clock.instant());
        assertThat(call.get("agentId").asString()).isEqualTo(agentUser.id());
        assertThat(call.get("customerId").asString()).isEqualTo(customer);
        assertThat(call.get("direction").asString()).isEqualTo("OUTBOUND");
        assertThat(response.header("Location")).isEqualTo("/api/v1/calls/" + id);

        assertThat(json(agent.get("/api/v1/calls/" + id), 200).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(auditEntries("call.started", id)).isEqualTo(1);
        assertThat(events.about(id, CallStarted.class)).singleElement()
                .satisfies(started -> assertThat(started.agentId()).isEqualTo(agentUser.id()));
    }

    @Test
    void endingRecordsTheDispositionTalkOutcomeAndHandleTime() {
        StaffUser agentUser = newUser(Role.AGENT, team());
        Http agent = as(agentUser);
        String id = started(agent, customerOf(agent));
        clock.advance(Duration.ofSeconds(125));

        var response = agent.post("/api/v1/calls/" + id + "/end", Map.of("disposition", "NO_ANSWER", "talkOutcome", "VOICEMAIL"));
        JsonNode call = json(response, 200);
        assertThat(call.get("status").asString()).isEqualTo("ENDED");
        assertThat(call.get("disposition").asString()).isEqualTo("NO_ANSWER");
        assertThat(call.get("talkOutcome").asString()).isEqualTo("VOICEMAIL");
        assertThat(call.get("handleSeconds").asLong()).isBetween(125L, 185L);
        assertThat(Duration.between(Instant.parse(call.get("startedAt").asString()), Instant.parse(call.get("endedAt").asString())).toSeconds())
                .isEqualTo(call.get("handleSeconds").asLong());
        assertThat(call.get("endedBy").asString()).isEqualTo(agentUser.id());
        assertThat(auditEntries("call.ended", id)).isEqualTo(1);
        assertThat(events.about(id, CallEnded.class)).singleElement()
                .satisfies(ended -> assertThat(ended.handleSeconds()).isEqualTo(call.get("handleSeconds").asLong()));

        String second = started(agent, customerOf(agent));
        JsonNode sale = json(end(agent, second, "SALE", null), 200);
        assertThat(sale.get("talkOutcome").asString()).as("implied by the disposition").isEqualTo("CONNECTED");
    }

    @Test
    void aRetriedStartWithTheSameIdempotencyKeyGetsTheSameCall() {
        Http agent = as(newUser(Role.AGENT, team()));
        String customer = customerOf(agent);
        Http keyed = agent.header("Idempotency-Key", "start-" + customer);
        JsonNode first = json(startCall(keyed, customer, "OUTBOUND", null), 201);
        var retry = startCall(keyed, customer, "OUTBOUND", null);
        assertThat(json(retry, 201).get("id").asString()).isEqualTo(first.get("id").asString());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(callsWith(customer)).isEqualTo(1);
        ended(agent, first.get("id").asString(), "NO_SALE");
    }

    @Test
    void anOutboundCallToADoNotCallCustomerIsRefusedButTheCustomerMayCallIn() {
        Http agent = as(newUser(Role.AGENT, team()));
        String customer = customerOf(agent);
        assertThat(agent.post("/api/v1/customers/" + customer + "/do-not-call", Map.of("reason", "請不要再打來")).status()).isEqualTo(200);

        var refused = startCall(agent, customer, "OUTBOUND", null);
        assertProblem(refused, 422, null);
        assertThat(refused.json().get("detail").asString()).contains(customer);
        assertThat(callsWith(customer)).isZero();

        String inbound = json(startCall(agent, customer, "INBOUND", null), 201).get("id").asString();
        assertThat(callsWith(customer)).isEqualTo(1);
        ended(agent, inbound, "NO_SALE");
    }

    @Test
    void endingWithDoNotCallSetsTheCustomersFlagAndRefusesTheNextOutboundCall() {
        Http agent = as(newUser(Role.AGENT, team()));
        String customer = customerOf(agent);
        ended(agent, started(agent, customer), "DO_NOT_CALL");

        assertThat(json(agent.get("/api/v1/customers/" + customer), 200).get("doNotCall").asBoolean()).isTrue();
        assertProblem(startCall(agent, customer, "OUTBOUND", null), 422, null);
    }

    @Test
    void anAgentHoldsOneActiveCallAtATimeAndTheConflictNamesIt() {
        Http agent = as(newUser(Role.AGENT, team()));
        String first = started(agent, customerOf(agent));
        String otherCustomer = customerOf(agent);

        var conflict = startCall(agent, otherCustomer, "INBOUND", null);
        assertProblem(conflict, 409, null);
        assertThat(conflict.json().get("activeCallId").asString()).isEqualTo(first);
        assertThat(conflict.json().get("detail").asString()).contains(first);
        assertThat(callsWith(otherCustomer)).isZero();

        ended(agent, first, "NO_SALE");
        started(agent, otherCustomer);
    }

    @Test
    void startsRacingForOneAgentLeaveExactlyOneActiveCall() throws Exception {
        StaffUser agentUser = newUser(Role.AGENT, team());
        Http agent = as(agentUser);
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            customers.add(customerOf(agent));
        }
        ExecutorService pool = Executors.newFixedThreadPool(customers.size());
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Future<Http.Response>> starts = new ArrayList<>();
            for (String customer : customers) {
                starts.add(pool.submit((Callable<Http.Response>) () -> startCall(agent, customer, "OUTBOUND", null)));
            }
            for (Future<Http.Response> start : starts) {
                statuses.add(start.get().status());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
        assertThat(jdbc.sql("select count(*) from phone_call where agent_id = :agent and status = 'ACTIVE'")
                .param("agent", agentUser.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anEndedCallTakesNoNotesAndCannotEndTwice() {
        Http agent = as(newUser(Role.AGENT, team()));
        String id = started(agent, customerOf(agent));
        ended(agent, id, "SALE");

        assertProblem(note(agent, id, "補充：客戶希望週末送達"), 409, null);
        assertProblem(end(agent, id, "NO_SALE", null), 409, null);
        JsonNode call = json(agent.get("/api/v1/calls/" + id), 200);
        assertThat(call.get("disposition").asString()).as("the first end stands").isEqualTo("SALE");
        assertThat(call.get("noteCount").asInt()).isZero();
    }

    @Test
    void anAgentCannotReadOrChangeAnotherAgentsCalls() {
        String team = team();
        Http agentA = as(newUser(Role.AGENT, team));
        Http agentB = as(newUser(Role.AGENT, team));
        String customer = customerOf(agentA);
        String id = started(agentA, customer);
        assertThat(note(agentA, id, "客戶詢問保費").status()).isEqualTo(201);

        assertProblem(agentB.get("/api/v1/calls/" + id), 404, null);
        assertProblem(note(agentB, id, "我來接手"), 404, null);
        assertProblem(end(agentB, id, "NO_SALE", null), 404, null);
        assertProblem(agentB.get("/api/v1/calls/" + id + "/script?productId=prd_none"), 404, null);
        assertThat(json(agentB.get("/api/v1/calls?customerId=" + customer), 200).get("items")).isEmpty();
        assertThat(json(agentB.get("/api/v1/calls?agentId=" + customer), 200).get("items")).isEmpty();
        assertProblem(startCall(agentB, customer, "OUTBOUND", null), 404, null);

        JsonNode call = json(agentA.get("/api/v1/calls/" + id), 200);
        assertThat(call.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(call.get("notes")).hasSize(1);
        assertThat(json(agentA.get("/api/v1/calls?customerId=" + customer), 200).get("items")).hasSize(1);
    }

    @Test
    void supervisorsWorkTheirTeamsCallsAndStartCallsForTheirAgents() {
        String team = team();
        StaffUser agentUser = newUser(Role.AGENT, team);
        Http agent = as(agentUser);
        Http supervisor = as(newUser(Role.SUPERVISOR, team));
        Http otherSupervisor = as(newUser(Role.SUPERVISOR, team()));
        StaffUser strangerAgent = newUser(Role.AGENT, team());

        String customer = customerOf(supervisor, "林美玲", agentUser.id());
        assertProblem(startCall(supervisor, customer, "OUTBOUND", null), 400, "agentId");
        assertProblem(startCall(supervisor, customer, "OUTBOUND", strangerAgent.id()), 400, "agentId");
        JsonNode call = json(startCall(supervisor, customer, "OUTBOUND", agentUser.id()), 201);
        String id = call.get("id").asString();
        assertThat(call.get("agentId").asString()).isEqualTo(agentUser.id());
        assertThat(call.get("startedBy").asString()).isNotEqualTo(agentUser.id());
        assertThat(json(agent.get("/api/v1/calls/active"), 200).get("id").asString()).isEqualTo(id);

        assertProblem(otherSupervisor.get("/api/v1/calls/" + id), 404, null);
        assertProblem(note(otherSupervisor, id, "稽核"), 404, null);
        assertThat(json(otherSupervisor.get("/api/v1/calls?customerId=" + customer), 200).get("items")).isEmpty();

        assertThat(note(supervisor, id, "主管監聽：介紹清楚").status()).isEqualTo(201);
        assertThat(json(supervisor.get("/api/v1/calls?agentId=" + agentUser.id()), 200).get("items")).hasSize(1);
        assertThat(json(end(supervisor, id, "NO_SALE", null), 200).get("status").asString()).isEqualTo("ENDED");
    }

    @Test
    void agentsCallAsThemselves() {
        String team = team();
        Http agent = as(newUser(Role.AGENT, team));
        StaffUser colleague = newUser(Role.AGENT, team);
        assertProblem(startCall(agent, customerOf(agent), "OUTBOUND", colleague.id()), 400, "agentId");
    }

    @Test
    void riskAnalystsReadCallsButChangeNone() {
        Http agent = as(newUser(Role.AGENT, team()));
        Http analyst = as(newUser(Role.RISK_ANALYST, team()));
        String customer = customerOf(agent);
        String id = started(agent, customer);

        assertThat(json(analyst.get("/api/v1/calls/" + id), 200).get("id").asString()).isEqualTo(id);
        assertThat(json(analyst.get("/api/v1/calls?customerId=" + customer), 200).get("items")).hasSize(1);
        assertProblem(note(analyst, id, "查核"), 403, null);
        assertProblem(end(analyst, id, "NO_SALE", null), 403, null);
        assertProblem(startCall(analyst, customer, "INBOUND", null), 403, null);
        assertProblem(as(Role.AUDITOR).get("/api/v1/calls/" + id), 403, null);
        ended(agent, id, "NO_SALE");
    }

    @Test
    void theAgentOnACallSeesTheCustomersFullPhoneUntilTheCallEnds() {
        String team = team();
        StaffUser owner = newUser(Role.AGENT, team);
        StaffUser colleagueUser = newUser(Role.AGENT, team);
        Http colleague = as(colleagueUser);
        Http supervisor = as(newUser(Role.SUPERVISOR, team));
        String customer = customerOf(as(owner));
        assertProblem(colleague.get("/api/v1/customers/" + customer), 404, null);

        String id = json(startCall(supervisor, customer, "INBOUND", colleagueUser.id()), 201).get("id").asString();
        JsonNode seen = json(colleague.get("/api/v1/customers/" + customer), 200);
        assertThat(seen.get("contactVisible").asBoolean()).isTrue();
        assertThat(seen.get("phone").asString()).startsWith("+8869").doesNotContain("*");

        ended(colleague, id, "NO_SALE");
        assertProblem(colleague.get("/api/v1/customers/" + customer), 404, null);
    }

    @Test
    void theActiveCallIsTheCallersOwnAndNoneAfterItEnds() {
        Http agent = as(newUser(Role.AGENT, team()));
        assertThat(agent.get("/api/v1/calls/active").status()).isEqualTo(204);
        String id = started(agent, customerOf(agent));
        assertThat(json(agent.get("/api/v1/calls/active"), 200).get("id").asString()).isEqualTo(id);
        assertThat(as(newUser(Role.AGENT, team())).get("/api/v1/calls/active").status()).isEqualTo(204);
        ended(agent, id, "NO_SALE");
        assertThat(agent.get("/api/v1/calls/active").status()).isEqualTo(204);
    }

    @Test
    void theProductsScriptStandsBesideTheCall() {
        Http agent = as(newUser(Role.AGENT, team()));
        String id = started(agent, customerOf(agent));
        String sku = "CALL-SCRIPT-" + System.nanoTime();
        String script = "您好，為您介紹旅遊平安保險，保費新台幣 680 元。付款請使用簡訊連結，本公司不會索取密碼。";
        var product = as(Role.ADMIN).post("/api/v1/products", Map.of("sku", sku, "name", "旅遊平安保險",
                "price", Map.of("amount", "680.00", "currency", "TWD"), "fulfilment", "SERVICE", "script", script));
        String productId = json(product, 201).get("id").asString();

        JsonNode shown = json(agent.get("/api/v1/calls/" + id + "/script?productId=" + productId), 200);
        assertThat(shown.get("script").asString()).isEqualTo(script);
        assertThat(shown.get("sku").asString()).isEqualTo(sku);
        assertThat(shown.get("price").get("amount").asString()).isEqualTo("680.00");
        assertProblem(agent.get("/api/v1/calls/" + id + "/script?productId=prd_unknown"), 404, null);
        assertProblem(agent.get("/api/v1/calls/" + id + "/script"), 400, "productId");
        ended(agent, id, "NO_SALE");
    }

    @Test
    void theListIsNewestFirstFilteredAndPaged() {
        StaffUser agentUser = newUser(Role.AGENT, team());
        Http agent = as(agentUser);
        String customer = customerOf(agent);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = started(agent, customer);
            ended(agent, id, "NO_ANSWER");
            ids.add(id);
            clock.advance(Duration.ofSeconds(1));
        }
        String active = started(agent, customerOf(agent));

        JsonNode first = json(agent.get("/api/v1/calls?customerId=" + customer + "&limit=2"), 200);
        assertThat(first.get("items").valueStream().map(c -> c.get("id").asString()).toList()).containsExactly(ids.get(2), ids.get(1));
        JsonNode second = json(agent.get("/api/v1/calls?customerId=" + customer + "&limit=2&cursor=" + first.get("nextCursor").asString()), 200);
        assertThat(second.get("items").valueStream().map(c -> c.get("id").asString()).toList()).containsExactly(ids.get(0));
        assertThat(second.get("nextCursor")).isNull();

        assertThat(json(agent.get("/api/v1/calls?status=ACTIVE"), 200).get("items").valueStream()
                .map(c -> c.get("id").asString()).toList()).containsExactly(active);
        assertThat(json(agent.get("/api/v1/calls?status=ENDED&agentId=" + agentUser.id()), 200).get("items")).hasSize(3);
        ended(agent, active, "NO_SALE");
    }

    @Test
    void otherModulesReadASummaryOfAnyCall() {
        Http agent = as(newUser(Role.AGENT, team()));
        String customer = customerOf(agent);
        String id = started(agent, customer);
        assertThat(calls.summary(id)).hasValueSatisfying(summary -> {
            assertThat(summary.customerId()).isEqualTo(customer);
            assertThat(summary.status()).isEqualTo("ACTIVE");
            assertThat(summary.endedAt()).isNull();
        });
        ended(agent, id, "SALE");
        assertThat(calls.summary(id)).hasValueSatisfying(summary -> assertThat(summary.status()).isEqualTo("ENDED"));
        assertThat(calls.summary("call_unknown")).isEmpty();
        assertThat(calls.summary(null)).isEmpty();
    }

    private long callsWith(String customerId) {
        return jdbc.sql("select count(*) from phone_call where customer_id = :customer").param("customer", customerId)
                .query(Long.class).single();
    }
}
