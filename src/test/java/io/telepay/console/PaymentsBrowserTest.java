package io.telepay.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.regex.Pattern;

import io.telepay.identity.StaffUser;
import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.Sales;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The payments pages in a real browser at 1366×768, each role's journey in another language: an agent in English
 * finds their sale by the customer's phone, reads its timeline, is told next to the field that a refund is too
 * large and refunds part of it; a supervisor in 繁體中文 refunds a large sale of their team, which waits for
 * approval and shows on the approvals page; a risk analyst in 简体中文 searches by card last 4 and opens the risk
 * decision from the timeline; an auditor reads every payment, without customer details or a refund button. Every page: no sideways scroll, no raw id where a name belongs, no message key,
 * no developer-style error. Screenshots to {@code target/screenshots} (copied to docs/screenshots).
 */
class PaymentsBrowserTest extends BrowserTest {

    /** An id of a person or a record where words belong; the order and payment numbers are shown, labelled, for copying. */
    private static final Pattern RAW_ID = Pattern.compile("\\b(usr|cus|key|ps|msg|ref|aut|sal|cap|ord|pay)_[A-Za-z0-9]{6,}");
    private static final Pattern MESSAGE_KEY = Pattern.compile("\\b(payments|nav|field|risk|trust|pay|problem|role)\\.[A-Za-z_.]+");
    private static final Pattern DEVELOPER_ERROR = Pattern.compile(
            "Whitelabel|Exception|must be|is required|problem\\+json|\\bnull\\b|undefined|\\?\\?");

    private final Sales sales = new Sales(this);

    @Test
    void anAgentFindsTheirSaleByPhoneAndRefundsPartOfItInEnglish() throws IOException {
        Sales.Sale sale = sales.confirmedOrder("1999.00", "TWD");
        String token = sales.payToken(sale);
        assertThat(pay(token, "4000 0000 0000 9995").get("status").asString()).isEqualTo("DECLINED");
        String paymentId = pay(token, "4242 4242 4242 4242").get("paymentId").asString();
        String phone = jdbc.sql("select phone from customer where id = :id").param("id", sale.customerId()).query(String.class).single();
        String local = "0" + phone.substring(4, 7) + " " + phone.substring(7, 10) + " " + phone.substring(10);

        WebDriver browser = browser(1366, 768);
        signIn(browser, sale.agent());
        browser.get(base() + "/console/payments?lang=en");
        waitFor(browser, By.id("phone")).sendKeys(local);
        browser.findElement(By.cssSelector("[data-testid=payment-filters] button[type=submit]")).click();
        WebElement row = waitFor(browser, By.cssSelector("tr[data-payment='" + paymentId + "']"));
        assertThat(row.getText()).contains("林志玲").contains(sale.agent().displayName()).contains("NT$1,999").contains("Paid")
                .contains("VISA ···· 4242");
        checked(browser, "payments-list");

        row.findElement(By.cssSelector("a")).click();
        WebElement timeline = waitFor(browser, By.cssSelector("[data-testid=timeline]"));
        assertThat(timeline.getText()).contains("Payment session started: pay link").contains("Card entered: VISA ···· 4242")
                .contains("Another attempt: VISA ···· 9995").contains("not enough money on the card")
                .contains("Risk decision: Allow").contains("Authorized NT$1,999, to be captured at once").contains("Captured NT$1,999");
        WebElement amount = browser.findElement(By.id("refund-amount"));
        assertThat(amount.getDomProperty("value")).isEqualTo("1999.00");
        amount.clear();
        amount.sendKeys("2500");
        browser.findElement(By.id("refund-reason")).sendKeys("客戶退回一件商品");
        browser.findElement(By.id("refund-confirm")).click();
        browser.findElement(By.cssSelector("[data-testid=refund-form] button[type=submit]")).click();
        WebElement error = waitFor(browser, By.id("amount-error"));
        assertThat(error.getText()).isEqualTo("That is more than is left to refund: at most NT$1,999.");
        assertThat(browser.findElement(By.id("refund-reason")).getDomProperty("value")).isEqualTo("客戶退回一件商品");
        assertThat(browser.findElement(By.id("refund-amount")).getDomProperty("value")).isEqualTo("2500");
        checked(browser, "payment-refund-error");

        amount = browser.findElement(By.id("refund-amount"));
        amount.clear();
        amount.sendKeys("500");
        if (!browser.findElement(By.id("refund-confirm")).isSelected()) {
            browser.findElement(By.id("refund-confirm")).click();
        }
        browser.findElement(By.cssSelector("[data-testid=refund-form] button[type=submit]")).click();
        WebElement notice = waitFor(browser, By.cssSelector("[data-testid=refund-notice]"));
        assertThat(notice.getText()).isEqualTo("Refunded NT$500: the bank confirmed it.");
        assertThat(browser.findElement(By.cssSelector("[data-testid=timeline]")).getText()).contains("Refund of NT$500")
                .contains("客戶退回一件商品").contains("asked by " + sale.agent().displayName());
        assertThat(browser.findElement(By.cssSelector("[data-testid=payment-status]")).getText()).isEqualTo("Partly refunded");
        checked(browser, "payment-refunded");
        ((JavascriptExecutor) browser).executeScript("document.querySelector('[data-testid=timeline]').scrollIntoView()");
        shot(browser, "payment-timeline");
    }

