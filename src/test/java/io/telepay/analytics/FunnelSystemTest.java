package io.telepay.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.telepay.identity.StaffUser;
import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.Sales;
import io.telepay.testing.SystemTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /analytics/funnel}: a paid sale counted once per stage, reach per role, CSV, and bad input named. */
class FunnelSystemTest extends SystemTest {

    @Test
    void aPaidSaleCountsOnceInEveryStageItReachedForTheAgentsSupervisor() {
        Sales sales = new Sales(this);
        Sales.Sale sale = sales.confirmedOrder("680.00", "TWD");
        String token = sales.payToken(sale);
        var paid = http().header("Accept", "application/json").post("/pay/" + token, Sales.card("4000000000000002", "123"));
        assertThat(paid.json().get("status").asString()).isEqualTo("DECLINED");
        http().header("Accept", "application/json").post("/pay/" + token, Sales.card("4242424242424242", "123"));
        StaffUser supervisor = newUser(Role.SUPERVISOR, staff.get(sale.agent().id()).team());
        Http boss = as(supervisor);

        JsonNode row = Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> agentRow(boss, sale.agent().id()),
                r -> r != null && r.get("paid").asLong() == 1 && r.get("declines").asLong() == 1);
        assertThat(row.get("ordersConfirmed").asLong()).isEqualTo(1);
        assertThat(row.get("paySessions").asLong()).isEqualTo(1);
        assertThat(row.get("paidAmounts").get(0).get("amount").asString()).isEqualTo("680.00");
        assertThat(row.get("declineRate").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(row.get("label").asString()).isEqualTo(sale.agent().displayName());

        var csv = boss.get("/api/v1/analytics/funnel?groupBy=product", "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).startsWith("product,label,calls").contains("線上課程 " + sale.productSku()).contains("680.00");
        assertThat(boss.get("/api/v1/analytics/funnel?format=csv").body()).startsWith("agent,label");
    }

    @Test
    void aSupervisorOfAnotherTeamAndAnAgentSeeNothingOfTheSale() {
        Sales.Sale sale = new Sales(this).confirmedOrder("1.00", "USD");
        Http stranger = as(newUser(Role.SUPERVISOR));
        assertThat(stranger.get("/api/v1/analytics/funnel").json().get("rows").size()).isZero();
        assertThat(stranger.get("/api/v1/analytics/funnel?agentId=" + sale.agent().id()).status()).isEqualTo(404);
        Http otherAgent = as(newUser(Role.AGENT));
        assertThat(otherAgent.get("/api/v1/analytics/funnel?agentId=" + sale.agent().id()).status()).isEqualTo(404);
        assertThat(as(Role.RISK_ANALYST).get("/api/v1/analytics/funnel").status()).isEqualTo(403);
    }

    @Test
    void badPeriodsAndCutsAreRefusedNamingTheField() {
        Http admin = as(Role.ADMIN);
        assertThat(field(admin.get("/api/v1/analytics/funnel?from=yesterday"))).isEqualTo("from");
        assertThat(field(admin.get("/api/v1/analytics/funnel?from=2025-03-02&to=2025-03-01"))).isEqualTo("to");
        assertThat(field(admin.get("/api/v1/analytics/funnel?from=2020-01-01&to=2025-01-01"))).isEqualTo("to");
        assertThat(field(admin.get("/api/v1/analytics/funnel?groupBy=campaign"))).isEqualTo("groupBy");
        assertThat(admin.get("/api/v1/analytics/funnel?groupBy=day&from=2025-01-01&to=2025-12-31").status()).isEqualTo(200);
    }

    private static String field(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        return response.json().get("errors").get(0).get("field").asString();
    }

    private static JsonNode agentRow(Http client, String agentId) {
        for (JsonNode row : client.get("/api/v1/analytics/funnel").json().get("rows")) {
            if (row.get("key").asString().equals(agentId)) {
                return row;
            }
        }
        return null;
    }
}
