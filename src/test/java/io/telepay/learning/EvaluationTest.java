package io.telepay.learning;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EvaluationTest {

    @Test
    void aucIsTheShareOfPositiveNegativePairsInOrderWithTiesCountedHalf() {
        assertThat(Evaluation.auc(new double[]{0.9, 0.8, 0.2, 0.1}, new boolean[]{true, true, false, false})).isEqualTo(1.0);
        assertThat(Evaluation.auc(new double[]{0.1, 0.2, 0.8, 0.9}, new boolean[]{true, true, false, false})).isEqualTo(0.0);
        // pairs (p, n): (0.5, 0.5) tie = 0.5, (0.5, 0.1) = 1, (0.3, 0.5) = 0, (0.3, 0.1) = 1 → 2.5 / 4
        assertThat(Evaluation.auc(new double[]{0.5, 0.3, 0.5, 0.1}, new boolean[]{true, true, false, false})).isEqualTo(0.625);
        assertThat(Evaluation.auc(new double[]{1, 2}, new boolean[]{true, true})).isNaN();
    }

    @Test
    void topDecileLiftSharesATieAtTheCutProRata() {
        double[] scores = new double[100];
        boolean[] labels = new boolean[100];
        for (int i = 0; i < 10; i++) {
            labels[i] = true;
        }
        for (int i = 0; i < 100; i++) {
            scores[i] = i < 10 ? 1 : 0;
        }
        // the ten best are the ten positives: 100% against 10% overall
        assertThat(Evaluation.topDecileLift(scores, labels)).isEqualTo(10.0);
        // one score for everyone: no order, so no lift however the rows happen to be sorted
        assertThat(Evaluation.topDecileLift(new double[100], labels)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void calibrationBinsCompareThePredictionWithWhatHappened() {
        double[] p = {0.05, 0.05, 0.95, 0.95, 0.92};
        boolean[] y = {false, true, true, true, false};
        var bins = Evaluation.calibration(p, y, 10);
        assertThat(bins).hasSize(2);
        assertThat(bins.get(0).count()).isEqualTo(2);
        assertThat(bins.get(0).observedRate()).isEqualTo(0.5);
        assertThat(bins.get(1).from()).isEqualTo(0.9);
        assertThat(bins.get(1).meanPredicted()).isCloseTo(0.94, within(1e-9));
    }
}