    @Test
    void aSupervisorRefundsALargeSaleOfTheTeamWhichWaitsForApprovalIn繁體中文() throws IOException {
        Sales.Sale sale = sales.confirmedOrder("30000.00", "TWD");
        String paymentId = pay(sale, "5555 5555 5555 4444");
        StaffUser supervisor = newUser(Role.SUPERVISOR, staff.get(sale.agent().id()).team());

        WebDriver browser = browser(1366, 768);
        signIn(browser, supervisor);
        browser.get(base() + "/console/payments?lang=zh-TW&reference=" + sale.orderId());
        WebElement row = waitFor(browser, By.cssSelector("tr[data-payment='" + paymentId + "']"));
        assertThat(row.getText()).contains("MASTERCARD ···· 4444").contains("已付款").contains("NT$30,000");
        assertThat(row.findElement(By.cssSelector(".fingerprint")).getText()).as("the fingerprint, for copying").hasSize(64);
        checked(browser, "payments-list-zh-TW");
        row.findElement(By.cssSelector("a")).click();
        WebElement amount = waitFor(browser, By.id("refund-amount"));
        amount.clear();
        amount.sendKeys("12000");
        browser.findElement(By.id("refund-reason")).sendKeys("年約取消");
        browser.findElement(By.id("refund-confirm")).click();
        browser.findElement(By.cssSelector("[data-testid=refund-form] button[type=submit]")).click();
        WebElement notice = waitFor(browser, By.cssSelector("[data-testid=refund-notice]"));
        assertThat(notice.getText()).contains("等待核准");
        assertThat(notice.getAttribute("class")).contains("warn");
        checked(browser, "payment-refund-asked-zh-TW");
        browser.navigate().refresh();
        assertThat(waitFor(browser, By.cssSelector("[data-testid=pending-refunds]")).getText()).contains("1 筆退款");
        assertThat(browser.findElement(By.cssSelector("[data-testid=timeline]")).getText()).contains("退款 NT$12,000").contains("等待核准");
        checked(browser, "payment-waiting-approval-zh-TW");

        browser.get(base() + "/console/team/approvals");
        String refundId = jdbc.sql("select id from payment_operation where payment_id = :p and kind = 'REFUND'")
                .param("p", paymentId).query(String.class).single();
        assertThat(waitFor(browser, By.cssSelector("tr[data-refund='" + refundId + "']")).getText()).contains("NT$12,000");
    }

