package io.telepay.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.telepay.identity.StaffUser;
import io.telepay.shared.Ids;
import io.telepay.shared.Money;
import io.telepay.shared.Role;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** A fraud label reaches what is linked to the labelled card: re-scored, alerted, with the path. */
class LateLabelsSystemTest extends SystemTest {

    @Autowired
    RiskEngine engine;

    @Autowired
    RiskAlerts alerts;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    ApplicationEventPublisher events;

    /** A fraud report as trust's FraudReported carries it. */
    record TestFraudReport(String paymentId, String cardFingerprint, String agentId, String customerId, String labelSource)
            implements FraudLabel {
    }

    private String assess(String agentId, String customerId, String card, String phone, String holder, String name) {
        String paymentId = "pay_l" + Ids.randomToken(10);
        tx.execute(status -> engine.assess(new RiskSubject(paymentId, "ord_" + Ids.randomToken(6), customerId, agentId,
                Money.of("500.00", "TWD"), card, "411111", phone, null, null, null, "LINK", clock.instant(), name, "TW", holder,
                null, "SKU-LABEL")));
        return paymentId;
    }

    private static String card() {
        return Ids.randomToken(32).substring(0, 52) + "abcdef012345";
    }

    private long labels(String kind, String item, String outcome) {
        return jdbc.sql("select count(*) from risk_label where kind = :k and item = :i and outcome = :o")
                .param("k", kind).param("i", item).param("o", outcome).query(Long.class).single();
    }

    @Test
    void aFraudReportOnACardReachesItsCustomerTheirOtherCardsAndTheAgentWithThePath() {
        StaffUser agent = newUser(Role.AGENT);
        String stolen = card();
        String other = card();
        String victim = "cus_v" + Ids.randomToken(6);
        String neighbour = "cus_w" + Ids.randomToken(6);
        String phone = "+88692" + (1_000_000 + (int) (Math.random() * 8_000_000));
        assess(agent.id(), victim, stolen, phone, null, null);
        assess(agent.id(), victim, other, phone, null, null);
        assess(agent.id(), neighbour, other, "+88697" + (1_000_000 + (int) (Math.random() * 8_000_000)), null, null);
        AlertView before = alerts.openOn(AlertSubject.CARD, other).stream()
                .filter(a -> a.signal() == AlertSignal.CARD_MANY_CUSTOMERS).findFirst().orElseThrow();
        assertThat(before.path()).isNull();

        String source = "fraud report rpt_" + Ids.randomToken(6);
        tx.executeWithoutResult(s -> events.publishEvent(new TestFraudReport(null, stolen, agent.id(), null, source)));

        // the label is heard through the outbox, after whatever other tests left for the same listener
        await().atMost(Duration.ofSeconds(30)).until(() -> labels("CARD", other, "LINKED") == 1);
        assertThat(labels("CARD", stolen, "FRAUD")).isEqualTo(1);
        assertThat(labels("AGENT", agent.id(), "FRAUD")).isEqualTo(1);
        assertThat(labels("CUSTOMER", victim, "LINKED")).isEqualTo(1);
        assertThat(labels("PHONE", phone, "LINKED")).isEqualTo(1);
        // an agent's other customers are not suspects by association
        assertThat(labels("CUSTOMER", neighbour, "LINKED")).isZero();

        AlertView linked = alerts.openOn(AlertSubject.CARD, other).stream()
                .filter(a -> a.signal() == AlertSignal.LINKED_TO_FRAUD).findFirst().orElseThrow();
        String expectedPath = "card " + stolen.substring(0, 12) + "… labelled FRAUD (" + source + ") → customer " + victim
                + " → card " + other.substring(0, 12) + "…";
        assertThat(linked.path()).isEqualTo(expectedPath);
        assertThat(linked.evidence().getFirst()).contains("re-scored");
        assertThat(alerts.find(before.id()).orElseThrow().path()).as("the open alert shows the path").isEqualTo(expectedPath);
        assertThat(alerts.openOn(AlertSubject.AGENT, agent.id())).extracting(AlertView::signal).contains(AlertSignal.AGENT_CARDS_FRAUD);

        // redelivered: nothing twice
        tx.executeWithoutResult(s -> events.publishEvent(new TestFraudReport(null, stolen, agent.id(), null, source)));
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(alerts.openOn(AlertSubject.CARD, other).stream().filter(a -> a.signal() == AlertSignal.LINKED_TO_FRAUD)
                .findFirst().orElseThrow().hits()).isEqualTo(1);

        // a new alert on a linked subject shows the path
        assess(newUser(Role.AGENT).id(), victim, card(), phone, "WANG DA MING", "Lin Chih Ling");
        AlertView later = alerts.openOn(AlertSubject.CUSTOMER, victim).stream()
                .filter(a -> a.signal() == AlertSignal.HOLDER_NAME_MISMATCH).findFirst().orElseThrow();
        assertThat(later.path()).startsWith("card " + stolen.substring(0, 12) + "… labelled FRAUD");

        // the next payment with the stolen card, or by the agent, sees the labels
        String again = assess(newUser(Role.AGENT).id(), "cus_n" + Ids.randomToken(6), stolen, null, null, null);
        JsonNode decision = as(Role.RISK_ANALYST).get("/api/v1/risk/decisions/" + again).json();
        assertThat(decision.get("features").get("card.fraudLabels").asLong()).isEqualTo(1);
        assertThat(matched(decision, "rul_card_fraud")).isTrue();
        String byAgent = assess(agent.id(), "cus_n" + Ids.randomToken(6), card(), null, null, null);
        assertThat(as(Role.RISK_ANALYST).get("/api/v1/risk/decisions/" + byAgent).json().get("features").get("agent.fraudLabels").asLong())
                .isEqualTo(1);
    }

    @Test
    void resolvingAnAlertAsFraudLabelsItsSubject() {
        StaffUser agent = newUser(Role.AGENT);
        String shared = card();
        assess(agent.id(), "cus_a" + Ids.randomToken(6), shared, null, null, null);
        assess(agent.id(), "cus_b" + Ids.randomToken(6), shared, null, null, null);
        AlertView alert = alerts.openOn(AlertSubject.CARD, shared).getFirst();
        var resolved = as(Role.RISK_ANALYST).post("/api/v1/risk/alerts/" + alert.id() + "/resolve",
                Map.of("outcome", "FRAUD", "note", "cardholder confirmed they never bought this"));
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        assertThat(labels("CARD", shared, "FRAUD")).isEqualTo(1);
        assertThat(labels("AGENT", agent.id(), "FRAUD")).isZero();

        String legit = card();
        assess(agent.id(), "cus_c" + Ids.randomToken(6), legit, null, null, null);
        assess(agent.id(), "cus_d" + Ids.randomToken(6), legit, null, null, null);
        AlertView fine = alerts.openOn(AlertSubject.CARD, legit).getFirst();
        as(Role.RISK_ANALYST).post("/api/v1/risk/alerts/" + fine.id() + "/resolve", Map.of("outcome", "LEGITIMATE", "note", "family card"));
        assertThat(labels("CARD", legit, "FRAUD")).isZero();
        assertThat(labels("CARD", legit, "LEGITIMATE")).isEqualTo(1);
    }

    private static boolean matched(JsonNode decision, String ruleId) {
        for (JsonNode rule : decision.get("rules")) {
            if (rule.get("ruleId").asString().equals(ruleId)) {
                return rule.get("matched").asBoolean();
            }
        }
        return false;
    }

}
