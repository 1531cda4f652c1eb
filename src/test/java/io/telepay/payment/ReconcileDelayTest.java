package io.telepay.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ReconcileDelayTest {

    @Test
    void acceptsIsoAndShortDurations() {
        assertThat(ReconcileSchedule.parseDelay("PT1M")).isEqualTo(Duration.ofMinutes(1));
        assertThat(ReconcileSchedule.parseDelay("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(ReconcileSchedule.parseDelay(" 90s ")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ReconcileSchedule.parseDelay("2h")).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void refusesNonsenseAndNonPositiveDelays() {
        assertThatThrownBy(() -> ReconcileSchedule.parseDelay("soon")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT1M or 1m");
        assertThatThrownBy(() -> ReconcileSchedule.parseDelay("0s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReconcileSchedule.parseDelay("-PT1M")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void backsOffFromTheFirstDelayToFiveMinutesAnHourThenDaily() {
        ReconcileSchedule schedule = new ReconcileSchedule("1m");
        assertThat(schedule.delay(0)).isEqualTo(Duration.ofMinutes(1));
        assertThat(schedule.delay(1)).isEqualTo(Duration.ofMinutes(5));
        assertThat(schedule.delay(2)).isEqualTo(Duration.ofHours(1));
        assertThat(schedule.delay(3)).isEqualTo(Duration.ofDays(1));
        assertThat(schedule.delay(9)).isEqualTo(Duration.ofDays(1));
    }
}
