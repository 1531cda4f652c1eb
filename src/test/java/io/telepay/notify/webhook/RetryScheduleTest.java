package io.telepay.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private final RetrySchedule schedule = RetrySchedule.STANDARD;

    @Test
    void tenAttemptsAtAbout0s5s5min30min2h5h10h14h20h24hApart() {
        assertThat(schedule.maxAttempts()).isEqualTo(10);
        List<Duration> expected = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(14), Duration.ofHours(20),
                Duration.ofHours(24));
        Random random = new Random(42);
        for (int attempt = 1; attempt <= 9; attempt++) {
            Duration pause = schedule.pauseAfter(attempt, random).orElseThrow();
            Duration nominal = expected.get(attempt - 1);
            assertThat(pause).as("after attempt %d", attempt)
                    .isBetween(Duration.ofMillis(Math.round(nominal.toMillis() * 0.9)),
                            Duration.ofMillis(Math.round(nominal.toMillis() * 1.1)));
        }
    }

    @Test
    void theTenthFailureIsTheLast() {
        assertThat(schedule.pauseAfter(10, new Random(1))).isEmpty();
        assertThat(schedule.pauseAfter(11, new Random(1))).isEmpty();
    }

    @Test
    void jitterSpreadsPausesSoHeldBackDeliveriesDoNotReturnTogether() {
        Random random = new Random(7);
        long distinct = java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> schedule.pauseAfter(3, random).orElseThrow()).distinct().count();
        assertThat(distinct).isGreaterThan(90);
    }

    @Test
    void withoutJitterThePausesAreExact() {
        RetrySchedule exact = new RetrySchedule(RetrySchedule.STANDARD.pauses(), 0);
        assertThat(exact.pauseAfter(1, new Random(3))).contains(Duration.ofSeconds(5));
        Duration total = Duration.ZERO;
        for (int attempt = 1; attempt < exact.maxAttempts(); attempt++) {
            total = total.plus(exact.pauseAfter(attempt, new Random(3)).orElseThrow());
        }
        assertThat(total).isEqualTo(Duration.ofHours(75).plusMinutes(35).plusSeconds(5));
    }
}
