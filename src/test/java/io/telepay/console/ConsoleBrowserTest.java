package io.telepay.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.telepay.customer.LeadUploads;
import io.telepay.identity.StaffUser;
import io.telepay.shared.Ids;
import io.telepay.shared.Role;
import io.telepay.testing.Sales;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The sale in real browsers (Debian's chromium, headless): the agent takes the next lead, calls, builds
 * and confirms the order and sends the pay link, all from the keyboard where the desk offers a key; a
 * second browser opens the link from the message log and pays with 4242…; the agent's page shows PAID
 * without a reload; the supervisor finds the sale in the funnel and switches the language. Screenshots
 * go to {@code target/screenshots}. Skipped when no chromium is installed ({@code .ci/browsers} installs it).
 */
class ConsoleBrowserTest extends SystemTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target/screenshots");

    private final List<WebDriver> browsers = new ArrayList<>();

    @BeforeAll
    static void needsChromium() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "no chromium/chromedriver installed");
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    @Test
    void agentSellsAndSeesThePaymentLiveWhileTheCustomerPaysOnTheirOwnPage() throws IOException {
        String team = "browser-" + Ids.randomToken(3);
        StaffUser agent = newUser(Role.AGENT, team);
        StaffUser supervisor = newUser(Role.SUPERVISOR, team);
        StaffUser admin = newUser(Role.ADMIN);
        String sku = new Sales(this).product("1999.00", "TWD");
        String phone = "+8869" + (10_000_000 + (int) (Math.random() * 89_999_999));
        LeadUploads.importAndWait(as(Role.ADMIN), "name,phone,source,campaign\n林志玲," + phone + ",web,browser\n",
                Map.of("ownerId", agent.id()));

        WebDriver desk = browser(1366, 768);
        signIn(desk, agent);
        desk.get(base() + "/console/desk");
        shot(desk, "01-desk-empty");
        keys(desk, Keys.ALT, "n");
        waitFor(desk, By.cssSelector("[data-testid=customer]"));
        if (!desk.findElement(By.cssSelector("[data-testid=customer] h1")).getText().contains("林志玲")
                || !desk.getPageSource().contains(phone)) {
            // the queue handed out another open lead first: find ours by its number
            keys(desk, Keys.ALT, "s");
            desk.switchTo().activeElement().sendKeys(phone.substring(4), Keys.ENTER);
            waitFor(desk, By.cssSelector(".results a")).click();
            new WebDriverWait(desk, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("customer="));
        }
        keys(desk, Keys.ALT, "c");
        WebElement note = waitFor(desk, By.id("note"));
        note.sendKeys("客戶問可否把 PIN 1234 告訴我，已拒絕並說明會用簡訊付款連結");
        desk.findElement(By.cssSelector(".notes button[type=submit]")).click();
        waitFor(desk, By.cssSelector("[data-testid=redaction]"));
        assertThat(desk.getPageSource()).doesNotContain("PIN 1234");
        shot(desk, "02-desk-note-redacted");

        new Select(waitFor(desk, By.id("sku"))).selectByValue(sku);
        WebElement quantity = desk.findElement(By.id("quantity"));
        quantity.clear();
        quantity.sendKeys("2", Keys.ENTER);
        waitFor(desk, By.cssSelector("[data-testid=readback]"));
        assertThat(desk.findElement(By.cssSelector("[data-testid=order-total]")).getText()).isEqualTo("NT$3,998");
        shot(desk, "03-desk-readback");
        keys(desk, Keys.ALT, "k");
        waitFor(desk, By.cssSelector("button[name=via][value=SMS]"));
        keys(desk, Keys.ALT, "l");
        waitFor(desk, By.cssSelector("#pay-live [data-testid=pay-step]"));
        shot(desk, "04-desk-link-sent");
        String sessionId = desk.findElement(By.id("pay-live")).getAttribute("sse-connect").replaceAll(".*/sessions/([^/]+)/events", "$1");

        WebDriver customer = browser(1024, 768);
        signIn(customer, admin);
        customer.get(base() + "/console/admin/messages?reference=" + sessionId);
        shot(customer, "05-message-log");
        String link = waitFor(customer, By.cssSelector("[data-testid=messages] a[href*='/pay/']")).getAttribute("href");
        customer.get(base() + link.substring(link.indexOf("/pay/")));
        waitFor(customer, By.id("cardNumber")).sendKeys("4242 4242 4242 4242");
        customer.findElement(By.id("expiry")).sendKeys("12/39");
        customer.findElement(By.id("cvc")).sendKeys("123");
        shot(customer, "06-pay-page");
        customer.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(customer, Duration.ofSeconds(15)).until(d -> !d.getCurrentUrl().isEmpty() && d.findElements(By.id("cardNumber")).isEmpty());
        shot(customer, "07-pay-result");

        // no reload on the agent's page: the server-sent events bring the steps, then the desk shows PAID
        WebElement paid = new WebDriverWait(desk, Duration.ofSeconds(20))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=paid]")));
        assertThat(paid.getText()).contains("NT$3,998");
        assertThat(desk.findElement(By.cssSelector("[data-testid=order-status]")).getText()).isNotBlank();
        assertThat(desk.getPageSource()).doesNotContain("4242 4242 4242 4242").doesNotContain("4242424242424242");
        shot(desk, "08-desk-paid");
        keys(desk, Keys.ALT, "e");
        desk.findElement(By.cssSelector("form.end button[type=submit]")).click();
        waitFor(desk, By.cssSelector("button[name=next]"));

        WebDriver boss = browser(1366, 768);
        signIn(boss, supervisor);
        new WebDriverWait(boss, Duration.ofSeconds(15)).until(d -> {
            d.get(base() + "/console/team/funnel");
            return d.findElement(By.cssSelector("[data-testid=funnel]")).getText().contains(agent.displayName());
        });
        waitFor(boss, By.cssSelector("#funnel-stages"));
        shot(boss, "09-funnel");
        boss.findElement(By.cssSelector("header .languages a[lang=zh-CN]")).click();
        new WebDriverWait(boss, Duration.ofSeconds(10)).until(d -> d.findElement(By.tagName("h1")).getText().equals("团队销售漏斗"));
        shot(boss, "10-funnel-zh-CN");
        assertThat(staff.locale(supervisor.id())).contains("zh-CN");
        boss.get(base() + "/console/team/live");
        shot(boss, "11-live-board");

        WebDriver tablet = browser(820, 1180);
        signIn(tablet, agent);
        tablet.get(base() + "/console/desk?lang=zh-TW");
        waitFor(tablet, By.cssSelector("button[name=next]"));
        assertThat(tablet.findElement(By.cssSelector("button[name=next]")).getText()).contains("下一位");
        shot(tablet, "12-desk-tablet-zh-TW");
    }

    private WebDriver browser(int width, int height) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--user-data-dir=" + Files.createTempDirectory("telepay-chromium"),
                "--window-size=" + width + "," + height, "--lang=en");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        WebDriver driver = new ChromeDriver(service, options);
        browsers.add(driver);
        return driver;
    }

    private void signIn(WebDriver driver, StaffUser user) {
        driver.get(base() + "/login?lang=en");
        driver.findElement(By.id("username")).sendKeys(user.username());
        driver.findElement(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/console"));
    }

    private static WebElement waitFor(WebDriver driver, By what) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(what));
    }

    /** An access key, as a person presses it (Alt+key in Chromium), once the page has settled. */
    private static void keys(WebDriver driver, Keys modifier, String key) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(
                ((JavascriptExecutor) d).executeScript("return !document.querySelector('.htmx-request') && document.readyState === 'complete'")));
        new Actions(driver).keyDown(modifier).sendKeys(key).keyUp(modifier).perform();
    }

    private static void shot(WebDriver driver, String name) throws IOException {
        Files.createDirectories(SHOTS);
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}
