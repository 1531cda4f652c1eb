package io.telepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.telepay.identity.StaffUser;
import io.telepay.shared.Db;
import io.telepay.shared.Role;
import io.telepay.testing.CardDataScan;
import io.telepay.testing.ConsoleSession;
import org.junit.jupiter.api.Test;

/**
 * A payment held because its agent or card is tied to fraud is released by risk analysts only: the agent's
 * supervisor (who may be the one the fraud runs through) and an admin are refused, over the API and the console.
 * The held page shows who, what, the card and the reasons, and asks before it acts.
 */
class FraudTiedHoldSystemTest extends PaymentSystemTest {

    private static final String PAGE = "/console/team/held";

    private String status(String paymentId) {
        return jdbc.sql("select status from payment where id = :id").param("id", paymentId).query(String.class).single();
    }

    /** Risk's decision to hold the payment, as the engine stores it, counting FRAUD labels on its agent and card. */
    private void heldWithLabels(PaymentFixtures.Paid held, int agentLabels, int cardLabels) {
        jdbc.sql("""
                        insert into risk_decision (payment_id, at, action, score, reasons, rule_set_version, matched, features, hash, agent_id)
                        values (:id, :at, 'REVIEW', 70, '["this agent''s sales were labelled fraud"]', 1, '[]', :features, :hash, :agent)""")
                .param("id", held.paymentId()).param("at", Db.ts(clock.instant()))
                .param("features", "{\"agent.fraudLabels\":" + agentLabels + ",\"card.fraudLabels\":" + cardLabels + ",\"card.attempts.10m\":1}")
                .param("hash", "0".repeat(64)).param("agent", held.sale().agent().id()).update();
    }

    @Test
    void aHoldOnAnAgentTiedToFraudIsReleasedByRiskStaffOnly() {
        PaymentFixtures.Paid held = fixtures().authorized("2400.00", "TWD", "REVIEW");
        heldWithLabels(held, 2, 0);
        StaffUser supervisor = newUser(Role.SUPERVISOR, staff.get(held.sale().agent().id()).team());

        var refused = as(supervisor).post("/api/v1/payments/" + held.paymentId() + "/release", Map.of());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.json().get("type").asString()).endsWith("risk-staff-required");
        assertThat(refused.json().get("detail").asString()).contains("only a risk analyst");
        assertThat(as(Role.ADMIN).post("/api/v1/payments/" + held.paymentId() + "/release", Map.of()).status())
                .as("an admin is no risk staff either").isEqualTo(403);
        assertThat(status(held.paymentId())).isEqualTo("REVIEW");

        // the console says so instead of offering the button, and refuses a hand-made request all the same
        ConsoleSession console = signedIn(supervisor);
        var page = console.http().get(PAGE, "text/html");
        assertThat(page.body()).contains("Only risk staff can release this payment.").contains("Agent or card tied to fraud")
                .doesNotContain(PAGE + "/" + held.paymentId() + "/release\"")
                .contains(PAGE + "/" + held.paymentId() + "/void\"");
        var forced = console.submit(PAGE, PAGE + "/" + held.paymentId() + "/release", Map.of());
        assertThat(forced.status()).isEqualTo(200);
        assertThat(forced.body()).contains("alert error").contains("only a risk analyst can release it");
        assertThat(status(held.paymentId())).isEqualTo("REVIEW");

        ConsoleSession analyst = signedIn(newUser(Role.RISK_ANALYST));
        assertThat(analyst.http().get(PAGE).body()).contains(PAGE + "/" + held.paymentId() + "/release\"");
        assertThat(analyst.submit(PAGE, PAGE + "/" + held.paymentId() + "/release", Map.of()).status()).isEqualTo(302);
        assertThat(status(held.paymentId())).isEqualTo("CAPTURED");
    }

    @Test
    void aHoldOnACardTiedToFraudIsRefusedToTheSupervisorOverTheApiAndReleasedByAnAnalyst() {
        PaymentFixtures.Paid held = fixtures().authorized("880.00", "TWD", "REVIEW");
        heldWithLabels(held, 0, 1);
        StaffUser supervisor = newUser(Role.SUPERVISOR, staff.get(held.sale().agent().id()).team());
        assertThat(as(supervisor).post("/api/v1/payments/" + held.paymentId() + "/release", Map.of()).status()).isEqualTo(403);
        var released = as(Role.RISK_ANALYST).post("/api/v1/payments/" + held.paymentId() + "/release", Map.of());
        assertThat(released.status()).as(released.toString()).isEqualTo(200);
        assertThat(status(held.paymentId())).isEqualTo("CAPTURED");
    }

    @Test
    void theHeldPageShowsWhoWhatTheCardAndTheReasonsAndAsksBeforeActing() {
        PaymentFixtures.Paid held = fixtures().authorized("1999.00", "TWD", "REVIEW");
        heldWithLabels(held, 0, 0);
        jdbc.sql("update payment set risk_reasons = :r where id = :id").param("id", held.paymentId())
                .param("r", "card used on the sales of 3 agents in 7 days\nnew card, amount far below the product's usual").update();
        StaffUser supervisor = newUser(Role.SUPERVISOR, staff.get(held.sale().agent().id()).team());
        ConsoleSession console = signedIn(supervisor);

        String body = console.http().get(PAGE, "text/html").body();
        String row = body.substring(body.indexOf("data-payment=\"" + held.paymentId() + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains("林志玲").contains(held.sale().agent().displayName()).contains("線上課程 ")
                .contains("VISA ···· 4242").contains("issued in Taiwan").contains("data-testid=\"fingerprint\"")
                .contains("<li>card used on the sales of 3 agents in 7 days</li>")
                .as("a reason an analyst wrote is shown as written")
                .contains("<li><span translate=\"no\">new card, amount far below the product&#39;s usual</span></li>")
                .contains("Capture NT$1,999 from VISA ···· 4242? The customer is charged.")
                .contains("<dialog class=\"confirm\"").doesNotContain("Only risk staff");
        assertThat(new CardDataScan(jdbc, List.of("4242424242424242"), List.of("123")).leaks(PAGE, body)).isEmpty();

        String zh = console.http().header("Accept-Language", "zh-TW").get(PAGE, "text/html").body();
        assertThat(zh).contains("發卡地：台灣").contains("要從 VISA ···· 4242 請款 NT$1,999 嗎？").doesNotContain("??");
    }
}
