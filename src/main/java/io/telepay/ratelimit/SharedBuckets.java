package io.telepay.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import io.telepay.shared.Db;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Token buckets kept in the {@code rate_limit_bucket} table, so that every instance behind the load balancer
 * takes from the same budget: a limit of 20 a minute stays 20 a minute with three instances, not 60.
 * Bucket4j does the token arithmetic; this class only stores its state, with a compare-and-swap (an update
 * that names the state it read), so concurrent takes on one key never both spend the last token.
 *
 * <p>Each take commits on its own, outside the caller's transaction: a request that fails afterwards has
 * still spent its token (otherwise failing requests would be free). Time is the application clock, so tests
 * can move it. A bucket row expires when it would be full again; expired rows are purged.
 */
@Component
public class SharedBuckets extends AbstractCompareAndSwapBasedProxyManager<String> {

    private static final int MAX_KEY = 200;

    private final JdbcClient jdbc;
    private final TransactionTemplate own;
    private final Clock clock;

    public SharedBuckets(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        super(ClientSideConfig.getDefault().withClientClock(new ClockTime(clock)));
        this.jdbc = jdbc;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** A refilling budget of {@code tokens} per {@code period}; at least one token. */
    public static Bandwidth perPeriod(int tokens, Duration period) {
        if (tokens < 1) {
            throw new IllegalStateException("a rate limit must allow at least one request per period");
        }
        return Bandwidth.builder().capacity(tokens).refillGreedy(tokens, period).build();
    }

    /**
     * Takes one token from the key's bucket.
     *
     * @return 0 when taken, else the whole seconds (at least 1) until a token is back
     */
    public long take(String key, Bandwidth limit) {
        // the limit is part of the key: a bucket keeps the configuration it was made with, so a changed limit
        // (another deployment's settings) gets buckets of its own
        String keyed = limit.getCapacity() + "/" + Duration.ofNanos(limit.getRefillPeriodNanos()) + ":" + key;
        String stored = keyed.length() > MAX_KEY ? keyed.substring(0, MAX_KEY) : keyed;
        ConsumptionProbe probe = builder().build(stored, () -> BucketConfiguration.builder().addLimit(limit).build())
                .tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
        return new CompareAndSwapOperation() {
            @Override
            public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
                return own.execute(status -> jdbc.sql("select state from rate_limit_bucket where id = :id").param("id", key)
                        .query(byte[].class).optional());
            }

            @Override
            public boolean compareAndSwap(byte[] original, byte[] updated, RemoteBucketState state, Optional<Long> timeoutNanos) {
                Instant now = clock.instant();
                Instant expires = now.plusNanos(state.calculateFullRefillingTime(ClockTime.nanos(now)));
                Boolean swapped = own.execute(status -> original == null ? insert(key, updated, expires)
                        : replace(key, original, updated, expires));
                return Boolean.TRUE.equals(swapped);
            }
        };
    }

    private boolean insert(String key, byte[] state, Instant expires) {
        try {
            jdbc.sql("insert into rate_limit_bucket (id, state, expires_at) values (:id, :state, :expires)")
                    .param("id", key).param("state", state).param("expires", Db.ts(expires)).update();
            return true;
        } catch (DuplicateKeyException anotherInstanceWasFirst) {
            return false;
        }
    }

    /** Only if the row still holds what this instance read: another instance's take in between makes Bucket4j retry. */
    private boolean replace(String key, byte[] original, byte[] updated, Instant expires) {
        return jdbc.sql("update rate_limit_bucket set state = :updated, expires_at = :expires where id = :id and state = :original")
                .param("updated", updated).param("expires", Db.ts(expires)).param("id", key).param("original", original)
                .update() == 1;
    }

    /** Buckets that have refilled completely hold nothing worth keeping. */
    @Scheduled(fixedDelayString = "${telepay.rate-limits.purge-every:PT10M}", initialDelayString = "PT2M")
    public int purgeExpired() {
        return jdbc.sql("delete from rate_limit_bucket where expires_at < :now").param("now", Db.ts(clock.instant())).update();
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
        throw new UnsupportedOperationException("rate limits are taken synchronously");
    }

    @Override
    protected CompletableFuture<Void> removeAsync(String key) {
        throw new UnsupportedOperationException("rate limits are taken synchronously");
    }

    @Override
    public void removeProxy(String key) {
        own.executeWithoutResult(status -> jdbc.sql("delete from rate_limit_bucket where id = :id").param("id", key).update());
    }

    @Override
    public boolean isAsyncModeSupported() {
        return false;
    }

    /** Bucket4j's time from the application clock. */
    private record ClockTime(Clock clock) implements TimeMeter {

        static long nanos(Instant at) {
            return at.getEpochSecond() * 1_000_000_000L + at.getNano();
        }

        @Override
        public long currentTimeNanos() {
            return nanos(clock.instant());
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
