package io.telepay.learning;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.protos.core.ModelProto;

/**
 * A trained binary classifier: a Tribuo logistic regression over standardized features, with a Platt
 * calibration fitted on later rows than it was trained on. Immutable and safe to share between threads.
 *
 * <p>Its probability and its contributions come from the same weights, so the reasons shown for a lead add
 * up to its score: {@code logit = intercept + Σ effect}, {@code probability = 1 / (1 + e^-logit)}.
 */
public final class Classifier {

    private static final int MAGIC = 0x54504c4d; // "TPLM"
    private static final int FORMAT = 1;
    static final String POSITIVE = "1";
    static final String NEGATIVE = "0";

    private final List<String> features;
    private final double[] means;
    private final double[] scales;
    private final double plattA;
    private final double plattB;
    private final byte[] tribuo;
    /** Log-odds weight per feature (on the standardized value), already times the Platt slope. */
    private final double[] weights;
    private final double intercept;

    Classifier(List<String> features, double[] means, double[] scales, double plattA, double plattB, byte[] tribuo) {
        this.features = List.copyOf(features);
        this.means = means.clone();
        this.scales = scales.clone();
        this.plattA = plattA;
        this.plattB = plattB;
        this.tribuo = tribuo.clone();
        this.weights = new double[features.size()];
        Model<?> model;
        try {
            model = Model.deserialize(ModelProto.parseFrom(tribuo));
        } catch (IOException | RuntimeException e) {
            throw new ModelUnreadable("the Tribuo model could not be read", e);
        }
        if (!(model instanceof LinearSGDModel linear)) {
            throw new ModelUnreadable("not a linear model: " + model.getClass().getSimpleName(), null);
        }
        @SuppressWarnings("unchecked")
        int positive = ((org.tribuo.ImmutableOutputInfo<Label>) linear.getOutputIDInfo()).getID(new Label(POSITIVE));
        @SuppressWarnings("unchecked")
        int negative = ((org.tribuo.ImmutableOutputInfo<Label>) linear.getOutputIDInfo()).getID(new Label(NEGATIVE));
        if (positive < 0 || negative < 0) {
            throw new ModelUnreadable("the model does not know both outcomes", null);
        }
        DenseMatrix w = linear.getWeightsCopy();
        int biasColumn = w.getDimension2Size() - 1;
        // a softmax over two outcomes is a logistic regression on the difference of their weights
        for (int j = 0; j < this.features.size(); j++) {
            int id = linear.getFeatureIDMap().getID(this.features.get(j));
            this.weights[j] = id < 0 ? 0 : plattA * (w.get(positive, id) - w.get(negative, id));
        }
        this.intercept = plattA * (w.get(positive, biasColumn) - w.get(negative, biasColumn)) + plattB;
    }

    /** The features this model reads, in its order. */
    public List<String> features() {
        return features;
    }

    /** The calibrated probability of the positive outcome; features missing from the row count as 0. */
    public double probability(Map<String, Double> row) {
        return sigmoid(logit(row));
    }

    /** The calibrated log-odds of the positive outcome. */
    public double logit(Map<String, Double> row) {
        double logit = intercept;
        for (int j = 0; j < features.size(); j++) {
            logit += weights[j] * standardized(j, row);
        }
        return logit;
    }

    /** The {@code top} features that moved this row most, strongest first; features with no effect are left out. */
    public List<Contribution> contributions(Map<String, Double> row, int top) {
        List<Contribution> all = new ArrayList<>();
        for (int j = 0; j < features.size(); j++) {
            double effect = weights[j] * standardized(j, row);
            if (Math.abs(effect) > 1e-9) {
                all.add(new Contribution(features.get(j), row.getOrDefault(features.get(j), 0.0), effect));
            }
        }
        all.sort(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.effect())));
        return List.copyOf(all.subList(0, Math.min(top, all.size())));
    }

    /** What the store keeps: a versioned envelope of the scaling, the calibration and Tribuo's own protobuf. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeInt(features.size());
            for (int j = 0; j < features.size(); j++) {
                out.writeUTF(features.get(j));
                out.writeDouble(means[j]);
                out.writeDouble(scales[j]);
            }
            out.writeDouble(plattA);
            out.writeDouble(plattB);
            out.writeInt(tribuo.length);
            out.write(tribuo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws ModelUnreadable when the bytes are not a model this version can read */
    public static Classifier fromBytes(byte[] bytes) {
        if (bytes == null) {
            throw new ModelUnreadable("no model bytes", null);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC) {
                throw new ModelUnreadable("not a Telepay model", null);
            }
            int format = in.readInt();
            if (format != FORMAT) {
                throw new ModelUnreadable("unknown model format " + format, null);
            }
            int n = in.readInt();
            if (n < 0 || n > 100_000) {
                throw new ModelUnreadable("implausible feature count " + n, null);
            }
            List<String> names = new ArrayList<>(n);
            double[] means = new double[n];
            double[] scales = new double[n];
            for (int j = 0; j < n; j++) {
                names.add(in.readUTF());
                means[j] = in.readDouble();
                scales[j] = in.readDouble();
            }
            double a = in.readDouble();
            double b = in.readDouble();
            int length = in.readInt();
            if (length < 0 || length > bytes.length) {
                throw new ModelUnreadable("implausible model length " + length, null);
            }
            byte[] tribuo = in.readNBytes(length);
            if (tribuo.length != length) {
                throw new ModelUnreadable("truncated model", null);
            }
            return new Classifier(names, means, scales, a, b, tribuo);
        } catch (IOException e) {
            throw new ModelUnreadable("truncated model", e);
        }
    }

    double standardized(int j, Map<String, Double> row) {
        Double value = row.get(features.get(j));
        return ((value == null ? 0 : value) - means[j]) / scales[j];
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
