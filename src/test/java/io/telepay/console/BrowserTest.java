package io.telepay.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.telepay.identity.StaffUser;
import io.telepay.testing.ConsoleSession;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser: Debian's headless Chromium driven by Selenium (skipped where it is not
 * installed, see {@code .ci/browsers}), signed in as a person would, screenshots to {@code target/screenshots}.
 */
abstract class BrowserTest extends SystemTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    protected static final Path SHOTS = Path.of("target/screenshots");
    /**
     * What may stay Latin on a Chinese page: the product's and card schemes' names, the currency sign and currency
     * codes, the acronyms and loanwords Chinese readers use as they are (API, CSV, SMS, App, Webhook, https), a path
     * such as /verify, time zones (Asia/Taipei) and a rule's feature names (model.fraudScore).
     */
    private static final Pattern ALLOWED = Pattern.compile("Telepay|(?i:visa|mastercard|jcb|unionpay|amex|discover|diners)|NT\\$|TEST-[A-Z0-9]+"
            + "|\\b[A-Z]{2,4}\\b|TOTP|Webhook|https|App|(?<!\\w)/[a-z][a-z/-]*|\\b[A-Z][a-z]+/[A-Z][A-Za-z_]+"
            + "|\\b[a-z]+(?:\\.[A-Za-z0-9]+)+\\b");
    /** E-mail and web addresses: taken out before the names, so a short name never cuts one into words. */
    private static final Pattern ADDRESSES = Pattern.compile("\\S+@\\S+|https?://\\S+");
    private static final Pattern ENGLISH_WORD = Pattern.compile("\\b[A-Za-z]{3,}\\b");

    private final List<WebDriver> browsers = new ArrayList<>();

    @BeforeAll
    static void needsChromium() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "no chromium/chromedriver installed");
    }

    @AfterEach
    void quitBrowsers() {
        browsers.forEach(WebDriver::quit);
        browsers.clear();
    }

    protected WebDriver browser(int width, int height) throws IOException {
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

    protected void signIn(WebDriver driver, StaffUser user) {
        driver.get(base() + "/login?lang=en");
        driver.findElement(By.id("username")).sendKeys(user.username());
        driver.findElement(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith(ConsoleSession.home(user)));
    }

    protected static WebElement waitFor(WebDriver driver, By what) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(what));
    }

    /** The page fits the window's width: nothing scrolls sideways. */
    protected static void fitsTheWidth(WebDriver driver) {
        Object overflow = ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).as(driver.getCurrentUrl() + " scrolls sideways").isLessThanOrEqualTo(0);
    }

    /** No message key left raw (outside code: a rule's features are written that way), nothing scrolls sideways. */
    protected static void clean(WebDriver browser) {
        String text = visibleText(browser, "code, script, style");
        assertThat(text).as(browser.getCurrentUrl()).doesNotContain("??").doesNotContainPattern("\\b[a-z]+\\.[a-z]+\\.[a-zA-Z.]+\\b");
        fitsTheWidth(browser);
    }

    /** The text a reader sees, without what the CSS selectors {@code skip} match. */
    protected static String visibleText(WebDriver browser, String skip) {
        return (String) ((JavascriptExecutor) browser).executeScript("""
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                let out = '';
                while (walker.nextNode()) {
                  const parent = walker.currentNode.parentElement;
                  if (!parent.closest(arguments[0]) && parent.checkVisibility()) { out += walker.currentNode.textContent + ' '; }
                }
                return out;""", skip);
    }

    /**
     * The page reads in Chinese: besides names (the given ones) and ids or codes ({@code <code>}, elements in
     * another language such as the language switch), no English word is left.
     */
    protected static void inChinese(WebDriver browser, List<String> names) {
        clean(browser);
        // code, kbd and .reference: ids, keys and order references are letters by design; translate=no: names people gave
        String text = visibleText(browser, "code, kbd, .reference, [lang]:not(html), [translate=no], script, style, title, textarea");
        text = ADDRESSES.matcher(text).replaceAll(" ");
        for (String name : names) {
            if (name.strip().length() > 1 && text.contains(name)) {
                text = text.replace(name, " ");
            }
        }
        text = ALLOWED.matcher(text).replaceAll(" ");
        List<String> english = new ArrayList<>();
        Matcher word = ENGLISH_WORD.matcher(text);
        while (word.find()) {
            // with what surrounds it, so a failure says where on the page the word is
            english.add(word.group() + " in «" + text.substring(Math.max(0, word.start() - 30), Math.min(text.length(), word.end() + 30))
                    .replaceAll("\\s+", " ") + "»");
        }
        assertThat(english).as(browser.getCurrentUrl() + " has English words in Chinese").isEmpty();
    }

    protected static void language(WebDriver browser, String tag) {
        String before = browser.findElement(By.tagName("html")).getAttribute("lang");
        browser.findElement(By.cssSelector("form.languages button[value='" + tag + "']")).click();
        // the form reloads the page: the element found may belong to the page that is going away
        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> !before.equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    }

    protected static void shot(WebDriver driver, String name) throws IOException {
        Files.createDirectories(SHOTS);
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}
