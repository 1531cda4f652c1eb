package io.telepay.trust.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.telepay.testing.Http;
import io.telepay.testing.SystemTest;
import io.telepay.trust.Consumers;
import io.telepay.trust.Consumers.Multipart;
import org.junit.jupiter.api.Test;

/**
 * Every public trust endpoint is limited per client address and per phone number (the defaults of
 * application.yml: 30 lookups a minute and 10 reports an hour per address, 10 checks an hour per
 * number, 5 reports a day per contact); over a limit: 429 with Retry-After.
 */
class PublicRateLimitSystemTest extends SystemTest {

    private static final String CHECKS = "/api/v1/public/caller-checks";

    private Http consumer() {
        return Consumers.fromNewAddress(base());
    }

    private static void assertLimited(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(429);
        assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
    }

    private static Http.Response report(Http client, String contact) {
        return new Multipart().field("description", "自稱檢警要我交出提款卡").field("contact", contact).post(client, "/api/v1/public/reports");
    }

    @Test
    void anAddressOverItsLookupLimitGets429WithRetryAfterAsProblemOrPage() {
        Http consumer = consumer();
        for (int i = 0; i < 30; i++) {
            assertThat(consumer.post(CHECKS, Map.of("phone", "+886223456789")).status()).as("check " + (i + 1)).isEqualTo(200);
        }
        var limited = consumer.post(CHECKS, Map.of("phone", "+886223456789"));
        assertLimited(limited);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.json().get("type").asString()).endsWith("too-many-requests");

        var page = consumer.header("Accept-Language", "zh-TW").get("/verify");
        assertLimited(page);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("請求次數過多").contains("秒後再試");

        assertThat(consumer().post(CHECKS, Map.of("phone", "+886223456789")).status()).as("another address").isEqualTo(200);
        clock.advance(Duration.ofMinutes(1));
        assertThat(consumer.post(CHECKS, Map.of("phone", "+886223456789")).status()).as("a minute later").isEqualTo(200);
    }

    @Test
    void oneNumberAskedAboutFromManyAddressesIsLimitedToo() {
        String own = Consumers.newPhone();
        for (int i = 0; i < 10; i++) {
            var answer = consumer().post(CHECKS, Map.of("phone", "+886223456789", "yourPhone", own));
            assertThat(answer.status()).as("check " + (i + 1)).isEqualTo(200);
        }
        assertLimited(consumer().post(CHECKS, Map.of("phone", "+886223456789", "yourPhone", own)));
        assertThat(consumer().post(CHECKS, Map.of("phone", "+886223456789", "yourPhone", Consumers.newPhone())).status())
                .as("another number").isEqualTo(200);
        var page = consumer().header("Accept-Language", "en").postForm("/verify/number", Map.of("phone", "+886223456789", "yourPhone", own));
        assertLimited(page);
        assertThat(page.body()).contains("Too many requests");
    }

    @Test
    void reportsHaveASmallerBudgetPerAddressThanLookups() {
        Http consumer = consumer();
        for (int i = 0; i < 10; i++) {
            assertThat(report(consumer, Consumers.newPhone()).status()).as("report " + (i + 1)).isEqualTo(201);
        }
        assertLimited(report(consumer, Consumers.newPhone()));
        var form = new Multipart().field("description", "x").field("contact", Consumers.newPhone()).post(consumer, "/verify/report");
        assertLimited(form);
        assertThat(form.contentType()).startsWith("text/html");
        assertThat(consumer.post(CHECKS, Map.of("phone", "+886223456789")).status()).as("lookups still work").isEqualTo(200);
    }

    @Test
    void oneContactSendsFiveReportsADayFromWherever() {
        String contact = "victim." + Consumers.newPhone().substring(5) + "@example.tw";
        for (int i = 0; i < 5; i++) {
            assertThat(report(consumer(), contact).status()).as("report " + (i + 1)).isEqualTo(201);
        }
        assertLimited(report(consumer(), contact.toUpperCase()));
        assertThat(report(consumer(), Consumers.newPhone()).status()).isEqualTo(201);
    }
}
