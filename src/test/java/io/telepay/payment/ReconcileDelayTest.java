package io.telepay.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ReconcileDelayTest {

    @Test
    void acceptsIsoAndShortDurations() {
        assertThat(Settlement.parseDelay("PT1M")).isEqualTo(Duration.ofMinutes(1));
        assertThat(Settlement.parseDelay("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(Settlement.parseDelay(" 90s ")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Settlement.parseDelay("2h")).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void refusesNonsenseAndNonPositiveDelays() {
        assertThatThrownBy(() -> Settlement.parseDelay("soon")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT1M or 1m");
        assertThatThrownBy(() -> Settlement.parseDelay("0s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Settlement.parseDelay("-PT1M")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void backsOffFromTheFirstDelayToFiveMinutesAnHourThenDaily() {
        Settlement settlement = new Settlement(null, null, null, null, null, "1m", null, null);
        assertThat(settlement.reconcileDelay(0)).isEqualTo(Duration.ofMinutes(1));
        assertThat(settlement.reconcileDelay(1)).isEqualTo(Duration.ofMinutes(5));
        assertThat(settlement.reconcileDelay(2)).isEqualTo(Duration.ofHours(1));
        assertThat(settlement.reconcileDelay(3)).isEqualTo(Duration.ofDays(1));
        assertThat(settlement.reconcileDelay(9)).isEqualTo(Duration.ofDays(1));
    }
}
