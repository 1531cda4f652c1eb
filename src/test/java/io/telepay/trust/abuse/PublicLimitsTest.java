package io.telepay.trust.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import io.telepay.shared.Ids;
import io.telepay.ratelimit.SharedBuckets;
import io.telepay.testing.SystemTest;
import io.telepay.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/** The public budgets, on buckets of their own clock; the keys are new each run because the buckets live in the database. */
class PublicLimitsTest extends SystemTest {

    @Autowired
    PlatformTransactionManager transactions;

    private final TestClock ownClock = new TestClock();
    private final String run = Ids.randomToken(6);

    private PublicLimits limits() {
        return new PublicLimits(new SharedBuckets(jdbc, transactions, ownClock), 3, 2, 2, 1);
    }

    @Test
    void anAddressGetsItsBudgetThenWaitsForTheNextToken() {
        PublicLimits limits = limits();
        String address = "203.0.113.7/" + run;
        for (int i = 0; i < 3; i++) {
            limits.byAddress(PublicLimits.Action.LOOKUP, address);
        }
        assertThatThrownBy(() -> limits.byAddress(PublicLimits.Action.LOOKUP, address))
                .isInstanceOfSatisfying(TooManyRequests.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfterSeconds()).isBetween(1L, 20L);
                });
        limits.byAddress(PublicLimits.Action.LOOKUP, "203.0.113.8/" + run);
        ownClock.advance(Duration.ofSeconds(20));
        limits.byAddress(PublicLimits.Action.LOOKUP, address);
    }

    @Test
    void reportsAndLookupsAreCountedApart() {
        PublicLimits limits = limits();
        String address = "198.51.100.1/" + run;
        limits.byAddress(PublicLimits.Action.REPORT, address);
        limits.byAddress(PublicLimits.Action.REPORT, address);
        assertThatThrownBy(() -> limits.byAddress(PublicLimits.Action.REPORT, address)).isInstanceOf(TooManyRequests.class);
        limits.byAddress(PublicLimits.Action.LOOKUP, address);
    }

    @Test
    void aPhoneAndAContactHaveTheirOwnBudgets() {
        PublicLimits limits = limits();
        String phone = "+8869" + (10_000_000 + Math.floorMod(run.hashCode(), 89_999_999));
        limits.byPhone(phone);
        limits.byPhone(phone);
        assertThatThrownBy(() -> limits.byPhone(phone)).isInstanceOf(TooManyRequests.class);
        limits.byContact(PublicLimits.Action.REPORT, phone);
        assertThatThrownBy(() -> limits.byContact(PublicLimits.Action.REPORT, phone))
                .isInstanceOfSatisfying(TooManyRequests.class, e -> assertThat(e.retryAfterSeconds()).isGreaterThan(3600));
    }

    @Test
    void twoInstancesShareOneBudget() {
        PublicLimits first = limits();
        PublicLimits second = limits();
        String address = "192.0.2.1/" + run;
        first.byAddress(PublicLimits.Action.REPORT, address);
        second.byAddress(PublicLimits.Action.REPORT, address);
        assertThatThrownBy(() -> first.byAddress(PublicLimits.Action.REPORT, address)).isInstanceOf(TooManyRequests.class);
        assertThatThrownBy(() -> second.byAddress(PublicLimits.Action.REPORT, address)).isInstanceOf(TooManyRequests.class);
    }
}
