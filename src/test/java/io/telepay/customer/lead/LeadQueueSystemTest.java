package io.telepay.customer.lead;

import static io.telepay.customer.CustomerFixtures.taiwanMobile;
import static io.telepay.customer.LeadUploads.importAndWait;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.telepay.customer.CustomerDirectory;
import io.telepay.identity.StaffUser;
import io.telepay.shared.Ids;
import io.telepay.shared.Money;
import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class LeadQueueSystemTest extends SystemTest {

    @Autowired
    CustomerDirectory customers;

    private String team() {
        return "組-" + Ids.randomToken(3);
    }

    /** Imports {@code names} as leads; owned by {@code owner}, or nobody's when null. Returns the job id. */
    private String importLeads(String owner, String campaign, String... names) {
        StringBuilder csv = new StringBuilder("name,phone,source,campaign\n");
        for (String name : names) {
            csv.append(name).append(',').append(taiwanMobile()).append(",web,").append(campaign).append('\n');
        }
        Map<String, String> fields = new HashMap<>();
        if (owner != null) {
            fields.put("ownerId", owner);
        }
        JsonNode job = importAndWait(as(Role.ADMIN), csv.toString(), fields);
        assertThat(job.get("imported").asInt()).as(job.toString()).isEqualTo(names.length);
        return job.get("id").asString();
    }

    private String customerOf(String jobId, String name) {
        return jdbc.sql("select id from customer where import_id = :job and name = :name")
                .param("job", jobId).param("name", name).query(String.class).single();
    }

    /** Leaves no leads anybody could be handed in other tests. */
    private void closeLeadsOf(String jobId) {
        jdbc.sql("update lead set status = 'CLOSED', outcome = 'TEST' where import_id = :job").param("job", jobId).update();
    }

    private static Http.Response complete(Http agent, String leadId, String disposition, Instant callbackAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("disposition", disposition);
        if (callbackAt != null) {
            body.put("callbackAt", callbackAt.toString());
        }
        return agent.post("/api/v1/leads/" + leadId + "/complete", body);
    }

    @Test
    void handsTheBestScoredLeadWithItsReasonsAndTheFullNumberAndKeepsItReserved() {
        StaffUser agentUser = newUser(Role.AGENT, team());
        Http agent = as(agentUser);
        String job = importLeads(agentUser.id(), "秋季-" + Ids.randomToken(3), "陳一", "陳二", "陳三");
        String buyer = customerOf(job, "陳二");
        customers.recordOrder(buyer, "ord_" + Ids.randomToken(8), Money.of("1990.00", "TWD"));

        var next = agent.get("/api/v1/leads/next");
        assertThat(next.status()).as(next.toString()).isEqualTo(200);
        JsonNode lead = next.json();
        assertThat(lead.get("kind").asString()).isEqualTo("SCORED");
        assertThat(lead.get("customer").get("id").asString()).isEqualTo(buyer);
        assertThat(lead.get("customer").get("contactVisible").asBoolean()).isTrue();
        assertThat(lead.get("customer").get("phone").asString()).startsWith("+8869").doesNotContain("*");
        assertThat(lead.get("score").get("points").asInt()).isEqualTo(
                lead.get("score").get("reasons").valueStream().mapToInt(r -> r.get("points").asInt()).sum());
        assertThat(lead.get("score").get("reasons").valueStream().map(r -> r.get("factor").asString()).toList())
                .contains("new lead (under a day old)", "1 past order");
        assertThat(Instant.parse(lead.get("reservedUntil").asString())).isAfter(clock.instant().plus(Duration.ofMinutes(29)));

        assertThat(agent.get("/api/v1/leads/next").json().get("id").asString()).as("asking again gives the held lead")
                .isEqualTo(lead.get("id").asString());
        assertThat(complete(agent, lead.get("id").asString(), "SALE", null).status()).isEqualTo(204);
        assertThat(agent.get("/api/v1/leads/next").json().get("customer").get("id").asString()).isNotEqualTo(buyer);
        closeLeadsOf(job);
    }

    @Test
    void aDueCallbackComesBeforeBetterScoredLeads() {
        StaffUser agentUser = newUser(Role.AGENT, team());
        Http agent = as(agentUser);
        String job = importLeads(agentUser.id(), "回電-" + Ids.randomToken(3), "林一", "林二", "林三");
        JsonNode first = agent.get("/api/v1/leads/next").json();
        Instant callbackAt = clock.instant().plus(Duration.ofHours(1));
        assertThat(complete(agent, first.get("id").asString(), "CALLBACK", callbackAt).status()).isEqualTo(204);

        JsonNode second = agent.get("/api/v1/leads/next").json();
        assertThat(second.get("kind").asString()).as("the callback is not due yet").isEqualTo("SCORED");
        assertThat(agent.post("/api/v1/leads/" + second.get("id").asString() + "/release", Map.of()).status()).isEqualTo(204);

        clock.advance(Duration.ofMinutes(61));
        JsonNode due = agent.get("/api/v1/leads/next").json();
        assertThat(due.get("kind").asString()).isEqualTo("CALLBACK");
        assertThat(due.get("id").asString()).isEqualTo(first.get("id").asString());
        assertThat(Instant.parse(due.get("callbackAt").asString())).isEqualTo(callbackAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        assertThat(due.get("attempts").asInt()).isEqualTo(1);
        assertThat(due.get("score").get("reasons").valueStream().map(r -> r.get("factor").asString()).toList()).contains("1 attempt so far");
        closeLeadsOf(job);
    }

    @Test
    void agentsAskingAtTheSameMomentNeverGetTheSameLead() throws Exception {
        String job = importLeads(null, "同時-" + Ids.randomToken(3),
                "甲一", "甲二", "甲三", "甲四", "甲五", "甲六", "甲七", "甲八", "甲九", "甲十", "乙一", "乙二");
        List<Http> agents = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            agents.add(as(newUser(Role.AGENT, team())));
        }
        List<String> handed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(agents.size());
        try {
            List<Future<?>> work = new ArrayList<>();
            for (Http agent : agents) {
                work.add(pool.submit((Callable<Void>) () -> {
                    for (int i = 0; i < 4; i++) {
                        var next = agent.get("/api/v1/leads/next");
                        if (next.status() == 204) {
                            break;
                        }
                        assertThat(next.status()).as(next.toString()).isEqualTo(200);
                        String id = next.json().get("id").asString();
                        handed.add(id);
                        assertThat(complete(agent, id, "NO_SALE", null).status()).isEqualTo(204);
                    }
                    return null;
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
        } finally {
            pool.shutdown();
            closeLeadsOf(job);
        }
        assertThat(handed).hasSizeGreaterThanOrEqualTo(12).doesNotHaveDuplicates();
    }

    @Test
    void anUnownedLeadIsVisibleOnlyWhileReservedAndComesBackWhenTheReservationEnds() {
        String job = importLeads(null, "過期-" + Ids.randomToken(3), "周一");
        String customer = customerOf(job, "周一");
        Http first = as(newUser(Role.AGENT, team()));
        Http second = as(newUser(Role.AGENT, team()));
        try {
            assertThat(first.get("/api/v1/customers/" + customer).status()).isEqualTo(404);
            JsonNode lead = first.get("/api/v1/leads/next").json();
            assertThat(lead.get("customer").get("id").asString()).isEqualTo(customer);
            assertThat(first.get("/api/v1/customers/" + customer).json().get("contactVisible").asBoolean()).isTrue();
            assertThat(second.get("/api/v1/leads/next").status()).isEqualTo(204);

            clock.advance(Duration.ofMinutes(31));
            assertThat(first.get("/api/v1/customers/" + customer).status()).isEqualTo(404);
            assertThat(complete(first, lead.get("id").asString(), "NO_SALE", null).status()).isEqualTo(409);
            JsonNode again = second.get("/api/v1/leads/next").json();
            assertThat(again.get("id").asString()).isEqualTo(lead.get("id").asString());
            assertThat(first.post("/api/v1/leads/" + lead.get("id").asString() + "/release", Map.of()).status()).isEqualTo(404);

            assertThat(complete(second, again.get("id").asString(), "NO_ANSWER", null).status()).isEqualTo(204);
            assertThat(second.get("/api/v1/customers/" + customer).json().get("ownerId").isNull()).isFalse();
        } finally {
            closeLeadsOf(job);
        }
    }

    @Test
    void doNotCallCustomersAreNeverHandedOut() {
        StaffUser agentUser = newUser(Role.AGENT, team());
        Http agent = as(agentUser);
        String job = importLeads(agentUser.id(), "勿擾-" + Ids.randomToken(3), "吳一", "吳二");
        String flagged = customerOf(job, "吳一");
        agent.post("/api/v1/customers/" + flagged + "/do-not-call", Map.of("reason", "請勿來電"));

        JsonNode lead = agent.get("/api/v1/leads/next").json();
        assertThat(lead.get("customer").get("id").asString()).isEqualTo(customerOf(job, "吳二"));
        assertThat(complete(agent, lead.get("id").asString(), "DO_NOT_CALL", null).status()).isEqualTo(204);
        assertThat(agent.get("/api/v1/customers/" + customerOf(job, "吳二")).json().get("doNotCall").asBoolean()).isTrue();
        assertThat(agent.get("/api/v1/leads/next").status()).isEqualTo(204);
    }

    @Test
    void anUnansweredLeadComesBackAfterTheRetryDelay() {
        StaffUser agentUser = newUser(Role.AGENT, team());
        Http agent = as(agentUser);
        String job = importLeads(agentUser.id(), "未接-" + Ids.randomToken(3), "鄭一");
        JsonNode lead = agent.get("/api/v1/leads/next").json();
        assertThat(complete(agent, lead.get("id").asString(), "NO_ANSWER", null).status()).isEqualTo(204);
        assertThat(agent.get("/api/v1/leads/next").status()).isEqualTo(204);
        clock.advance(Duration.ofHours(2).plusMinutes(1));
        JsonNode retry = agent.get("/api/v1/leads/next").json();
        assertThat(retry.get("id").asString()).isEqualTo(lead.get("id").asString());
        assertThat(retry.get("score").get("points").asInt()).isLessThan(lead.get("score").get("points").asInt());
        closeLeadsOf(job);
    }

    @Test
    void theQueueRefusesWhatIsNotAnAgentsToAsk() {
        StaffUser agentUser = newUser(Role.AGENT, team());
        Http agent = as(agentUser);
        assertThat(as(newUser(Role.SUPERVISOR, team())).get("/api/v1/leads/next").status()).isEqualTo(403);
        assertThat(agent.post("/api/v1/leads/led_nosuchlead/release", Map.of()).status()).isEqualTo(404);
        String job = importLeads(agentUser.id(), "錯誤-" + Ids.randomToken(3), "許一");
        JsonNode lead = agent.get("/api/v1/leads/next").json();
        String id = lead.get("id").asString();
        var noCallbackTime = complete(agent, id, "CALLBACK", null);
        assertThat(noCallbackTime.status()).isEqualTo(400);
        assertThat(noCallbackTime.json().get("errors").get(0).get("field").asString()).isEqualTo("callbackAt");
        var unknown = complete(agent, id, "MAYBE", null);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("disposition");
        assertThat(complete(agent, id, "CALLBACK", clock.instant().minusSeconds(60)).status()).isEqualTo(400);
        assertThat(jdbc.sql("select attempts from lead where id = :id").param("id", id).query(Integer.class).single())
                .as("nothing half-written").isZero();
        closeLeadsOf(job);
    }
}
