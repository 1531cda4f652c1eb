package io.telepay.customer.lead;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LeadModelTrainingTest {

    private static final Duration WEEK = Duration.ofDays(7);

    @Test
    void trainsOnThePastCalibratesOnTheWeekAfterAndMeasuresOnTheLatestWeeksWithCompleteLabels() {
        LeadModelTraining.Windows w = new LeadModelTraining.Windows(Instant.parse("2026-09-01T00:00:00Z"),
                Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-08T00:00:00Z"), Instant.parse("2026-11-22T00:00:00Z"));
        Map<String, LeadHistory> leads = new HashMap<>();
        List<LeadModelTraining.Offer> offers = new java.util.ArrayList<>();
        Instant[] times = {
                Instant.parse("2026-08-31T23:59:59Z"), // before the training window
                Instant.parse("2026-09-01T00:00:00Z"), Instant.parse("2026-10-31T23:00:00Z"), // train
                Instant.parse("2026-11-01T00:00:00Z"), // calibrate
                Instant.parse("2026-11-08T00:00:00Z"), Instant.parse("2026-11-21T23:00:00Z"), // validate
                Instant.parse("2026-11-22T00:00:00Z") // its label is not complete yet
        };
        for (int i = 0; i < times.length; i++) {
            String id = "led_" + i;
            // each customer orders two days after the offer: every row is a positive
            leads.put(id, new LeadHistory(id, "cus_" + i, "web", null, times[i].minus(Duration.ofDays(3)), "TW", null, null,
                    List.of(), List.of(times[i].plus(Duration.ofDays(2))), List.of(times[i].plus(Duration.ofDays(2)))));
            offers.add(new LeadModelTraining.Offer(id, times[i], 40 + i));
        }

        LeadModelTraining.Rows rows = LeadModelTraining.rows(w, offers, leads, WEEK);

        assertThat(rows.train).hasSize(2);
        assertThat(rows.calibrate).hasSize(1);
        assertThat(rows.validate).hasSize(2);
        assertThat(rows.validateHand).containsExactly(44, 45);
        assertThat(rows.train).allMatch(e -> e.positive() && !e.features().containsKey("orders"));
    }

    @Test
    void theLatestOffersUsedAreALabelWindowOld() {
        LeadModelTraining training = new LeadModelTraining(null, null, null, null, WEEK, Duration.ofDays(70),
                Duration.ofDays(7), Duration.ofDays(14), 30, 5, 0.5);
        LeadModelTraining.Windows w = training.windows(Instant.parse("2026-12-07T05:00:00Z"));

        assertThat(w.validateTo()).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
        assertThat(w.validateFrom()).isEqualTo(Instant.parse("2026-11-16T00:00:00Z"));
        assertThat(w.calibrateFrom()).isEqualTo(Instant.parse("2026-11-09T00:00:00Z"));
        assertThat(w.trainFrom()).isEqualTo(Instant.parse("2026-08-31T00:00:00Z"));
    }
}
