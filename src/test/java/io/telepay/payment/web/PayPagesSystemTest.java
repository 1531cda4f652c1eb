package io.telepay.payment.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.telepay.testing.Http;
import io.telepay.testing.Sales;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;

/**
 * What a consumer meets on the pay pages besides the card form (issue 16): a way back to the form after a
 * decline, the way to check that a call was really from the company, and style sheets that a phone on a slow
 * line loads once and compressed.
 */
class PayPagesSystemTest extends SystemTest {

    private static final Pattern STYLESHEET = Pattern.compile("href=\"(/css/pay-[0-9a-f]{32}\\.css)\"");

    private final Sales sales = new Sales(this);

    @Test
    void aDeclinedCardOffersAnotherTryOnTheSameLinkAndTheNextCardPays() {
        Sales.Sale sale = sales.confirmedOrder("450.00", "TWD");
        String token = sales.payToken(sale);

        Http.Response declined = http().postForm("/pay/" + token, Map.of("cardNumber", "4000 0000 0000 0002", "expiry", "12/39",
                "cvc", "731", "holderName", "林淑芬"));
        assertThat(declined.body()).contains("href=\"/pay/" + token + "\"").contains("Try another card")
                .doesNotContain("4000 0000 0000 0002", "731");

        assertThat(http().get("/pay/" + token).status()).as("the link still takes a card").isEqualTo(200);
        Http.Response paid = http().postForm("/pay/" + token, Map.of("cardNumber", "4242 4242 4242 4242", "expiry", "12/39",
                "cvc", "123", "holderName", "林淑芬"));
        assertThat(paid.body()).contains("Payment approved").doesNotContain("Try another card");
    }

    @Test
    void everyPayPageLinksToTheCallCheckInTheCustomersLanguage() {
        Sales.Sale sale = sales.confirmedOrder("450.00", "TWD");
        String token = sales.payToken(sale);

        assertThat(http().get("/pay/" + token).body()).contains("<a href=\"/verify\"").contains("Check it here");
        assertThat(http().get("/pay/" + token + "?lang=zh-TW").body()).contains("<a href=\"/verify\"").contains("請在這裡查證");
        assertThat(http().get("/pay/no-such-link").body()).as("the page for an unknown link too").contains("<a href=\"/verify\"");
    }

    @Test
    void styleSheetsCarryTheirContentHashAreKeptAYearAndCompressed() {
        Sales.Sale sale = sales.confirmedOrder("450.00", "TWD");
        Matcher link = STYLESHEET.matcher(http().get("/pay/" + sales.payToken(sale)).body());
        assertThat(link.find()).as("the pay page links its style sheet by a hashed name").isTrue();

        HttpResponse<byte[]> css = http().header("Accept-Encoding", "gzip").bytes(link.group(1));
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Cache-Control").orElse("")).contains("max-age=31536000");
        assertThat(css.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(css.body()[0] & 0xff).as("gzip magic").isEqualTo(0x1f);

        Http.Response page = http().header("Accept-Encoding", "gzip").get("/pay/" + sales.payToken(sales.confirmedOrder("450.00", "TWD")));
        assertThat(page.header("Content-Encoding")).as("a page holding a pay token is never compressed (BREACH)").isNull();
    }
}
