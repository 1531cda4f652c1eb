package io.telepay.payment;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;

/**
 * When the reconciler asks the gateway again about an UNKNOWN operation: first after
 * {@code telepay.payment.reconcile-first-delay}, then 5 min, 1 h, then daily.
 */
@Component
public class ReconcileSchedule {

    private final Duration first;

    ReconcileSchedule(@Value("${telepay.payment.reconcile-first-delay:PT1M}") String first) {
        this.first = parseDelay(first);
    }

    /** The wait before the next question, after {@code attempts} questions without an answer. */
    public Duration delay(int attempts) {
        return switch (attempts) {
            case 0 -> first;
            case 1 -> Duration.ofMinutes(5);
            case 2 -> Duration.ofHours(1);
            default -> Duration.ofDays(1);
        };
    }

    /** ISO-8601 ({@code PT1M}) or the short form ({@code 1m}, {@code 90s}); positive. */
    static Duration parseDelay(String text) {
        Duration delay;
        try {
            delay = DurationStyle.detectAndParse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("telepay.payment.reconcile-first-delay must be a duration such as PT1M or 1m, not '"
                    + text + "'");
        }
        if (delay.isNegative() || delay.isZero()) {
            throw new IllegalArgumentException("telepay.payment.reconcile-first-delay must be positive");
        }
        return delay;
    }
}
