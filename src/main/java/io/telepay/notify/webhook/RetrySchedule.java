package io.telepay.notify.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again: the first attempt goes out at once, each failure waits the next
 * pause of 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h — ten attempts over about three days —
 * each pause stretched or shrunk at random by up to a tenth, so that the deliveries a receiver's outage
 * held back do not all return in the same second.
 */
record RetrySchedule(List<Duration> pauses, double jitter) {

    static final RetrySchedule STANDARD = new RetrySchedule(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(14),
            Duration.ofHours(20), Duration.ofHours(24)), 0.1);

    RetrySchedule {
        pauses = List.copyOf(pauses);
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1)");
        }
    }

    int maxAttempts() {
        return pauses.size() + 1;
    }

    /** The pause after the {@code attemptsMade}-th failed attempt, or empty when that was the last one. */
    Optional<Duration> pauseAfter(int attemptsMade, RandomGenerator random) {
        if (attemptsMade < 1 || attemptsMade >= maxAttempts()) {
            return Optional.empty();
        }
        Duration pause = pauses.get(attemptsMade - 1);
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Optional.of(Duration.ofMillis(Math.round(pause.toMillis() * factor)));
    }
}
