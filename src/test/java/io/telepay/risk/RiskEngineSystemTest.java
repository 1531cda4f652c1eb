package io.telepay.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.RiskRulesInShadow;
import io.telepay.testing.Sales;
import io.telepay.testing.SystemTest;
import io.telepay.testing.TestCards;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Rules over HTTP, and the engine deciding payments through the pay page. */
class RiskEngineSystemTest extends SystemTest {

    @Autowired
    RiskRulesInShadow shadow;

    private final Sales sales = new Sales(this);

    private Http.Response pay(Sales.Sale sale, String card) {
        return http().header("Accept", "application/json").post("/pay/" + sales.payToken(sale), Sales.card(card, "123"));
    }

    @Test
    void oneCardPayingForManyCustomersIsBlockedBeforeTheGateway() {
        shadow.mode("rul_card_many_customers", "ACTIVE");
        try {
            String card = TestCards.fresh();
            Http analyst = as(Role.RISK_ANALYST);
            for (int i = 0; i < 2; i++) {
                var paid = pay(sales.confirmedOrder("880.00", "TWD"), card);
                assertThat(paid.json().get("status").asString()).as(paid.toString()).isEqualTo("SUCCEEDED");
            }
            Sales.Sale third = sales.confirmedOrder("880.00", "TWD");
            var blocked = pay(third, card);
            assertThat(blocked.json().get("status").asString())
                    .as(() -> analyst.get("/api/v1/risk/decisions/" + blocked.json().get("paymentId").asString()).body())
                    .isEqualTo("DECLINED");
            String paymentId = blocked.json().get("paymentId").asString();

            JsonNode payment = third.asAgent().get("/api/v1/payments/" + paymentId).json();
            assertThat(payment.get("status").asString()).isEqualTo("DECLINED");
            assertThat(payment.get("risk").get("action").asString()).isEqualTo("BLOCK");
            assertThat(payment.get("risk").get("reasons").get(0).asString()).isEqualTo("card used by 3 customers in 24 h");
            // the money never moved: the acquirer has no charge for it
            assertThat(jdbc.sql("select count(*) from sandbox_charge where reference like :id").param("id", paymentId + "%")
                    .query(Long.class).single()).isZero();

            JsonNode decision = analyst.get("/api/v1/risk/decisions/" + paymentId).json();
            assertThat(decision.get("action").asString()).isEqualTo("BLOCK");
            assertThat(decision.get("features").get("card.distinctCustomers.24h").asLong()).isEqualTo(3);
            assertThat(decision.get("features").get("card.firstSeen").asBoolean()).isFalse();
            assertThat(decision.get("hash").asString()).hasSize(64);
            assertThat(decision.get("ruleSetVersion").asLong()).isPositive();
            JsonNode hit = null;
            for (JsonNode rule : decision.get("rules")) {
                if (rule.get("ruleId").asString().equals("rul_card_many_customers")) {
                    hit = rule;
                }
            }
            assertThat(hit).isNotNull();
            assertThat(hit.get("matched").asBoolean()).isTrue();
            assertThat(hit.get("mode").asString()).isEqualTo("ACTIVE");
            assertThat(decision.get("replayed").get("action").asString()).isEqualTo("BLOCK");
            assertThat(decision.get("replayed").get("sameMatches").asBoolean()).isTrue();
            assertThat(decision.get("replayed").get("hashVerified").asBoolean()).isTrue();
            assertThat(decision.toString()).doesNotContain(card).doesNotContain(card.substring(6, 12));

            // the rule edited afterwards (back to SHADOW, a new version): the replay runs the version that decided
            assertThat(analyst.put("/api/v1/risk/rules/rul_card_many_customers", Map.of("mode", "SHADOW")).status()).isEqualTo(200);
            JsonNode later = analyst.get("/api/v1/risk/decisions/" + paymentId).json();
            assertThat(later.get("replayed").get("action").asString()).isEqualTo("BLOCK");
            assertThat(later.get("replayed").get("sameMatches").asBoolean()).isTrue();
        } finally {
            shadow.mode("rul_card_many_customers", "SHADOW");
        }
    }

    @Test
    void onlyAnalystsAdminsAndTheTeamsSupervisorSeeADecision() {
        Sales.Sale sale = sales.confirmedOrder("120.00", "TWD");
        String paymentId = pay(sale, TestCards.fresh()).json().get("paymentId").asString();
        assertThat(as(Role.RISK_ANALYST).get("/api/v1/risk/decisions/" + paymentId).status()).isEqualTo(200);
        assertThat(as(Role.ADMIN).get("/api/v1/risk/decisions/" + paymentId).status()).isEqualTo(200);
        assertThat(as(Role.AGENT).get("/api/v1/risk/decisions/" + paymentId).status()).isEqualTo(403);
        assertThat(sale.asAgent().get("/api/v1/risk/decisions/" + paymentId).status()).isEqualTo(403);
        assertThat(as(newUser(Role.SUPERVISOR, sale.agent().team())).get("/api/v1/risk/decisions/" + paymentId).status()).isEqualTo(200);
        assertThat(as(newUser(Role.SUPERVISOR)).get("/api/v1/risk/decisions/" + paymentId).status()).isEqualTo(404);
        assertThat(as(Role.RISK_ANALYST).get("/api/v1/risk/decisions/pay_unknown").status()).isEqualTo(404);
    }

