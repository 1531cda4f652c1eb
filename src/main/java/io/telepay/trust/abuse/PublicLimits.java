package io.telepay.trust.abuse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Rate limits of the consumer-facing endpoints (caller checks, fraud reports, status lookups, receipts),
 * per client address and per phone number, as Bucket4j token buckets timed by the injected clock.
 * Over a limit a {@link TooManyRequests} carries the seconds until the next token.
 *
 * <p>Per phone means the consumer's own number or contact, which is what someone enumerating
 * customers would vary — never the number that called them: many consumers check the same company
 * number, and many victims report the same fraudster's.
 *
 * <p>The buckets live in this instance's memory: behind a load balancer every instance counts on its
 * own, so the effective limit is the configured one times the number of instances.
 */
@Component
public class PublicLimits {

    /** What a request does, each with its own budget per address. */
    public enum Action {
        /** Pages, caller checks, status lookups, receipts. */
        LOOKUP,
        /** Submitting a fraud report or disputing a charge. */
        REPORT
    }

    private static final int MAX_TRACKED = 100_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final TimeMeter time;
    private final Bandwidth lookupsPerAddress;
    private final Bandwidth reportsPerAddress;
    private final Bandwidth checksPerPhone;
    private final Bandwidth reportsPerContact;

    PublicLimits(Clock clock,
                 @Value("${telepay.trust.limits.lookups-per-minute-per-ip}") int lookupsPerMinute,
                 @Value("${telepay.trust.limits.reports-per-hour-per-ip}") int reportsPerHour,
                 @Value("${telepay.trust.limits.checks-per-hour-per-phone}") int checksPerHour,
                 @Value("${telepay.trust.limits.reports-per-day-per-contact}") int reportsPerDay) {
        this.time = new ClockTime(clock);
        this.lookupsPerAddress = bandwidth(lookupsPerMinute, Duration.ofMinutes(1));
        this.reportsPerAddress = bandwidth(reportsPerHour, Duration.ofHours(1));
        this.checksPerPhone = bandwidth(checksPerHour, Duration.ofHours(1));
        this.reportsPerContact = bandwidth(reportsPerDay, Duration.ofDays(1));
    }

    /** @throws TooManyRequests when this address used up its budget for the action */
    public void byAddress(Action action, String address) {
        take(action == Action.REPORT ? "ip-report:" + address : "ip-lookup:" + address,
                action == Action.REPORT ? reportsPerAddress : lookupsPerAddress);
    }

    /**
     * A caller check about the consumer's own number (E.164), whether or not it belongs to a customer.
     *
     * @throws TooManyRequests when the number was asked about too often
     */
    public void byPhone(String e164) {
        take("phone:" + e164, checksPerPhone);
    }

    /**
     * A report or a status lookup with this contact (normalized phone or e-mail).
     *
     * @throws TooManyRequests when the contact was used too often
     */
    public void byContact(Action action, String contact) {
        take(action == Action.REPORT ? "contact-report:" + contact : "contact-lookup:" + contact,
                action == Action.REPORT ? reportsPerContact : checksPerPhone);
    }

    private void take(String key, Bandwidth limit) {
        if (buckets.size() > MAX_TRACKED) {
            buckets.clear(); // a flood of addresses: forget them all rather than grow without bound
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder().addLimit(limit).withCustomTimePrecision(time).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new TooManyRequests(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
        }
    }

    private static Bandwidth bandwidth(int tokens, Duration period) {
        if (tokens < 1) {
            throw new IllegalStateException("telepay.trust.limits.* must be at least 1");
        }
        return Bandwidth.builder().capacity(tokens).refillGreedy(tokens, period).build();
    }

    /** Bucket4j's time from the application clock, so tests can move it. */
    private record ClockTime(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