    @Test
    void anAnalystSearchesByLast4AndOpensTheRiskDecisionIn简体中文() throws IOException {
        Sales.Sale sale = sales.confirmedOrder("777.00", "TWD");
        String paymentId = pay(sale, "6200 0000 0000 0005");
        StaffUser analyst = newUser(Role.RISK_ANALYST);

        WebDriver browser = browser(1366, 768);
        signIn(browser, analyst);
        browser.get(base() + "/console/payments?lang=zh-CN");
        waitFor(browser, By.id("last4")).sendKeys("0005");
        browser.findElement(By.id("amount")).sendKeys("777");
        browser.findElement(By.cssSelector("[data-testid=payment-filters] button[type=submit]")).click();
        WebElement row = waitFor(browser, By.cssSelector("tr[data-payment='" + paymentId + "']"));
        assertThat(row.getText()).contains("···· 0005").contains("已付款");
        checked(browser, "payments-list-zh-CN");
        row.findElement(By.cssSelector("a")).click();
        WebElement timeline = waitFor(browser, By.cssSelector("[data-testid=timeline]"));
        assertThat(timeline.getText()).contains("风控决定").contains("请款 NT$777");
        assertThat(browser.findElements(By.cssSelector("[data-testid=refund-form]"))).as("analysts do not refund").isEmpty();
        checked(browser, "payment-timeline-zh-CN");
        timeline.findElement(By.cssSelector("a[href$='/console/risk/decisions/" + paymentId + "']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid=decision]")));
    }

    @Test
    void anAuditorReadsEveryPaymentWithoutCustomerDetailsOrARefundButton() throws IOException {
        Sales.Sale sale = sales.confirmedOrder("4321.00", "TWD");
        String paymentId = pay(sale, "4242 4242 4242 4242");
        StaffUser auditor = newUser(Role.AUDITOR);

        WebDriver browser = browser(1366, 768);
        signIn(browser, auditor);
        browser.get(base() + "/console/payments?lang=en");
        WebElement row = waitFor(browser, By.cssSelector("tr[data-payment='" + paymentId + "']"));
        assertThat(row.getText()).contains("Customer details not open to you").contains(sale.agent().displayName())
                .contains("NT$4,321").doesNotContain("林志玲");
        checked(browser, "payments-list-auditor");
        row.findElement(By.cssSelector("a")).click();
        waitFor(browser, By.cssSelector("[data-testid=timeline]"));
        assertThat(browser.findElements(By.cssSelector("[data-testid=refund-form]"))).isEmpty();
        checked(browser, "payment-auditor");
    }

    /** The page fits 1366 px, shows no raw id, message key or developer-style error; then its screenshot. */
    private void checked(WebDriver browser, String shot) throws IOException {
        fitsTheWidth(browser);
        String text = (String) ((JavascriptExecutor) browser).executeScript("""
                const main = document.querySelector('main').cloneNode(true);
                main.querySelectorAll('code.copy, code.fingerprint').forEach(e => e.remove());
                return document.querySelector('header').innerText + '\\n' + main.innerText;""");
        assertThat(text).as(shot + ": raw ids").doesNotContainPattern(RAW_ID);
        assertThat(text).as(shot + ": message keys").doesNotContainPattern(MESSAGE_KEY);
        assertThat(text).as(shot + ": developer-style errors").doesNotContainPattern(DEVELOPER_ERROR);
        String language = (String) ((JavascriptExecutor) browser).executeScript("return document.documentElement.lang");
        if (language.startsWith("zh")) {
            assertThat(text).as(shot + ": English left in a Chinese page")
                    .doesNotContain("Payments").doesNotContain("Refund").doesNotContain("What happened").doesNotContain("Customer");
        }
        shot(browser, shot);
    }

    private String pay(Sales.Sale sale, String card) {
        tools.jackson.databind.JsonNode result = pay(sales.payToken(sale), card);
        assertThat(result.get("status").asString()).as(result.toString()).isEqualTo("SUCCEEDED");
        return result.get("paymentId").asString();
    }

    private tools.jackson.databind.JsonNode pay(String token, String card) {
        Http.Response result = http().header("Accept", "application/json").post("/pay/" + token, Sales.card(card, "123"));
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result.json();
    }
}
