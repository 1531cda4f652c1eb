package io.telepay.risk.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import io.telepay.risk.features.Attempt;
import io.telepay.risk.rules.FeatureCatalog;
import io.telepay.risk.rules.FeatureValues;
import org.junit.jupiter.api.Test;

class FraudInputsTest {

    private final FeatureCatalog catalog = FeatureCatalog.standard();

    @Test
    void aModelNeverLearnsFromAScoreOrFromTexts() {
        assertThat(FraudInputs.of(catalog)).contains("card.distinctCustomers.24h", "amount", "session.sentToOther")
                .doesNotContain("model.fraudScore", "model.shadowFraudScore", "channel", "card.bin", "payPage.staff")
                .allSatisfy(name -> assertThat(name).doesNotStartWith("model."));
        assertThat(FraudInputs.of(catalog).size()).isGreaterThan(150);
    }

    @Test
    void unknownReadsAsZeroAndCountsOnALogScale() {
        assertThat(FraudInputs.transform(Double.NaN)).isZero();
        assertThat(FraudInputs.transform(0)).isZero();
        assertThat(FraudInputs.transform(Math.E - 1)).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(FraudInputs.transform(-(Math.E - 1))).isCloseTo(-1, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aRowHoldsTheTransformedInputsAndLeavesOutZerosAndScores() {
        FeatureValues values = new FeatureValues(catalog, "TWD").set("card.attempts.24h", 3).set("amount", 12_000)
                .set("card.firstSeen", false).set("model.fraudScore", 0.97);
        Map<String, Double> row = FraudRows.row(values);
        assertThat(row).containsOnlyKeys("card.attempts.24h", "amount");
        assertThat(row.get("card.attempts.24h")).isEqualTo(Math.log1p(3));
    }

    @Test
    void featuresComputedAfterTheAttemptAreRefusedAsTrainingRows() {
        Instant at = Instant.parse("2026-03-03T04:05:06Z");
        Attempt attempt = new Attempt("pay_leak", "ord_leak", at, "cus_1", "usr_1", "t1", "fp", "400361", "TW", "TW", "+886912345678",
                null, null, null, null, false, "SKU", "LINK", "TWD", 100_00, Double.NaN);
        FeatureValues values = new FeatureValues(catalog, "TWD");
        assertThat(new TrainingRow(attempt, at, values, true).fraud()).isTrue();
        assertThat(new TrainingRow(attempt, at.minusSeconds(1), values, false).fraud()).isFalse();
        assertThatThrownBy(() -> new TrainingRow(attempt, at.plusNanos(1000), values, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("would know its outcome");
    }
}
