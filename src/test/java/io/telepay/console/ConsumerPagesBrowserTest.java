package io.telepay.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.telepay.testing.Sales;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Value;

/**
 * The consumer's pages on a phone (390×844) in each language (issue 16): the pay page with the order's short
 * reference, a declined card and "try another card", the paid result, the receipt and the question before a
 * charge is reported. Each page fits the width, shows no message key and no developer's error, and links to the
 * page that checks a call.
 */
class ConsumerPagesBrowserTest extends BrowserTest {

    private static final Pattern RECEIPT = Pattern.compile("/receipts/([a-z2-7]{32})");

    private final Sales sales = new Sales(this);

    @Value("${telepay.company-name}")
    String company;

    @ParameterizedTest
    @CsvSource({"en, Try another card, What happened?", "zh-TW, 改用另一張卡, 發生了什麼事？", "zh-CN, 改用另一张卡, 发生了什么？"})
    void aCustomerPaysAfterADeclineReadsTheReceiptAndIsAskedBeforeReporting(String lang, String tryAgain, String whatHappened)
            throws Exception {
        Sales.Sale sale = sales.confirmedOrder("1280.00", "TWD");
        String reference = sale.asAgent().get("/api/v1/orders/" + sale.orderId()).json().get("reference").asString();
        String shownReference = reference.substring(0, 4) + " " + reference.substring(4);
        String token = sales.payToken(sale);
        WebDriver phone = browser(390, 844);

        phone.get(base() + "/pay/" + token + "?lang=" + lang);
        consumerPage(phone, "pay-" + lang, lang);
        assertThat(text(phone)).contains(shownReference);
        pay(phone, "4000 0000 0000 0002");

        consumerPage(phone, "pay-declined-" + lang, lang);
        phone.findElement(By.linkText(tryAgain)).click();
        waitFor(phone, By.id("cardNumber"));
        pay(phone, "4242 4242 4242 4242");
        consumerPage(phone, "pay-approved-" + lang, lang);
        assertThat(text(phone)).contains(shownReference);

        String paymentId = sale.asAgent().get("/api/v1/orders/" + sale.orderId()).json().get("payments").valueStream()
                .filter(p -> !p.get("status").asString().equals("DECLINED")).findFirst().orElseThrow().get("id").asString();
        phone.get(base() + "/receipts/" + receiptToken(paymentId) + "?lang=" + lang);
        consumerPage(phone, "receipt-" + lang, lang);
        assertThat(text(phone)).contains(shownReference);
        phone.findElement(By.cssSelector("a.button.danger")).click();
        waitFor(phone, By.name("what"));
        consumerPage(phone, "receipt-dispute-" + lang, lang);
        assertThat(text(phone)).contains(whatHappened);
    }

    private void pay(WebDriver phone, String number) {
        phone.findElement(By.id("cardNumber")).sendKeys(number);
        phone.findElement(By.id("expiry")).sendKeys("12/39");
        phone.findElement(By.id("cvc")).sendKeys("123");
        phone.findElement(By.cssSelector("form button[type=submit]")).click();
        waitFor(phone, By.cssSelector(".outcome"));
    }

    /** What every consumer page must be, whatever the language; in Chinese, no English word but names. */
    private void consumerPage(WebDriver phone, String name, String lang) throws Exception {
        shot(phone, "consumer-" + name);
        fitsTheWidth(phone);
        String text = text(phone);
        assertThat(text).as(name).doesNotContain("??", "Exception", "Whitelabel", "cus_", "null");
        if (!lang.equals("en")) {
            inChinese(phone, List.of(company, "LIN CHIH LING"));
        }
        assertThat(phone.findElements(By.cssSelector("a[href='/verify']"))).as(name + " links to the call check").isNotEmpty();
    }

    private static String text(WebDriver phone) {
        return phone.findElement(By.tagName("body")).getText();
    }

    private String receiptToken(String paymentId) {
        List<String> bodies = await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                        "select body from notify_message where purpose = 'PAYMENT_RECEIPT' and reference = :p and channel = 'SMS'")
                .param("p", paymentId).query(String.class).list(), list -> !list.isEmpty());
        Matcher link = RECEIPT.matcher(bodies.getFirst());
        assertThat(link.find()).as(bodies.getFirst()).isTrue();
        return link.group(1);
    }
}
