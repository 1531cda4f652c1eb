package io.telepay.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.telepay.identity.StaffUser;
import io.telepay.shared.Ids;
import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.Sales;
import io.telepay.testing.SystemTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every list applies the same reach as reading one by id: with a second team's sale, call and fulfilment
 * present, a supervisor and an agent of the first team walk every GET list of the API (each operation of
 * the served OpenAPI document without a path variable) and none shows anything of the other team.
 */
class ListReachSystemTest extends SystemTest {

    private final Sales sales = new Sales(this);

    record TeamSale(Sales.Sale sale, String paymentId, String fulfilmentId, String callId) {
        List<String> ids() {
            return List.of(sale.orderId(), sale.customerId(), paymentId, fulfilmentId, callId, sale.agent().id());
        }
    }

    private TeamSale paidAndFulfilled(StaffUser agent) {
        Http asAgent = as(agent);
        String sku = sales.product("1500.00", "TWD");
        String customerId = sales.customer(asAgent);
        var call = asAgent.post("/api/v1/calls", Map.of("customerId", customerId, "direction", "OUTBOUND"));
        assertThat(call.status()).as(call.toString()).isEqualTo(201);
        String callId = call.json().get("id").asString();
        var order = asAgent.post("/api/v1/orders", Map.of("customerId", customerId, "lines", List.of(Map.of("sku", sku, "quantity", 1))));
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        String orderId = order.json().get("id").asString();
        assertThat(asAgent.post("/api/v1/orders/" + orderId + "/confirm", Map.of()).status()).isEqualTo(200);
        Sales.Sale sale = new Sales.Sale(agent, asAgent, customerId, sku, orderId, null);
        var paid = http().header("Accept", "application/json").post("/pay/" + sales.payToken(sale), Sales.card("4242 4242 4242 4242", "123"));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        String paymentId = paid.json().get("paymentId").asString();
        String fulfilmentId = Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select id from fulfilment where order_id = :o").param("o", orderId).query(String.class).optional().orElse(null),
                Objects::nonNull);
        assertThat(fulfilmentId).as("the paid order's fulfilment").isNotNull();
        return new TeamSale(sale, paymentId, fulfilmentId, callId);
    }

    @Test
    void noListShowsAnotherTeamsData() {
        String teamA = "team-a-" + Ids.randomToken(3);
        String teamB = "team-b-" + Ids.randomToken(3);
        StaffUser supervisorA = newUser(Role.SUPERVISOR, teamA);
        StaffUser agentA = newUser(Role.AGENT, teamA);
        TeamSale own = paidAndFulfilled(agentA);
        TeamSale other = paidAndFulfilled(newUser(Role.AGENT, teamB));

        // the fulfilment list (the tester's find) shows the own team's and refuses the other's by id too
        Http supervisor = as(supervisorA);
        String fulfilments = supervisor.get("/api/v1/fulfilments?limit=200").body();
        assertThat(fulfilments).contains(own.fulfilmentId()).doesNotContain(other.fulfilmentId());
        assertThat(supervisor.get("/api/v1/fulfilments/" + other.fulfilmentId()).status()).isEqualTo(404);

        JsonNode openApi = as(Role.ADMIN).get("/v3/api-docs").json();
        List<String> walked = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : openApi.path("paths").properties()) {
            JsonNode get = path.getValue().path("get");
            if (get.isMissingNode() || path.getKey().contains("{") || !path.getKey().startsWith("/api/v1/")
                    || path.getKey().startsWith("/api/v1/public/")) {
                continue;
            }
            boolean paged = false;
            for (JsonNode parameter : get.path("parameters")) {
                paged |= "limit".equals(parameter.path("name").asString());
            }
            String url = path.getKey() + (paged ? "?limit=200" : "");
            for (Map.Entry<String, Http> caller : Map.of("supervisor", supervisor, "agent", as(agentA)).entrySet()) {
                var answer = caller.getValue().get(url);
                if (answer.status() != 200) {
                    continue;
                }
                walked.add(caller.getKey() + " " + url);
                for (String id : other.ids()) {
                    if (answer.body().contains(id)) {
                        leaks.add(caller.getKey() + " GET " + url + " shows " + id);
                    }
                }
            }
        }
        assertThat(walked).as("list endpoints answered").hasSizeGreaterThan(15)
                .contains("supervisor /api/v1/fulfilments?limit=200", "agent /api/v1/orders?limit=200");
        assertThat(leaks).as("another team's data in a list").isEmpty();
    }
}
