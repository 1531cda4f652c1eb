package io.telepay.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.telepay.testing.ConsoleSession;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "telepay.login.attempts-per-minute-per-ip=3")
class LoginThrottleSystemTest extends SystemTest {

    @Test
    void signInAttemptsAreLimitedPerAddressWith429AndRetryAfter() {
        ConsoleSession browser = new ConsoleSession(base());
        for (int i = 0; i < 3; i++) {
            assertThat(browser.signIn("nobody-" + i, "whatever whatever").status()).isEqualTo(302);
        }
        var limited = browser.signIn("nobody-4", "whatever whatever");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
    }
}
