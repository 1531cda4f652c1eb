package io.telepay.telephony;

import java.net.InetAddress;
import java.time.Duration;
import java.util.OptionalLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * New calls per source address and minute (a token bucket each): past the limit a call is answered
 * 503 with Retry-After, so a looping PBX or someone trying codes cannot hammer the sessions. Kept in
 * this instance's memory: a source reaches the one instance its packets are routed to.
 */
final class CallLimits {

    private final long perMinute;
    private final Cache<InetAddress, Bucket> buckets;

    CallLimits(long perMinute) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("telepay.sip.calls-per-minute must be at least 1");
        }
        this.perMinute = perMinute;
        this.buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(2)).maximumSize(100_000).build();
    }

    /** Empty when the call may go on; else the seconds to wait before the next one. */
    OptionalLong take(InetAddress source) {
        Bucket bucket = buckets.get(source, s -> Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1))).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1));
    }
}