    @Test
    void rulesAreVersionedAndSyntaxErrorsNameTheColumn() {
        Http analyst = as(Role.RISK_ANALYST);
        var bad = analyst.post("/api/v1/risk/rules", Map.of("name", "broken", "expression", "card.attempts.1h >", "action", "REVIEW"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo("expression");
        assertThat(bad.json().get("errors").get(0).get("message").asString()).isEqualTo("column 19: expected a number after '>'");
        var unknown = analyst.post("/api/v1/risk/rules", Map.of("name", "typo", "expression", "card.atempts.1h > 3", "action", "REVIEW"));
        assertThat(unknown.json().get("errors").get(0).get("message").asString()).contains("unknown feature 'card.atempts.1h'");

        var created = analyst.post("/api/v1/risk/rules", Map.of("name", "Many attempts per device", "expression",
                "device.attempts.1h >= 8", "action", "REVIEW", "score", 40, "reason", "{device.attempts.1h} attempts from one device"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("version").asInt()).isEqualTo(1);
        assertThat(created.json().get("mode").asString()).isEqualTo("SHADOW");
        assertThat(created.json().get("enabled").asBoolean()).isTrue();

        var changed = analyst.put("/api/v1/risk/rules/" + id, Map.of("expression", "device.attempts.1h >= 6", "mode", "ACTIVE"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("version").asInt()).isEqualTo(2);
        assertThat(changed.json().get("name").asString()).isEqualTo("Many attempts per device");
        var disabled = analyst.post("/api/v1/risk/rules/" + id + "/disable", Map.of());
        assertThat(disabled.json().get("version").asInt()).isEqualTo(3);
        assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
        var versions = analyst.get("/api/v1/risk/rules/" + id + "/versions").json().get("items");
        assertThat(versions).hasSize(3);
        assertThat(versions.get(2).get("expression").asString()).isEqualTo("device.attempts.1h >= 8");

        assertThat(analyst.get("/api/v1/risk/rules").json().get("items").toString()).contains(id).contains("rul_card_many_customers");
        assertThat(analyst.put("/api/v1/risk/rules/rul_nope", Map.of("score", 3)).status()).isEqualTo(404);
        assertThat(as(Role.AGENT).get("/api/v1/risk/rules").status()).isEqualTo(403);
        assertThat(as(Role.SUPERVISOR).post("/api/v1/risk/rules", Map.of("name", "x", "expression", "hour > 3", "action", "BLOCK")).status())
                .isEqualTo(403);
    }

    @Test
    void aShadowRuleIsRecordedButNeverActedOn() {
        Http analyst = as(Role.RISK_ANALYST);
        String amount = "4" + (100 + java.util.concurrent.ThreadLocalRandom.current().nextInt(899)) + ".37";
        var rule = analyst.post("/api/v1/risk/rules", Map.of("name", "Shadow block " + amount, "expression",
                "amount == " + amount + " TWD", "action", "BLOCK", "mode", "SHADOW", "score", 99));
        String ruleId = rule.json().get("id").asString();
        try {
            Sales.Sale sale = sales.confirmedOrder(amount, "TWD");
            var paid = pay(sale, TestCards.fresh());
            assertThat(paid.json().get("status").asString()).isEqualTo("SUCCEEDED");
            String paymentId = paid.json().get("paymentId").asString();
            JsonNode decision = analyst.get("/api/v1/risk/decisions/" + paymentId).json();
            assertThat(decision.get("action").asString()).isEqualTo("ALLOW");
            JsonNode hit = null;
            for (JsonNode r : decision.get("rules")) {
                if (r.get("ruleId").asString().equals(ruleId)) {
                    hit = r;
                }
            }
            assertThat(hit).isNotNull();
            assertThat(hit.get("matched").asBoolean()).isTrue();
            assertThat(hit.get("mode").asString()).isEqualTo("SHADOW");
            assertThat(analyst.get("/api/v1/risk/rules/" + ruleId).json().get("hits7d").asLong()).isEqualTo(1);
        } finally {
            analyst.post("/api/v1/risk/rules/" + ruleId + "/disable", Map.of());
        }
    }
}
