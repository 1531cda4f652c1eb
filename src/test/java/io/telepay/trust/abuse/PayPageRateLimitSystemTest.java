package io.telepay.trust.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.telepay.testing.Http;
import io.telepay.testing.Sales;
import io.telepay.testing.SystemTest;
import io.telepay.trust.Consumers;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The pay page and the confirmation page are limited per client address like the other public pages:
 * someone guessing tokens (or hammering one) gets 429 with Retry-After; another address is not affected.
 */
@TestPropertySource(properties = "telepay.trust.limits.pay-pages-per-minute-per-ip=5")
class PayPageRateLimitSystemTest extends SystemTest {

    @Test
    void payAndConfirmPagesAreLimitedPerAddress() {
        String token = new Sales(this).payToken(new Sales(this).confirmedOrder("120.00", "TWD"));
        Http guesser = Consumers.fromNewAddress(base());
        for (int i = 0; i < 3; i++) {
            assertThat(guesser.get("/pay/guess" + i).status()).as("guess " + i).isLessThan(429);
        }
        assertThat(guesser.get("/confirm/guess").status()).isLessThan(429);
        assertThat(guesser.get("/pay/" + token).status()).isEqualTo(200);

        var limited = guesser.get("/pay/" + token);
        assertThat(limited.status()).as(limited.toString()).isEqualTo(429);
        assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
        var json = guesser.header("Accept", "application/json").get("/confirm/another-guess");
        assertThat(json.status()).isEqualTo(429);
        assertThat(json.contentType()).startsWith("application/problem+json");

        assertThat(Consumers.fromNewAddress(base()).get("/pay/" + token).status()).as("another address").isEqualTo(200);
        clock.advance(Duration.ofMinutes(1));
        assertThat(guesser.get("/pay/" + token).status()).as("a minute later").isEqualTo(200);
    }
}
