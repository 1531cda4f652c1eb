package io.telepay.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import io.telepay.customer.CustomerFixtures;
import io.telepay.identity.StaffUser;
import io.telepay.shared.Role;
import io.telepay.testing.Sales;
import io.telepay.trust.Consumers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin and trust pages in a real browser at 1366×768 (Debian's chromium, headless): webhooks with the
 * secret shown once and the delivery log filtered and redelivered in place (htmx, no reload), outbound
 * numbers refused next to the field in place, the fraud-report queue and a report in 繁體中文. Every page
 * fits the laptop's width. Screenshots go to {@code target/screenshots}; skipped without chromium.
 */
class AdminTrustBrowserTest extends BrowserTest {

    private LocalReceiver receiver;
    private String endpointId;

    @AfterEach
    void cleanUp() {
        if (endpointId != null) {
            as(Role.ADMIN).method("DELETE", "/api/v1/webhook-endpoints/" + endpointId);
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void anAdministratorKeepsWebhooksAndNumbersAndAnAnalystTriagesAReport() throws IOException {
        receiver = LocalReceiver.start().thenAnswer(503);
        StaffUser admin = newUser(Role.ADMIN);
        WebDriver browser = browser(1366, 768);
        signIn(browser, admin);

        browser.get(base() + "/console/admin/webhooks");
        browser.findElement(By.id("url")).sendKeys(receiver.url());
        for (String type : List.of("order.confirmed", "payment.captured")) {
            browser.findElement(By.cssSelector("input[name=events][value='" + type + "']")).click();
        }
        browser.findElement(By.cssSelector("form[action='/console/admin/webhooks'] button[type=submit]")).click();
        WebElement secret = waitFor(browser, By.cssSelector("[data-testid=new-secret] code.secret"));
        assertThat(secret.getText()).startsWith("whsec_");
        fitsTheWidth(browser);
        shot(browser, "admin-webhooks-secret-once");
        browser.findElement(By.cssSelector("[data-testid=new-secret] a")).click();
        endpointId = waitFor(browser, By.cssSelector("h1 code")).getText();
        assertThat(browser.getPageSource()).doesNotContain("whsec_");

        Sales sales = new Sales(this);
        Sales.Sale sale = sales.confirmedOrder("1999.00", "TWD");
        http().header("Accept", "application/json").post("/pay/" + sales.payToken(sale), Sales.card("4242 4242 4242 4242", "737"));
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
            d.navigate().refresh();
            return d.findElements(By.cssSelector("tr[data-status=SUCCEEDED]")).size() == 1
                    && d.findElements(By.cssSelector("tr[data-status=PENDING]")).size() == 1;
        });
        fitsTheWidth(browser);
        ((JavascriptExecutor) browser).executeScript("document.getElementById('deliveries').scrollIntoView()");
        shot(browser, "admin-webhook-delivery-log");

        // the filter and the redelivery replace the log in place: a mark set on the page survives them
        mark(browser);
        browser.findElement(By.cssSelector("#deliveries .tabs a[href$='status=PENDING']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("status=PENDING")
                && d.findElements(By.cssSelector("tr[data-status=SUCCEEDED]")).isEmpty());
        assertThat(marked(browser)).as("filtered without a reload").isTrue();
        browser.findElement(By.cssSelector("tr[data-status=PENDING] form button")).click();
        waitFor(browser, By.cssSelector("#deliveries .alert.info"));
        assertThat(marked(browser)).as("redelivered without a reload").isTrue();

        browser.get(base() + "/console/admin/numbers");
        browser.findElement(By.id("phone")).sendKeys("請撥 12");
        browser.findElement(By.id("label")).sendKeys("客服中心總機");
        mark(browser);
        browser.findElement(By.id("label")).sendKeys(Keys.ENTER);
        WebElement error = waitFor(browser, By.id("phone-error"));
        assertThat(error.getText()).contains("not a phone number");
        assertThat(marked(browser)).as("refused in place").isTrue();
        assertThat(browser.findElement(By.id("phone")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("the keyboard is on the field to fix").isEqualTo("phone");
        fitsTheWidth(browser);
        shot(browser, "admin-numbers-error");
        String local = "0" + CustomerFixtures.taiwanMobile().substring(4);
        WebElement phone = browser.findElement(By.id("phone"));
        phone.clear();
        phone.sendKeys(local, Keys.ENTER);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getPageSource().contains("+886" + local.substring(1)));

        String reference = report();
        WebDriver analystBrowser = browser(1366, 768);
        signIn(analystBrowser, newUser(Role.RISK_ANALYST));
        analystBrowser.get(base() + "/console/trust/reports");
        waitFor(analystBrowser, By.cssSelector("[data-testid=reports]"));
        fitsTheWidth(analystBrowser);
        shot(analystBrowser, "trust-reports-queue");
        analystBrowser.get(base() + "/console/trust/reports/" + reference + "?lang=zh-TW");
        assertThat(waitFor(analystBrowser, By.cssSelector("[data-testid=evidence]")).getText()).contains("audio/mpeg");
        assertThat(analystBrowser.findElement(By.tagName("h1")).getText()).contains("檢舉");
        fitsTheWidth(analystBrowser);
        shot(analystBrowser, "trust-report-zh-TW");
        analystBrowser.get(base() + "/console/trust/reports/" + reference + "?lang=en");
        ((JavascriptExecutor) analystBrowser).executeScript("document.querySelector('[data-testid=evidence]').scrollIntoView()");
        shot(analystBrowser, "trust-report-evidence");
    }

    private String report() {
        var created = new Consumers.Multipart()
                .field("description", "對方自稱銀行客服，說我的卡被盜刷，要我唸出簡訊驗證碼，再把存款轉到「安全帳戶」。")
                .field("contact", Consumers.newPhone()).field("phone", "02-8765-4321").field("when", "2026-10-01T19:42")
                .field("askedFor", "SMS_CODE,SAFE_ACCOUNT_TRANSFER")
                .field("moneyLost", "{\"amount\": \"30000.00\", \"currency\": \"TWD\"}")
                .file("evidence", "錄音.mp3", "audio/mpeg", Consumers.Files.mp3())
                .file("evidence", "截圖.png", "image/png", Consumers.Files.png())
                .post(Consumers.fromNewAddress(base()), "/api/v1/public/reports");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("reference").asString();
    }

    private static void mark(WebDriver driver) {
        ((JavascriptExecutor) driver).executeScript("document.body.dataset.mark = 'still here'");
    }

    private static boolean marked(WebDriver driver) {
        return "still here".equals(((JavascriptExecutor) driver).executeScript("return document.body.dataset.mark"));
    }
}
