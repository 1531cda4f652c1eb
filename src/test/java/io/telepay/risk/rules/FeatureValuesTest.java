package io.telepay.risk.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FeatureValuesTest {

    @Test
    void numbersAreKeptToSixDecimalsSoNoStoredRatioReadsLikeACardNumber() {
        assertThat(FeatureValues.sixDecimals(5.0 / 9)).isEqualTo(0.555556);
        assertThat(FeatureValues.sixDecimals(42.0 / 99)).isEqualTo(0.424242);
        assertThat(String.valueOf(FeatureValues.sixDecimals(5.0 / 9)).replaceAll("\\D", "")).doesNotContain("555555555555");
        assertThat(FeatureValues.sixDecimals(20_000.5)).isEqualTo(20_000.5);
        assertThat(FeatureValues.sixDecimals(Double.NaN)).isNaN();
        assertThat(FeatureValues.sixDecimals(3e15)).isEqualTo(3e15);
    }
}
