package io.telepay.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.telepay.identity.StaffUser;
import io.telepay.risk.ListKind;
import io.telepay.risk.RiskAction;
import io.telepay.risk.RiskEngine;
import io.telepay.risk.RiskLists;
import io.telepay.risk.RiskSubject;
import io.telepay.shared.Ids;
import io.telepay.shared.Money;
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
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 16's journeys at 1366×768, in English and in Chinese: the supervisor's refund approvals and held
 * payments (who, what, the card, the reasons; every action asks first), and the analyst's alert → block. Each
 * page fails the test on a raw message key, on sideways scrolling, and in Chinese on an English word that is
 * not a name, an id or a code. Screenshots to target/screenshots (copied to docs/screenshots).
 */
class SupervisionBrowserTest extends BrowserTest {

    @Autowired
    RiskEngine engine;

    @Autowired
    RiskLists lists;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    ConsoleDates dates;

    private final Sales sales = new Sales(this);
    private final List<String> rulesToDisable = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        rulesToDisable.forEach(id -> as(Role.RISK_ANALYST).post("/api/v1/risk/rules/" + id + "/disable", Map.of()));
        rulesToDisable.clear();
    }

    private String pay(Sales.Sale sale) {
        Http.Response result = http().header("Accept", "application/json")
                .post("/pay/" + sales.payToken(sale), Sales.card("4242 4242 4242 4242", "123"));
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result.json().get("paymentId").asString();
    }

    private String status(String table, String id) {
        return jdbc.sql("select status from " + table + " where id = :id").param("id", id).query(String.class).single();
    }

    @Test
    void aSupervisorWorksApprovalsAndHeldPaymentsInEnglishAndTraditionalChinese() throws IOException {
        Sales.Sale sale = sales.confirmedOrder("30000.00", "TWD");
        String paymentId = pay(sale);
        String refund = sale.asAgent().post("/api/v1/payments/" + paymentId + "/refunds", Map.of(
                "amount", Map.of("amount", "12000.00", "currency", "TWD"), "reason", "年約取消")).json().get("id").asString();
        assertThat(status("payment_operation", refund)).isEqualTo("PENDING_APPROVAL");
        rulesToDisable.add(as(Role.RISK_ANALYST).post("/api/v1/risk/rules", Map.of("name", "瀏覽器測試：保留 4,321.39",
                "expression", "amount == 4321.39 TWD", "action", "REVIEW", "mode", "ACTIVE", "enabled", true, "score", 60,
                "reason", "金額與平常不同，需人工審核")).json().get("id").asString());
        String sku = sales.product("4321.39", "TWD");
        Sales.Sale heldSale = sales.confirmedOrderFor(new Sales.Sale(sale.agent(), sale.asAgent(), sale.customerId(), sku, null, null));
        String held = pay(heldSale);
        assertThat(status("payment", held)).isEqualTo("REVIEW");
        StaffUser supervisor = newUser(Role.SUPERVISOR, staff.get(sale.agent().id()).team());
        List<String> names = List.of(sale.agent().displayName(), supervisor.displayName());

        // the agent's desk on the held order, left open while the supervisor decides
        WebDriver desk = browser(1366, 768);
        signIn(desk, sale.agent());
        desk.get(base() + "/console/desk?lang=en&customer=" + sale.customerId() + "&order=" + heldSale.orderId());
        assertThat(waitFor(desk, By.cssSelector("[data-testid=pay-step]")).getText()).isEqualTo("Approved; held for a risk review");

        WebDriver browser = browser(1366, 768);
        signIn(browser, supervisor);
        browser.get(base() + "/console/team/approvals");
        WebElement row = waitFor(browser, By.cssSelector("tr[data-refund='" + refund + "']"));
        assertThat(row.getText()).contains("林志玲").contains(sale.agent().displayName()).contains("NT$12,000")
                .contains("VISA ···· 4242").contains("issued in Taiwan").contains("年約取消");
        clean(browser);
        shot(browser, "supervisor-approvals-en");
        row.findElement(By.cssSelector("button[data-opens^='approve-']")).click();
        WebElement dialog = waitFor(browser, By.id("approve-" + refund));
        assertThat(dialog.getText()).contains("Send NT$12,000 back to VISA ···· 4242?");
        shot(browser, "supervisor-approve-confirm-en");
        dialog.findElement(By.cssSelector("button[data-closes]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.invisibilityOf(dialog));
        assertThat(status("payment_operation", refund)).as("cancelled: nothing sent").isEqualTo("PENDING_APPROVAL");

        browser.get(base() + "/console/team/held");
        row = waitFor(browser, By.cssSelector("tr[data-payment='" + held + "']"));
        assertThat(row.getText()).contains("林志玲").contains("1 × 線上課程 " + sku).contains("NT$4,321.39")
                .contains("VISA ···· 4242").contains("issued in Taiwan").contains("金額與平常不同，需人工審核");
        clean(browser);
        shot(browser, "supervisor-held-en");

        language(browser, "zh-TW");
        inChinese(browser, names);
        row = waitFor(browser, By.cssSelector("tr[data-payment='" + held + "']"));
        assertThat(row.getText()).contains("發卡地：台灣").contains("客服專員 " + sale.agent().displayName());
        shot(browser, "supervisor-held-zh-TW");
        row.findElement(By.cssSelector("button[data-opens^='release-']")).click();
        dialog = waitFor(browser, By.id("release-" + held));
        assertThat(dialog.getText()).contains("要從 VISA ···· 4242 請款 NT$4,321.39 嗎？");
        shot(browser, "supervisor-release-confirm-zh-TW");
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.invisibilityOfElementLocated(
                By.cssSelector("tr[data-payment='" + held + "']")));
        assertThat(status("payment", held)).isEqualTo("CAPTURED");
        new WebDriverWait(desk, Duration.ofSeconds(25)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(By.cssSelector("[data-testid=pay-step]")).getText()
                        .equals("Released after the risk review and charged"));
        inChinese(browser, names);

        browser.get(base() + "/console/team/approvals");
        row = waitFor(browser, By.cssSelector("tr[data-refund='" + refund + "']"));
        inChinese(browser, names);
        shot(browser, "supervisor-approvals-zh-TW");
        row.findElement(By.cssSelector("button[data-opens^='approve-']")).click();
        dialog = waitFor(browser, By.id("approve-" + refund));
        dialog.findElement(By.cssSelector("input[name=note]")).sendKeys("客戶已確認");
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.invisibilityOfElementLocated(
                By.cssSelector("tr[data-refund='" + refund + "']")));
        assertThat(status("payment_operation", refund)).isEqualTo("SUCCEEDED");
    }

    private String ruleMode(String ruleId) {
        return jdbc.sql("select mode from risk_rule where rule_id = :id and current = true").param("id", ruleId).query(String.class).single();
    }

    @Test
    void switchingABlockRuleToShadowAsksFirstFromTheListAndTheEditor() throws IOException {
        String ruleId = as(Role.RISK_ANALYST).post("/api/v1/risk/rules", Map.of("name", "瀏覽器測試：攔截 0.07",
                "expression", "amount == 0.07 TWD", "action", "BLOCK", "mode", "ACTIVE", "enabled", true, "score", 90,
                "reason", "測試用攔截規則")).json().get("id").asString();
        rulesToDisable.add(ruleId);
        WebDriver browser = browser(1366, 768);
        signIn(browser, newUser(Role.RISK_ANALYST));
        browser.get(base() + "/console/risk/rules");
        WebElement opener = waitFor(browser, By.cssSelector("button[data-opens='shadow-" + ruleId + "']"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", opener);
        opener.click();
        WebElement dialog = waitFor(browser, By.id("shadow-" + ruleId));
        assertThat(dialog.getText()).contains("It stops blocking payments");
        dialog.findElement(By.cssSelector("button[data-closes]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.invisibilityOf(dialog));
        assertThat(ruleMode(ruleId)).as("cancelled").isEqualTo("ACTIVE");

        browser.get(base() + "/console/risk/rules/" + ruleId);
        new org.openqa.selenium.support.ui.Select(waitFor(browser, By.id("mode"))).selectByValue("SHADOW");
        browser.findElement(By.cssSelector("form[data-shadow-confirm] > div > button[type=submit]")).click();
        dialog = waitFor(browser, By.id("shadow-confirm"));
        assertThat(ruleMode(ruleId)).as("nothing saved before the answer").isEqualTo("ACTIVE");
        dialog.findElement(By.cssSelector("button[data-confirms]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> ruleMode(ruleId).equals("SHADOW"));
        clean(browser);
    }

    private String assess(String agentId, String customerId, String card, String phone) {
        String paymentId = "pay_s" + Ids.randomToken(10);
        clock.advance(Duration.ofSeconds(2));
        tx.execute(status -> engine.assess(new RiskSubject(paymentId, "ord_" + Ids.randomToken(6), customerId, agentId,
                Money.of("1999.00", "TWD"), card, "424242", phone, null, null, "203.0.113.9", "LINK", clock.instant(), "陳美玲",
                "TW", null, null, "SKU-BROWSER")));
        return paymentId;
    }

    private static String phone() {
        return "+88691" + (1_000_000 + (int) (Math.random() * 8_000_000));
    }

    @Test
    void anAnalystBlocksTheCardOfAnAlertInEnglishAndSimplifiedChinese() throws IOException {
        StaffUser agent = newUser(Role.AGENT);
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        String card = HexFormat.of().formatHex(bytes);
        assess(agent.id(), "cus_s" + Ids.randomToken(6), card, phone());
        assess(agent.id(), "cus_t" + Ids.randomToken(6), card, phone());
        String blockedPhone = phone();
        tx.executeWithoutResult(status -> lists.add(ListKind.PHONE, blockedPhone, RiskAction.BLOCK, "車手門號", null));
        String refused = assess(agent.id(), "cus_u" + Ids.randomToken(6), card, blockedPhone);
        String alertId = jdbc.sql("select id from risk_alert where subject_kind = 'CARD' and subject = :card and status = 'OPEN'")
                .param("card", card).query(String.class).single();
        StaffUser analyst = newUser(Role.RISK_ANALYST);
        List<String> names = List.of(agent.displayName(), analyst.displayName());

        WebDriver browser = browser(1366, 768);
        signIn(browser, analyst);
        browser.get(base() + "/console/risk/alerts/" + alertId);
        WebElement attempts = waitFor(browser, By.cssSelector("[data-testid=blocked-attempts]"));
        assertThat(attempts.getText()).contains("NT$1,999").contains(agent.displayName());
        assertThat(attempts.findElement(By.cssSelector("a")).getAttribute("href")).endsWith("/console/risk/decisions/" + refused);
        clean(browser);
        shot(browser, "analyst-alert-en");

        WebElement form = browser.findElement(By.id("block-card"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", form);
        form.findElement(By.name("reason")).sendKeys("盜刷測試卡，三位客戶共用");
        String lastDay = LocalDate.now(clock.withZone(dates.zone())).plusDays(90).toString();
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", form.findElement(By.name("expiresAt")), lastDay);
        form.findElement(By.cssSelector("button[data-opens]")).click();
        WebElement dialog = waitFor(browser, By.id("block-card-confirm"));
        assertThat(dialog.getText()).contains("Block it? Payments with it are refused from now on.");
        shot(browser, "analyst-block-confirm-en");
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement notice = waitFor(browser, By.cssSelector("p.alert.info"));
        assertThat(notice.getText()).isEqualTo("Blocked. The entry is on the block list.");
        assertThat(jdbc.sql("select count(*) from risk_list_entry where kind = 'CARD' and item = :c and removed_at is null")
                .param("c", card).query(Long.class).single()).isEqualTo(1);

        language(browser, "zh-CN");
        inChinese(browser, names);
        assertThat(browser.findElement(By.cssSelector("[data-testid=block]")).getText()).contains("已在拦截名单中");
        // a last day in the past is refused, next to the field, in the reader's language
        form = browser.findElement(By.id("block-phone"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", form);
        form.findElement(By.name("reason")).sendKeys("車手門號");
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", form.findElement(By.name("expiresAt")),
                LocalDate.now(clock.withZone(dates.zone())).minusDays(1).toString());
        form.findElement(By.cssSelector("button[data-opens]")).click();
        waitFor(browser, By.id("block-phone-confirm")).findElement(By.cssSelector("button[type=submit]")).click();
        WebElement error = waitFor(browser, By.id("block-phone-expires-error"));
        assertThat(error.getText()).isEqualTo("必须是将来的日期");
        assertThat(browser.findElement(By.id("block-phone-expires")).getAttribute("aria-invalid")).isEqualTo("true");
        inChinese(browser, names);
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", error);
        shot(browser, "analyst-block-error-zh-CN");
    }
}
