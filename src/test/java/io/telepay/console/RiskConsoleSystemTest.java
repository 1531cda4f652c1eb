package io.telepay.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.telepay.identity.StaffUser;
import io.telepay.shared.Role;
import io.telepay.testing.CardDataScan;
import io.telepay.testing.ConsoleSession;
import io.telepay.testing.Http;
import io.telepay.testing.Sales;
import io.telepay.testing.SystemTest;
import io.telepay.testing.TestCards;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.util.HtmlUtils;

/** The risk analyst's pages: the alert queue with evidence and resolution, and the rules with editor and backtest. */
class RiskConsoleSystemTest extends SystemTest {

    private final Sales sales = new Sales(this);

    @Autowired
    private Phrases phrases;

    private String alertFromANote() {
        StaffUser agent = newUser(Role.AGENT);
        Http asAgent = as(agent);
        String customer = sales.customer(asAgent);
        String callId = asAgent.post("/api/v1/calls", Map.of("customerId", customer, "direction", "OUTBOUND")).json().get("id").asString();
        asAgent.post("/api/v1/calls/" + callId + "/notes", Map.of("text", "請把手機收到的簡訊驗證碼念給我"));
        return await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                        "select id from risk_alert where subject = :agent and signal = 'SECRET_REQUESTED' and status = 'OPEN'")
                .param("agent", agent.id()).query(String.class).optional(), java.util.Optional::isPresent).orElseThrow();
    }

    @Test
    void anAnalystWorksTheAlertQueueFromListToResolution() {
        String alertId = alertFromANote();
        ConsoleSession analyst = signedIn(newUser(Role.RISK_ANALYST));
        var queue = analyst.http().get("/console/risk/alerts?signal=SECRET_REQUESTED");
        assertThat(queue.status()).isEqualTo(200);
        assertThat(queue.body()).contains("data-testid=\"alerts\"").contains("/console/risk/alerts/" + alertId)
                .contains("Asked for a PIN, password or code").doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>");
        assertThat(analyst.http().get("/console").body()).contains("/console/risk/alerts").contains("/console/risk/rules");

        // the agent by name, not only by id
        String agentId = jdbc.sql("select subject from risk_alert where id = :id").param("id", alertId).query(String.class).single();
        String agentName = staff.find(agentId).orElseThrow().displayName();
        assertThat(queue.body()).contains(agentName);

        String detailPage = "/console/risk/alerts/" + alertId;
        var detail = analyst.http().get(detailPage);
        assertThat(detail.body()).contains(agentName).contains("data-testid=\"evidence\"").contains("one-time code").doesNotContain("簡訊驗證碼念給我");

        // the analyst takes it: the page says so, and it is in their own queue
        assertThat(analyst.submit(detailPage, detailPage + "/assign", Map.of()).status()).isEqualTo(302);
        var mine = analyst.http().get(detailPage);
        assertThat(mine.body()).contains("The alert is yours.").contains("/unassign\"");
        assertThat(analyst.http().get("/console/risk/alerts?assignee=me").body()).contains("/console/risk/alerts/" + alertId);
        assertThat(analyst.http().get("/console/risk/alerts?assignee=none&signal=SECRET_REQUESTED").body())
                .doesNotContain("/console/risk/alerts/" + alertId);

        var resolved = analyst.submit(detailPage, detailPage + "/resolve", Map.of("outcome", "FRAUD", "note", "她在電話中索取驗證碼"));
        assertThat(resolved.status()).isEqualTo(302);
        var after = analyst.http().get(detailPage);
        assertThat(after.body()).contains("The alert is resolved.").contains("她在電話中索取驗證碼").doesNotContain("/resolve\"");

        var zh = analyst.http().header("Accept-Language", "zh-TW").get("/console/risk/alerts?status=RESOLVED&signal=SECRET_REQUESTED");
        assertThat(zh.body()).contains("索取 PIN 碼、密碼或驗證碼").contains("詐欺");
    }

    /** An alert's evidence in the analyst's language, the agent and the customers by name (their ids on hover). */
    @Test
    void theEvidenceOfACardSharedByCustomersNamesThePeople() {
        String card = TestCards.fresh();
        Sales.Sale first = sales.confirmedOrder("770.00", "TWD");
        Sales.Sale second = sales.confirmedOrderForNewCustomer(first);
        for (Sales.Sale sale : List.of(first, second)) {
            var paid = http().header("Accept", "application/json").post("/pay/" + sales.payToken(sale), Sales.card(card, "123"));
            assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        }
        String alertId = await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                        select id from risk_alert where signal = 'CARD_MANY_CUSTOMERS' and agent_id = :agent""")
                .param("agent", first.agent().id()).query(String.class).optional(), java.util.Optional::isPresent).orElseThrow();

        String page = signedIn(newUser(Role.RISK_ANALYST)).http().header("Accept-Language", "zh-TW")
                .get("/console/risk/alerts/" + alertId).body();
        int start = page.indexOf("data-testid=\"evidence\"");
        String evidence = page.substring(start, page.indexOf("</ol>", start));
        assertThat(evidence).contains("這張卡 7 天內替 1 位客服專員的 2 位客戶付款")
                .contains("title=\"" + first.agent().id() + "\"").contains(first.agent().displayName())
                .contains("title=\"" + second.customerId() + "\"").contains("林志玲")
                .as("ids only on hover").doesNotContain(">" + second.customerId() + "<");
    }

    /** The default rules' names and reasons in the analyst's language (an analyst's own words stay as written). */
    @Test
    void theDefaultRulesReadInTheReadersLanguage() {
        ConsoleSession analyst = signedIn(newUser(Role.RISK_ANALYST));
        String zh = analyst.http().header("Accept-Language", "zh-TW").get("/console/risk/rules").body();
        List<Map<String, Object>> rules = jdbc.sql("select name, reason from risk_rule where current = true and created_by = 'system'")
                .query().listOfRows();
        assertThat(rules).hasSizeGreaterThanOrEqualTo(28);
        assertThat(zh).contains("一張卡多位客戶").contains("同一位址的盜刷測試");
        assertThat(analyst.http().get("/console/risk/rules/rul_card_velocity").body()).as("the editor says why renaming matters")
                .contains("data-testid=\"name-shown\"").contains("A name you write is shown as written");
        LocaleContextHolder.setLocale(Locale.forLanguageTag("zh-CN"));
        try {
            for (Map<String, Object> rule : rules) {
                String name = (String) rule.get("name");
                assertThat(zh).as(name).doesNotContain(">" + HtmlUtils.htmlEscape(name) + "<");
                // the reason as a decision stores it: its {feature} parts filled with values
                String reason = ((String) rule.get("reason")).replaceAll("\\{[A-Za-z0-9_.]+}", "7");
                assertThat(phrases.of(reason)).as(reason).isNotEqualTo(reason).doesNotContainPattern("[A-Za-z]{3,}");
            }
        } finally {
            LocaleContextHolder.resetLocaleContext();
        }
    }

    @Test
    void aRuleOnTheFraudModelsScoreIsSavedInShadowFirst() {
        ConsoleSession analyst = signedIn(newUser(Role.RISK_ANALYST));
        var refused = analyst.submit("/console/risk/rules/new", "/console/risk/rules", Map.of("name", "Model above 0.97",
                "expression", "model.fraudScore > 0.97", "action", "REVIEW", "mode", "ACTIVE", "score", "60", "enabled", "true"));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("<b>Mode</b>: <span>must be SHADOW first for a rule on model.fraudScore")
                .contains("model.fraudScore &gt; 0.97");
        assertThat(jdbc.sql("select count(*) from risk_rule where name = 'Model above 0.97'").query(Long.class).single()).isZero();
    }

    @Test
    void theRuleEditorPointsAtTheColumnAndTheListSwitchesModesAndBacktests() {
        ConsoleSession analyst = signedIn(newUser(Role.RISK_ANALYST));
        var list = analyst.http().get("/console/risk/rules");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("One card, many customers").contains("card.distinctCustomers.24h &gt;= 3")
                .contains("data-testid=\"rules\"");

        var check = analyst.submit("/console/risk/rules/new", "/console/risk/rules/check", Map.of("expression", "card.attempts.1h >"));
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.body()).contains("Column 19").contains("expected a number after &#39;&gt;&#39;")
                .contains(" ".repeat(18) + "^");
        assertThat(analyst.submit("/console/risk/rules/new", "/console/risk/rules/check", Map.of("expression", "hour in 0..5")).body())
                .contains("The expression is valid.");

        var refused = analyst.submit("/console/risk/rules/new", "/console/risk/rules", Map.of("name", "Night probe",
                "expression", "hour in 0..5 and amount > 100", "action", "REVIEW", "mode", "SHADOW", "score", "30", "enabled", "true"));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("cannot compare an amount with a number").contains("Column 27");

        var saved = analyst.submit("/console/risk/rules/new", "/console/risk/rules", Map.of("name", "Night probe",
                "expression", "hour in 0..5 and amount > 100 TWD", "action", "REVIEW", "mode", "SHADOW", "score", "30", "enabled", "true"));
        assertThat(saved.status()).isEqualTo(302);
        String rulePage = saved.header("Location").replaceAll("^https?://[^/]+", "");
        String ruleId = rulePage.substring(rulePage.lastIndexOf('/') + 1);
        assertThat(analyst.http().get(rulePage).body()).contains("hour in 0..5 and amount &gt; 100 TWD").contains("The rule is saved.");

        assertThat(analyst.submit("/console/risk/rules", "/console/risk/rules/" + ruleId + "/mode", Map.of("mode", "ACTIVE")).status())
                .isEqualTo(302);
        assertThat(analyst.submit("/console/risk/rules", "/console/risk/rules/" + ruleId + "/enabled", Map.of("enabled", "false")).status())
                .isEqualTo(302);
        var versions = analyst.http().get(rulePage).body();
        assertThat(versions).contains("Versions").contains("disabled");

        var backtest = analyst.submit("/console/risk/rules", "/console/risk/rules/backtest", Map.of("expression", "card.attempts.24h >= 1",
                "from", "2026-01-01", "to", "2026-01-02"));
        assertThat(backtest.status()).isEqualTo(200);
        assertThat(backtest.body()).contains("data-testid=\"backtest\"").containsPattern("payments? evaluated");
        var badBacktest = analyst.submit("/console/risk/rules", "/console/risk/rules/backtest", Map.of("expression", "card.attempts.24h",
                "from", "2026-01-01", "to", "2026-01-02"));
        assertThat(badBacktest.body()).contains("must be a condition");
    }

    @Test
    void theEvidenceOpensTheCallWithTheNoteThatRaisedTheAlertMarked() {
        String alertId = alertFromANote();
        ConsoleSession analyst = signedIn(newUser(Role.RISK_ANALYST));
        String detail = analyst.http().get("/console/risk/alerts/" + alertId).body();
        Matcher link = Pattern.compile("href=\"(/console/risk/calls/(call_\\w+)\\?note=(note_\\w+)#note-\\3)\"").matcher(detail);
        assertThat(link.find()).as(detail).isTrue();
        assertThat(detail).contains("Open the call and its notes");

        var call = analyst.http().get(link.group(1));
        assertThat(call.status()).isEqualTo(200);
        String agentId = jdbc.sql("select subject from risk_alert where id = :id").param("id", alertId).query(String.class).single();
        assertThat(call.body()).contains(link.group(2)).contains(staff.find(agentId).orElseThrow().displayName()).contains("林志玲")
                .contains("id=\"note-" + link.group(3) + "\"").contains("aria-current=\"true\"").contains("The note the alert came from")
                .contains("請把手機收到的簡訊驗證碼念給我").contains("Asks the customer for a one-time SMS code.")
                .doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>");
        assertThat(analyst.http().header("Accept-Language", "zh-TW").get(link.group(1)).body()).contains("引發警示的備註");

        // the call's page has the alert queue's reach: no agent, a supervisor only on their own team
        assertThat(signedIn(newUser(Role.AGENT)).http().get(link.group(1)).status()).isEqualTo(403);
        assertThat(signedIn(newUser(Role.SUPERVISOR)).http().get(link.group(1)).status()).isEqualTo(404);
        assertThat(analyst.http().get("/console/risk/calls/call_nosuchcall").status()).isEqualTo(404);
    }

    @Test
    void theDecisionPageShowsWhyTheReplayEveryFeatureAndATamperedHash() {
        Http api = as(Role.RISK_ANALYST);
        String amount = "4" + (100 + ThreadLocalRandom.current().nextInt(899)) + ".19";
        String ruleName = "Console shadow " + amount;
        String ruleId = api.post("/api/v1/risk/rules", Map.of("name", ruleName, "expression", "amount == " + amount + " TWD",
                "action", "BLOCK", "mode", "SHADOW", "score", 100, "reason", "the amount is {amount}")).json().get("id").asString();
        try {
            Sales.Sale sale = sales.confirmedOrder(amount, "TWD");
            String card = TestCards.fresh();
            var paid = http().header("Accept", "application/json").post("/pay/" + sales.payToken(sale), Sales.card(card, "123"));
            String paymentId = paid.json().get("paymentId").asString();
            String page = "/console/risk/decisions/" + paymentId;

            ConsoleSession analyst = signedIn(newUser(Role.RISK_ANALYST));
            var shown = analyst.http().get(page);
            assertThat(shown.status()).isEqualTo(200);
            String rules = shown.body().substring(shown.body().indexOf("data-testid=\"decision-rules\""));
            assertThat(shown.body()).contains(paymentId).contains("action-ALLOW").contains(sale.agent().displayName())
                    .contains("Same rules match").contains("Hash verified").contains("No active rule matched")
                    .contains("card.attempts.24h").contains("agent.cardsToday").contains("The payment")
                    .doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>");
            assertThat(rules.indexOf(ruleName)).as("the matched shadow rule comes first").isBetween(0, rules.indexOf("</tr>", rules.indexOf("<tbody>")));
            assertThat(rules).contains("/console/risk/rules/" + ruleId).contains("the amount is " + amount + " TWD").contains("Shadow");
            assertThat(new CardDataScan(jdbc, List.of(card), List.of("123")).leaks(page, shown.body())).isEmpty();

            // a stored feature value changed afterwards: the hash no longer matches
            jdbc.sql("update risk_decision set features = replace(features, '\"channel\":\"LINK\"', '\"channel\":\"IVR\"') where payment_id = :id")
                    .param("id", paymentId).update();
            assertThat(analyst.http().get(page).body()).contains("Hash does not match").doesNotContain("Hash verified");

            // the same reach as the decision's API: a supervisor of another team does not find it, an agent is refused
            ConsoleSession team = signedIn(newUser(Role.SUPERVISOR, staff.get(sale.agent().id()).team()));
            assertThat(team.http().get(page).body()).contains(ruleName).doesNotContain("/console/risk/rules/" + ruleId);
            assertThat(signedIn(newUser(Role.SUPERVISOR)).http().get(page).status()).isEqualTo(404);
            assertThat(signedIn(newUser(Role.AGENT)).http().get(page).status()).isEqualTo(403);
            assertThat(analyst.http().get("/console/risk/decisions/pay_nosuchpayment").status()).isEqualTo(404);
        } finally {
            api.post("/api/v1/risk/rules/" + ruleId + "/disable", Map.of());
        }
    }

    @Test
    void agentsSeeNeitherPageAndSupervisorsOnlyTheirTeamsAlerts() {
        ConsoleSession agent = signedIn(newUser(Role.AGENT));
        assertThat(agent.http().get("/console/risk/alerts").status()).isEqualTo(403);
        assertThat(agent.http().get("/console/risk/rules").status()).isEqualTo(403);
        ConsoleSession supervisor = signedIn(newUser(Role.SUPERVISOR));
        assertThat(supervisor.http().get("/console/risk/alerts").status()).isEqualTo(200);
        assertThat(supervisor.http().get("/console/risk/rules").status()).isEqualTo(403);
        String alertId = alertFromANote();
        assertThat(supervisor.http().get("/console/risk/alerts/" + alertId).status()).isEqualTo(404);
    }
}
