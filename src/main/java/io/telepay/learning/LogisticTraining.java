package io.telepay.learning;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains a {@link Classifier}: features standardized on the training rows, Tribuo's logistic regression by
 * stochastic gradient descent (AdaGrad, a fixed seed, so the same rows give the same model), then a Platt
 * calibration fitted on the calibration rows — the later weeks, which the regression never saw, so the
 * probabilities are those of the future the model will score and not of the past it learnt.
 */
public final class LogisticTraining {

    /** Held so the level sticks: Tribuo reports every SGD epoch through java.util.logging at INFO. */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(Level.WARNING);
    }

    /** Passes over the training rows, learning rate and seed of the SGD. */
    public record Options(int epochs, double learningRate, long seed) {

        public static final Options DEFAULT = new Options(5, 0.5, 20261207L);

        public Options {
            if (epochs < 1 || learningRate <= 0) {
                throw new IllegalArgumentException("epochs >= 1 and learningRate > 0");
            }
        }
    }

    private LogisticTraining() {
    }

    /**
     * @param train       rows to fit the weights on; both outcomes must occur
     * @param calibration later rows to fit the calibration on; both outcomes must occur
     * @throws IllegalArgumentException when either set lacks an outcome
     */
    public static Classifier train(List<io.telepay.learning.Example> train, List<io.telepay.learning.Example> calibration,
                                   Options options) {
        requireBothOutcomes("training", train);
        requireBothOutcomes("calibration", calibration);
        List<String> names = new ArrayList<>(new TreeSet<>(train.stream().flatMap(e -> e.features().keySet().stream()).toList()));
        int n = names.size();
        double[] means = new double[n];
        double[] scales = new double[n];
        for (io.telepay.learning.Example row : train) {
            for (int j = 0; j < n; j++) {
                means[j] += row.features().getOrDefault(names.get(j), 0.0);
            }
        }
        for (int j = 0; j < n; j++) {
            means[j] /= train.size();
        }
        for (io.telepay.learning.Example row : train) {
            for (int j = 0; j < n; j++) {
                double d = row.features().getOrDefault(names.get(j), 0.0) - means[j];
                scales[j] += d * d;
            }
        }
        for (int j = 0; j < n; j++) {
            double sd = Math.sqrt(scales[j] / train.size());
            scales[j] = sd < 1e-12 ? 1 : sd;
        }
        LabelFactory labels = new LabelFactory();
        MutableDataset<Label> dataset = new MutableDataset<>(new SimpleDataSourceProvenance("telepay", labels), labels);
        String[] featureNames = names.toArray(String[]::new);
        for (io.telepay.learning.Example row : train) {
            double[] values = new double[n];
            for (int j = 0; j < n; j++) {
                values[j] = (row.features().getOrDefault(names.get(j), 0.0) - means[j]) / scales[j];
            }
            Example<Label> example = new ArrayExample<>(new Label(row.positive() ? Classifier.POSITIVE : Classifier.NEGATIVE),
                    featureNames, values);
            dataset.add(example);
        }
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(options.learningRate(), 0.1),
                options.epochs(), Integer.MAX_VALUE, 1, options.seed());
        LinearSGDModel model = trainer.train(dataset);
        byte[] tribuo = model.serialize().toByteArray();
        Classifier uncalibrated = new Classifier(names, means, scales, 1, 0, tribuo);
        double[] logits = new double[calibration.size()];
        boolean[] outcomes = new boolean[calibration.size()];
        for (int i = 0; i < calibration.size(); i++) {
            logits[i] = uncalibrated.logit(calibration.get(i).features());
            outcomes[i] = calibration.get(i).positive();
        }
        double[] platt = platt(logits, outcomes);
        return new Classifier(names, means, scales, platt[0], platt[1], tribuo);
    }

    /**
     * Platt's scaling: {@code p = σ(a·logit + b)} fitted by Newton's method on the log-loss, with Platt's
     * smoothed targets so that a bin of all-positives does not drive the slope to infinity.
     *
     * @return {a, b}
     */
    static double[] platt(double[] logits, boolean[] outcomes) {
        long positives = 0;
        for (boolean o : outcomes) {
            positives += o ? 1 : 0;
        }
        long negatives = outcomes.length - positives;
        double hi = (positives + 1.0) / (positives + 2.0);
        double lo = 1.0 / (negatives + 2.0);
        double a = 1;
        double b = 0;
        for (int iteration = 0; iteration < 100; iteration++) {
            double ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
            for (int i = 0; i < logits.length; i++) {
                double p = Classifier.sigmoid(a * logits[i] + b);
                double t = outcomes[i] ? hi : lo;
                double d = p - t;
                double w = p * (1 - p);
                ga += d * logits[i];
                gb += d;
                haa += w * logits[i] * logits[i];
                hab += w * logits[i];
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            if (Math.abs(det) < 1e-18) {
                break;
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9) {
                break;
            }
        }
        return new double[]{a, b};
    }

    private static void requireBothOutcomes(String what, List<io.telepay.learning.Example> rows) {
        boolean positive = rows.stream().anyMatch(io.telepay.learning.Example::positive);
        boolean negative = rows.stream().anyMatch(e -> !e.positive());
        if (!positive || !negative) {
            throw new IllegalArgumentException("the " + what + " rows need both outcomes");
        }
    }

    /** The scores of rows under a classifier, in their order. */
    public static double[] probabilities(Classifier classifier, List<io.telepay.learning.Example> rows) {
        double[] p = new double[rows.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = classifier.probability(rows.get(i).features());
        }
        return p;
    }

    /** The outcomes of rows, in their order. */
    public static boolean[] outcomes(List<io.telepay.learning.Example> rows) {
        boolean[] y = new boolean[rows.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = rows.get(i).positive();
        }
        return y;
    }
}
