package io.telepay.trust.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import io.telepay.testing.TestClock;
import org.junit.jupiter.api.Test;

class PublicLimitsTest {

    private final TestClock clock = new TestClock();
    private final PublicLimits limits = new PublicLimits(clock, 3, 2, 2, 1);

    @Test
    void anAddressGetsItsBudgetThenWaitsForTheNextToken() {
        for (int i = 0; i < 3; i++) {
            limits.byAddress(PublicLimits.Action.LOOKUP, "203.0.113.7");
        }
        assertThatThrownBy(() -> limits.byAddress(PublicLimits.Action.LOOKUP, "203.0.113.7"))
                .isInstanceOfSatisfying(TooManyRequests.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfterSeconds()).isBetween(1L, 20L);
                });
        limits.byAddress(PublicLimits.Action.LOOKUP, "203.0.113.8");
        clock.advance(Duration.ofSeconds(20));
        limits.byAddress(PublicLimits.Action.LOOKUP, "203.0.113.7");
    }

    @Test
    void reportsAndLookupsAreCountedApart() {
        limits.byAddress(PublicLimits.Action.REPORT, "198.51.100.1");
        limits.byAddress(PublicLimits.Action.REPORT, "198.51.100.1");
        assertThatThrownBy(() -> limits.byAddress(PublicLimits.Action.REPORT, "198.51.100.1")).isInstanceOf(TooManyRequests.class);
        limits.byAddress(PublicLimits.Action.LOOKUP, "198.51.100.1");
    }

    @Test
    void aPhoneAndAContactHaveTheirOwnBudgets() {
        limits.byPhone("+886912345678");
        limits.byPhone("+886912345678");
        assertThatThrownBy(() -> limits.byPhone("+886912345678")).isInstanceOf(TooManyRequests.class);
        limits.byContact(PublicLimits.Action.REPORT, "+886912345678");
        assertThatThrownBy(() -> limits.byContact(PublicLimits.Action.REPORT, "+886912345678"))
                .isInstanceOfSatisfying(TooManyRequests.class, e -> assertThat(e.retryAfterSeconds()).isGreaterThan(3600));
    }
}
