package io.telepay.trust.abuse;

import java.time.Duration;

import io.github.bucket4j.Bandwidth;
import io.telepay.ratelimit.SharedBuckets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Rate limits of the consumer-facing endpoints (caller checks, fraud reports, status lookups, receipts),
 * per client address and per phone number, as token buckets every instance shares ({@link SharedBuckets}).
 * Over a limit a {@link TooManyRequests} carries the seconds until the next token.
 *
 * <p>Per phone means the consumer's own number or contact, which is what someone enumerating
 * customers would vary — never the number that called them: many consumers check the same company
 * number, and many victims report the same fraudster's.
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

    private final SharedBuckets buckets;
    private final Bandwidth lookupsPerAddress;
    private final Bandwidth reportsPerAddress;
    private final Bandwidth checksPerPhone;
    private final Bandwidth reportsPerContact;

    PublicLimits(SharedBuckets buckets,
                 @Value("${telepay.trust.limits.lookups-per-minute-per-ip}") int lookupsPerMinute,
                 @Value("${telepay.trust.limits.reports-per-hour-per-ip}") int reportsPerHour,
                 @Value("${telepay.trust.limits.checks-per-hour-per-phone}") int checksPerHour,
                 @Value("${telepay.trust.limits.reports-per-day-per-contact}") int reportsPerDay) {
        this.buckets = buckets;
        this.lookupsPerAddress = SharedBuckets.perPeriod(lookupsPerMinute, Duration.ofMinutes(1));
        this.reportsPerAddress = SharedBuckets.perPeriod(reportsPerHour, Duration.ofHours(1));
        this.checksPerPhone = SharedBuckets.perPeriod(checksPerHour, Duration.ofHours(1));
        this.reportsPerContact = SharedBuckets.perPeriod(reportsPerDay, Duration.ofDays(1));
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
        long wait = buckets.take("trust:" + key, limit);
        if (wait > 0) {
            throw new TooManyRequests(wait);
        }
    }
}
