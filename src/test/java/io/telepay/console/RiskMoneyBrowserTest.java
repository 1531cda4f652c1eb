package io.telepay.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.telepay.identity.StaffUser;
import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.Sales;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The risk and money pages in a real browser at 1366×768 (Debian's chromium, headless): an analyst works
 * an alert from the queue to its resolution, writes a rule whose syntax error points at the column, saves
 * it in shadow and backtests it; a supervisor approves an agent's large refund (never their own) and
 * releases a payment held for review after reading why risk held it. Every page fits the laptop's width. Screenshots go to
 * {@code target/screenshots}; skipped without chromium.
 */
class RiskMoneyBrowserTest extends BrowserTest {

    private final Sales sales = new Sales(this);
    private String reviewRuleId;

    @AfterEach
    void cleanUp() {
        if (reviewRuleId != null) {
            as(Role.RISK_ANALYST).post("/api/v1/risk/rules/" + reviewRuleId + "/disable", Map.of());
        }
    }

    @Test
    void anAnalystResolvesAnAlertAndWritesAndBacktestsARule() throws IOException {
        String alertId = alertFromANote();
        pay(sales.confirmedOrder("1999.00", "TWD"), "SUCCEEDED");
        WebDriver browser = browser(1366, 768);
        signIn(browser, newUser(Role.RISK_ANALYST));

        browser.get(base() + "/console/risk/alerts?signal=SECRET_REQUESTED");
        WebElement queue = waitFor(browser, By.cssSelector("[data-testid=alerts]"));
        assertThat(queue.getText()).contains("Asked for a PIN, password or code").contains("Open");
        fitsTheWidth(browser);
        shot(browser, "risk-alerts");

        browser.findElement(By.cssSelector("a[href$='/console/risk/alerts/" + alertId + "']")).click();
        assertThat(waitFor(browser, By.tagName("h1")).getText()).isEqualTo("Asked for a PIN, password or code");
        assertThat(browser.findElement(By.cssSelector("[data-testid=evidence]")).getText()).contains("one-time code")
                .doesNotContain("簡訊驗證碼念給我");
        assertThat(browser.findElement(By.cssSelector("[data-testid=assignee]")).getText()).contains("Nobody yet");
        browser.findElement(By.cssSelector("form[action$='/assign'] button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getPageSource().contains("The alert is yours."));
        assertThat(browser.findElement(By.cssSelector("[data-testid=assignee]")).getText()).contains("Put it back in the queue");
        fitsTheWidth(browser);
        shot(browser, "risk-alert-taken");
        // the evidence opens the call, the note that raised the alert marked
        browser.findElement(By.linkText("Open the call and its notes")).click();
        WebElement marked = waitFor(browser, By.cssSelector("[data-testid=notes] li[aria-current=true]"));
        assertThat(marked.getText()).contains("The note the alert came from").contains("簡訊驗證碼念給我");
        fitsTheWidth(browser);
        shot(browser, "risk-call");
        browser.navigate().back();
        waitFor(browser, By.cssSelector("[data-testid=evidence]"));
        new Select(browser.findElement(By.id("outcome"))).selectByValue("FRAUD");
        browser.findElement(By.id("note")).sendKeys("她在電話中索取驗證碼");
        fitsTheWidth(browser);
        shot(browser, "risk-alert-detail");
        browser.findElement(By.cssSelector("form[action$='/resolve'] button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getPageSource().contains("The alert is resolved."));
        assertThat(browser.findElement(By.cssSelector("[data-testid=alert]")).getText()).contains("Fraud").contains("她在電話中索取驗證碼");
        assertThat(browser.findElements(By.cssSelector("form[action$='/resolve']"))).as("nothing left to resolve").isEmpty();
        fitsTheWidth(browser);
        shot(browser, "risk-alert-resolved");

        browser.get(base() + "/console/risk/alerts?status=RESOLVED&signal=SECRET_REQUESTED&lang=zh-TW");
        assertThat(waitFor(browser, By.cssSelector("[data-testid=alerts]")).getText()).contains("索取 PIN 碼、密碼或驗證碼").contains("詐欺");
        fitsTheWidth(browser);
        shot(browser, "risk-alerts-zh-TW");

        browser.get(base() + "/console/risk/rules/new?lang=en");
        String name = "Night probe " + ThreadLocalRandom.current().nextInt(100_000);
        browser.findElement(By.id("name")).sendKeys(name);
        WebElement expression = browser.findElement(By.id("expression"));
        expression.sendKeys("card.attempts.1h >");
        WebElement error = waitFor(browser, By.cssSelector("#check .alert.error"));
        assertThat(error.getText()).contains("Column 19").contains("expected a number after '>'");
        assertThat(browser.findElement(By.cssSelector("#check code.echo")).getText()).isEqualTo("card.attempts.1h >");
        assertThat(browser.findElement(By.cssSelector("#check code.caret")).getAttribute("textContent")).isEqualTo(" ".repeat(18) + "^");
        Object caretX = ((JavascriptExecutor) browser).executeScript("var c = document.querySelector('#check code.caret'), r = document.createRange();"
                + "r.setStart(c.firstChild, 18); r.setEnd(c.firstChild, 19); return r.getBoundingClientRect().left");
        Object gtX = ((JavascriptExecutor) browser).executeScript("var c = document.querySelector('#check code.echo'), r = document.createRange();"
                + "r.setStart(c.firstChild, 17); r.setEnd(c.firstChild, 18); return r.getBoundingClientRect().right");
        assertThat(((Number) caretX).doubleValue()).as("the caret stands just after the '>' (column 19)")
                .isCloseTo(((Number) gtX).doubleValue(), org.assertj.core.data.Offset.offset(2.0));
        fitsTheWidth(browser);
        shot(browser, "risk-rule-error");

        expression.sendKeys(" 3");
        assertThat(waitFor(browser, By.cssSelector("#check .alert.info")).getText()).contains("The expression is valid.");
        new Select(browser.findElement(By.id("mode"))).selectByValue("SHADOW");
        new Select(browser.findElement(By.id("action"))).selectByValue("REVIEW");
        browser.findElement(By.cssSelector("form[action='/console/risk/rules'] button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getPageSource().contains("The rule is saved."));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(name);

        browser.get(base() + "/console/risk/rules");
        WebElement row = waitFor(browser, By.xpath("//table[@data-testid='rules']//tr[.//a[text()='" + name + "']]"));
        assertThat(row.getText()).contains("card.attempts.1h > 3").contains("Shadow").contains("Review");
        fitsTheWidth(browser);
        shot(browser, "risk-rules");

        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        browser.findElement(By.id("bt-expression")).sendKeys("card.attempts.24h >= 1");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('from').value = arguments[0];"
                + "document.getElementById('to').value = arguments[1]", today.minusDays(1).toString(), today.plusDays(1).toString());
        browser.findElement(By.cssSelector("form[action='/console/risk/rules/backtest'] button[type=submit]")).click();
        WebElement backtest;
        try {
            backtest = new WebDriverWait(browser, Duration.ofSeconds(60))
                    .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=backtest]")));
        } catch (RuntimeException e) {
            shot(browser, "risk-backtest-failed");
            Files.writeString(SHOTS.resolve("risk-backtest-failed.html"), browser.getPageSource());
            throw e;
        }
        assertThat(backtest.getText()).containsPattern("[1-9][0-9,]* payments? evaluated").containsPattern("[1-9][0-9]* matched")
                .contains("card.attempts.24h =").doesNotContain("NONE");
        fitsTheWidth(browser);
        ((JavascriptExecutor) browser).executeScript("document.getElementById('backtest').scrollIntoView()");
        shot(browser, "risk-backtest");
    }

    @Test
    void aSupervisorApprovesTheAgentsRefundNotTheirOwnAndReleasesAHeldPayment() throws IOException {
        Sales.Sale sale = sales.confirmedOrder("30000.00", "TWD");
        String paymentId = pay(sale, "SUCCEEDED");
        String team = staff.get(sale.agent().id()).team();
        StaffUser supervisor = newUser(Role.SUPERVISOR, team);
        String path = "/api/v1/payments/" + paymentId + "/refunds";
        String agentsRefund = sale.asAgent().post(path, Map.of("amount", Map.of("amount", "12000.00", "currency", "TWD"),
                "reason", "年約取消")).json().get("id").asString();
        String supervisorsRefund = as(supervisor).post(path, Map.of("amount", Map.of("amount", "11000.00", "currency", "TWD"),
                "reason", "補償")).json().get("id").asString();

        WebDriver browser = browser(1366, 768);
        signIn(browser, supervisor);
        browser.get(base() + "/console/team/approvals");
        WebElement agents = waitFor(browser, By.cssSelector("tr[data-refund='" + agentsRefund + "']"));
        assertThat(agents.getText()).contains("NT$12,000").contains("年約取消").contains(sale.agent().displayName());
        WebElement own = browser.findElement(By.cssSelector("tr[data-refund='" + supervisorsRefund + "']"));
        assertThat(own.getText()).contains("NT$11,000").contains("You asked for this refund");
        assertThat(own.findElements(By.cssSelector("form[action$='/approve']"))).as("no approve button on one's own").isEmpty();
        fitsTheWidth(browser);
        shot(browser, "team-approvals");
        // approving asks first, in a dialog that says how much goes back to which card, with the note
        agents.findElement(By.cssSelector("button[data-opens^='approve-']")).click();
        WebElement dialog = waitFor(browser, By.id("approve-" + agentsRefund));
        assertThat(dialog.getText()).contains("NT$12,000").contains("VISA ···· 4242");
        dialog.findElement(By.cssSelector("input[name=note]")).sendKeys("客戶已確認");
        shot(browser, "team-approvals-confirm");
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.invisibilityOfElementLocated(
                By.cssSelector("tr[data-refund='" + agentsRefund + "']")));
        assertThat(browser.findElements(By.cssSelector("tr[data-refund='" + supervisorsRefund + "']"))).hasSize(1);
        assertThat(operationStatus(agentsRefund)).isEqualTo("SUCCEEDED");
        fitsTheWidth(browser);
        shot(browser, "team-approvals-approved");

        reviewRuleId = as(Role.RISK_ANALYST).post("/api/v1/risk/rules", Map.of("name", "Browser test: hold 4,321.37",
                "expression", "amount == 4321.37 TWD", "action", "REVIEW", "mode", "ACTIVE", "enabled", true, "score", 60,
                "reason", "browser test")).json().get("id").asString();
        Sales.Sale heldSale = sales.confirmedOrder("4321.37", "TWD");
        String heldId = pay(heldSale, null);
        assertThat(paymentStatus(heldId)).isEqualTo("REVIEW");
        StaffUser heldSupervisor = newUser(Role.SUPERVISOR, staff.get(heldSale.agent().id()).team());
        WebDriver second = browser(1366, 768);
        signIn(second, heldSupervisor);
        second.get(base() + "/console/team/held");
        WebElement row = waitFor(second, By.cssSelector("tr[data-payment='" + heldId + "']"));
        assertThat(row.getText()).contains("NT$4,321.37");
        fitsTheWidth(second);
        shot(second, "team-held");
        // why it is held: the decision with the rule that matched, before the supervisor releases it
        row.findElement(By.linkText("Why")).click();
        WebElement decision = waitFor(second, By.cssSelector("[data-testid=decision]"));
        assertThat(decision.getText()).contains("Review").contains("score 60").contains("Same rules match").contains("Hash verified");
        assertThat(second.findElement(By.cssSelector("[data-testid=decision-rules] tbody tr")).getText())
                .contains("Browser test: hold 4,321.37").contains("browser test").contains("yes");
        fitsTheWidth(second);
        shot(second, "risk-decision");
        ((JavascriptExecutor) second).executeScript("document.querySelector('[data-testid=features]').scrollIntoView()");
        shot(second, "risk-decision-features");
        second.navigate().back();
        row = waitFor(second, By.cssSelector("tr[data-payment='" + heldId + "']"));
        row.findElement(By.cssSelector("button[data-opens^='release-']")).click();
        waitFor(second, By.id("release-" + heldId)).findElement(By.cssSelector("button[type=submit]")).click();
        // the page reloads under the wait: Chromium may answer that the row's node left the document
        new WebDriverWait(second, Duration.ofSeconds(10)).ignoring(org.openqa.selenium.WebDriverException.class)
                .until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("tr[data-payment='" + heldId + "']")));
        assertThat(paymentStatus(heldId)).isEqualTo("CAPTURED");
        fitsTheWidth(second);
        shot(second, "team-held-released");
    }

    private String pay(Sales.Sale sale, String expected) {
        Http.Response result = http().header("Accept", "application/json")
                .post("/pay/" + sales.payToken(sale), Sales.card("4242 4242 4242 4242", "123"));
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        if (expected != null) {
            assertThat(result.json().get("status").asString()).isEqualTo(expected);
        }
        return result.json().get("paymentId").asString();
    }

    private String operationStatus(String id) {
        return jdbc.sql("select status from payment_operation where id = :id").param("id", id).query(String.class).single();
    }

    private String paymentStatus(String id) {
        return jdbc.sql("select status from payment where id = :id").param("id", id).query(String.class).single();
    }

    private String alertFromANote() {
        StaffUser agent = newUser(Role.AGENT);
        Http asAgent = as(agent);
        String customer = sales.customer(asAgent);
        String callId = asAgent.post("/api/v1/calls", Map.of("customerId", customer, "direction", "OUTBOUND")).json().get("id").asString();
        asAgent.post("/api/v1/calls/" + callId + "/notes", Map.of("text", "請把手機收到的簡訊驗證碼念給我"));
        return await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                        "select id from risk_alert where subject = :agent and signal = 'SECRET_REQUESTED' and status = 'OPEN'")
                .param("agent", agent.id()).query(String.class).optional(), Optional::isPresent).orElseThrow();
    }
}
