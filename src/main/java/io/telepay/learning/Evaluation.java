package io.telepay.learning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * How well scores rank outcomes on rows they were not trained on.
 *
 * @param auc            area under the ROC curve: the chance a random positive is scored above a random negative
 *                       (ties count half); 0.5 is guessing
 * @param topDecileLift  the positive rate among the best-scored tenth divided by the overall rate (ties at the cut
 *                       are shared pro rata, so a score with many ties gets no credit for an arbitrary order);
 *                       1 is guessing
 * @param calibration    ten bins over [0, 1] for scores that are probabilities; empty for other scores
 * @param brier          mean squared error of the probability; NaN for other scores
 */
public record Evaluation(long rows, long positives, double auc, double topDecileLift, List<CalibrationBin> calibration,
                         double brier) {

    public Evaluation {
        calibration = List.copyOf(calibration);
    }

    public double baseRate() {
        return rows == 0 ? 0 : (double) positives / rows;
    }

    /** Ranks only: for scores that are not probabilities (such as a hand-written points score). */
    public static Evaluation ofScores(double[] scores, boolean[] labels) {
        check(scores, labels);
        return new Evaluation(scores.length, count(labels), auc(scores, labels), topDecileLift(scores, labels), List.of(),
                Double.NaN);
    }

    /** Ranks and calibration: for probabilities in [0, 1]. */
    public static Evaluation ofProbabilities(double[] probabilities, boolean[] labels) {
        check(probabilities, labels);
        double brier = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double d = probabilities[i] - (labels[i] ? 1 : 0);
            brier += d * d;
        }
        return new Evaluation(probabilities.length, count(labels), auc(probabilities, labels),
                topDecileLift(probabilities, labels), calibration(probabilities, labels, 10),
                probabilities.length == 0 ? Double.NaN : brier / probabilities.length);
    }

    /** Mann–Whitney AUC with ties counted half; NaN when there are no positives or no negatives. */
    public static double auc(double[] scores, boolean[] labels) {
        check(scores, labels);
        Integer[] order = byScore(scores, false);
        long positives = count(labels);
        long negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double rankSum = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (labels[order[k]]) {
                    rankSum += averageRank;
                }
            }
            i = j + 1;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Positive rate in the best-scored tenth over the overall rate; NaN without rows or positives. */
    public static double topDecileLift(double[] scores, boolean[] labels) {
        return liftAt(scores, labels, 0.1);
    }

    /** As {@link #topDecileLift} for the best-scored {@code share} of the rows. */
    public static double liftAt(double[] scores, boolean[] labels, double share) {
        check(scores, labels);
        long positives = count(labels);
        if (scores.length == 0 || positives == 0) {
            return Double.NaN;
        }
        double cut = Math.max(1, Math.round(scores.length * share));
        Integer[] order = byScore(scores, true);
        double taken = 0;
        double hits = 0;
        int i = 0;
        while (i < order.length && taken < cut) {
            int j = i;
            int groupHits = labels[order[i]] ? 1 : 0;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
                groupHits += labels[order[j]] ? 1 : 0;
            }
            int size = j - i + 1;
            double take = Math.min(size, cut - taken);
            hits += groupHits * (take / size);
            taken += take;
            i = j + 1;
        }
        return (hits / cut) / ((double) positives / scores.length);
    }

    /** {@code bins} equal-width bins over [0, 1]; empty bins are left out. */
    public static List<CalibrationBin> calibration(double[] probabilities, boolean[] labels, int bins) {
        check(probabilities, labels);
        long[] count = new long[bins];
        double[] predicted = new double[bins];
        long[] observed = new long[bins];
        for (int i = 0; i < probabilities.length; i++) {
            int bin = Math.min(bins - 1, Math.max(0, (int) (probabilities[i] * bins)));
            count[bin]++;
            predicted[bin] += probabilities[i];
            observed[bin] += labels[i] ? 1 : 0;
        }
        List<CalibrationBin> result = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                result.add(new CalibrationBin((double) b / bins, (double) (b + 1) / bins, count[b],
                        predicted[b] / count[b], (double) observed[b] / count[b]));
            }
        }
        return result;
    }

    private static Integer[] byScore(double[] scores, boolean descending) {
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Comparator<Integer> ascending = Comparator.comparingDouble(i -> scores[i]);
        Arrays.sort(order, descending ? ascending.reversed() : ascending);
        return order;
    }

    private static long count(boolean[] labels) {
        long n = 0;
        for (boolean label : labels) {
            n += label ? 1 : 0;
        }
        return n;
    }

    private static void check(double[] scores, boolean[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(scores.length + " scores for " + labels.length + " labels");
        }
    }
}
