package io.telepay.learning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LogisticTrainingTest {

    /** Rows whose true probability is σ(-2 + 1.2·callbacks - 0.8·attempts + 0.9·referral), the rest noise. */
    private static List<Example> world(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Example> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double callbacks = random.nextInt(3);
            double attempts = random.nextInt(5);
            double referral = random.nextDouble() < 0.3 ? 1 : 0;
            double noise = random.nextDouble();
            double p = Classifier.sigmoid(-2 + 1.2 * callbacks - 0.8 * attempts + 0.9 * referral);
            rows.add(new Example(Map.of("callbacks", callbacks, "attempts", attempts, "source=referral", referral,
                    "noise", noise), random.nextDouble() < p));
        }
        return rows;
    }

    @Test
    void learnsTheSignalAndItsProbabilitiesMatchWhatHappensLater() {
        Classifier model = LogisticTraining.train(world(20_000, 1), world(5_000, 2), LogisticTraining.Options.DEFAULT);
        List<Example> later = world(20_000, 3);
        double[] p = LogisticTraining.probabilities(model, later);
        boolean[] y = LogisticTraining.outcomes(later);
        Evaluation evaluation = Evaluation.ofProbabilities(p, y);

        assertThat(evaluation.auc()).isGreaterThan(0.8);
        assertThat(evaluation.topDecileLift()).isGreaterThan(2.5);
        for (CalibrationBin bin : evaluation.calibration()) {
            if (bin.count() >= 500) {
                assertThat(bin.observedRate()).as("bin %s", bin).isCloseTo(bin.meanPredicted(), within(0.05));
            }
        }
        double mean = Arrays.stream(p).average().orElseThrow();
        assertThat(mean).isCloseTo(evaluation.baseRate(), within(0.02));
    }

    @Test
    void contributionsAddUpToTheLogitAndNameTheStrongestFeatureFirst() {
        Classifier model = LogisticTraining.train(world(10_000, 4), world(3_000, 5), LogisticTraining.Options.DEFAULT);
        Map<String, Double> row = Map.of("callbacks", 2.0, "attempts", 0.0, "source=referral", 1.0, "noise", 0.5);
        List<Contribution> all = model.contributions(row, 10);
        double average = model.logit(Map.of("callbacks", 0.99, "attempts", 2.0, "source=referral", 0.3, "noise", 0.5));

        // against the average row (1 callback, 2 attempts): no attempt yet weighs most, then the two callbacks
        assertThat(all).extracting(Contribution::feature).startsWith("attempts", "callbacks", "source=referral");
        assertThat(all.get(0).effect()).isPositive();
        assertThat(all.get(1).effect()).isPositive();
        assertThat(all.stream().mapToDouble(Contribution::effect).sum())
                .isCloseTo(model.logit(row) - average, within(0.3));
        assertThat(model.contributions(row, 2)).hasSize(2);
    }

    @Test
    void theSameRowsGiveTheSameModelAndItsBytesReadBackToTheSameScores() {
        List<Example> train = world(5_000, 6);
        List<Example> calibration = world(2_000, 7);
        Classifier first = LogisticTraining.train(train, calibration, LogisticTraining.Options.DEFAULT);
        Classifier again = LogisticTraining.train(train, calibration, LogisticTraining.Options.DEFAULT);
        Classifier read = Classifier.fromBytes(first.toBytes());
        Map<String, Double> row = Map.of("callbacks", 1.0, "attempts", 3.0);

        assertThat(again.probability(row)).isEqualTo(first.probability(row));
        assertThat(read.probability(row)).isEqualTo(first.probability(row));
        assertThat(read.features()).containsExactly("attempts", "callbacks", "noise", "source=referral");
    }

    @Test
    void bytesThatAreNotAModelAreUnreadable() {
        byte[] good = LogisticTraining.train(world(2_000, 8), world(1_000, 9), LogisticTraining.Options.DEFAULT).toBytes();
        byte[] truncated = Arrays.copyOf(good, good.length - 10);
        byte[] scrambled = good.clone();
        for (int i = good.length - 200; i < good.length; i++) {
            scrambled[i] = (byte) (scrambled[i] ^ 0x5a);
        }

        assertThatThrownBy(() -> Classifier.fromBytes(null)).isInstanceOf(ModelUnreadable.class);
        assertThatThrownBy(() -> Classifier.fromBytes(new byte[]{1, 2, 3})).isInstanceOf(ModelUnreadable.class);
        assertThatThrownBy(() -> Classifier.fromBytes(truncated)).isInstanceOf(ModelUnreadable.class);
        assertThatThrownBy(() -> Classifier.fromBytes(scrambled)).isInstanceOf(ModelUnreadable.class);
    }

    @Test
    void refusesRowsWithOneOutcomeOnly() {
        List<Example> allNegative = List.of(new Example(Map.of("x", 1.0), false), new Example(Map.of("x", 2.0), false));
        assertThatThrownBy(() -> LogisticTraining.train(allNegative, world(100, 1), LogisticTraining.Options.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("training");
    }
}
