package io.telepay.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.bucket4j.Bandwidth;
import io.telepay.shared.Ids;
import io.telepay.testing.SystemTest;
import io.telepay.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Buckets several instances share: one budget whichever instance takes from it, the last token never spent twice
 * under concurrent takes, a token spent even when the caller's transaction rolls back, full buckets purged.
 */
class SharedBucketsSystemTest extends SystemTest {

    @Autowired
    PlatformTransactionManager transactions;

    private final TestClock ownClock = new TestClock();
    private final String key = "test:" + Ids.randomToken(8);

    private SharedBuckets instance() {
        return new SharedBuckets(jdbc, transactions, ownClock);
    }

    @Test
    void threeInstancesTakeFromOneBudget() {
        List<SharedBuckets> instances = List.of(instance(), instance(), instance());
        Bandwidth fivePerMinute = SharedBuckets.perPeriod(5, Duration.ofMinutes(1));
        int taken = 0;
        for (int i = 0; i < 12; i++) {
            if (instances.get(i % 3).take(key, fivePerMinute) == 0) {
                taken++;
            }
        }
        assertThat(taken).as("5 a minute, not 15 with three instances").isEqualTo(5);
        assertThat(instances.get(1).take(key, fivePerMinute)).isBetween(1L, 12L);
        ownClock.advance(Duration.ofSeconds(12));
        assertThat(instances.get(2).take(key, fivePerMinute)).as("a token back after a fifth of the minute").isZero();
    }

    @Test
    void aChangedLimitGetsBucketsOfItsOwn() {
        SharedBuckets buckets = instance();
        Bandwidth one = SharedBuckets.perPeriod(1, Duration.ofHours(1));
        assertThat(buckets.take(key, one)).isZero();
        assertThat(buckets.take(key, one)).isGreaterThan(0);
        assertThat(buckets.take(key, SharedBuckets.perPeriod(3, Duration.ofHours(1)))).as("raised to 3: a new budget").isZero();
    }

    @Test
    void concurrentTakesNeverSpendTheLastTokenTwice() throws Exception {
        Bandwidth forty = SharedBuckets.perPeriod(40, Duration.ofHours(1));
        List<SharedBuckets> instances = List.of(instance(), instance());
        List<Callable<Integer>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            SharedBuckets mine = instances.get(w % 2);
            workers.add(() -> {
                int taken = 0;
                for (int i = 0; i < 25; i++) {
                    if (mine.take(key, forty) == 0) {
                        taken++;
                    }
                }
                return taken;
            });
        }
        int taken = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (Future<Integer> result : pool.invokeAll(workers)) {
                taken += result.get();
            }
        }
        assertThat(taken).as("100 tries on a budget of 40").isEqualTo(40);
    }

    @Test
    void aTokenIsSpentEvenWhenTheCallersTransactionRollsBack() {
        Bandwidth one = SharedBuckets.perPeriod(1, Duration.ofHours(1));
        SharedBuckets buckets = instance();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            assertThat(buckets.take(key, one)).isZero();
            status.setRollbackOnly();
        });
        assertThat(buckets.take(key, one)).as("a failed request is not free").isGreaterThan(0);
    }

    @Test
    void aFullBucketIsPurgedAndStartsAgainFull() {
        Bandwidth two = SharedBuckets.perPeriod(2, Duration.ofMinutes(1));
        SharedBuckets buckets = instance();
        buckets.take(key, two);
        buckets.take(key, two);
        assertThat(buckets.take(key, two)).isGreaterThan(0);
        assertThat(rows()).isEqualTo(1);
        ownClock.advance(Duration.ofSeconds(45));
        buckets.purgeExpired();
        assertThat(rows()).as("not full yet: kept").isEqualTo(1);
        ownClock.advance(Duration.ofSeconds(16));
        assertThat(buckets.purgeExpired()).isPositive();
        assertThat(rows()).isZero();
        assertThat(buckets.take(key, two)).isZero();
        assertThat(buckets.take(key, two)).isZero();
        assertThat(buckets.take(key, two)).isGreaterThan(0);
    }

    private long rows() {
        return jdbc.sql("select count(*) from rate_limit_bucket where id like :id").param("id", "%:" + key).query(Long.class).single();
    }
}
