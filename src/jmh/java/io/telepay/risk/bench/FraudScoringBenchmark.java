package io.telepay.risk.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.telepay.learning.Classifier;
import io.telepay.learning.Example;
import io.telepay.learning.LogisticTraining;
import io.telepay.risk.fraud.FraudInputs;
import io.telepay.risk.fraud.FraudRows;
import io.telepay.risk.rules.Feature;
import io.telepay.risk.rules.FeatureCatalog;
import io.telepay.risk.rules.FeatureValues;
import io.telepay.risk.rules.ValueType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * What the fraud model adds to the risk step, per decision, once the features are computed: {@code fill} is what
 * {@code FraudScores.fill} does (the attempt's inputs as a row, the ACTIVE and the SHADOW model's probability, four
 * feature values set); {@code tribuoPredict} is Tribuo's own {@code predict} on the same inputs for comparison (an
 * example, a sparse vector and a prediction per call). Sample mode, so the percentiles (p0.99) are printed.
 *
 * <p>Run: {@code ./mvnw -Pbench test-compile exec:exec@jmh -Djmh.args="-f 1 -wi 3 -w 2s -i 5 -r 3s -t 1 FraudScoringBenchmark"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FraudScoringBenchmark {

    private final FeatureCatalog catalog = FeatureCatalog.standard();
    private Classifier active;
    private Classifier shadow;
    private Model<Label> tribuo;
    private FeatureValues[] attempts;
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        attempts = new FeatureValues[256];
        for (int i = 0; i < attempts.length; i++) {
            attempts[i] = values(random);
        }
        List<Example> rows = new ArrayList<>();
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> dataset = new MutableDataset<>(new SimpleDataSourceProvenance("bench", factory), factory);
        List<String> inputs = FraudInputs.of(catalog);
        for (int i = 0; i < 20_000; i++) {
            FeatureValues v = values(random);
            boolean fraud = v.number("card.distinctCustomers.24h") >= 2 && random.nextInt(3) > 0 || random.nextInt(50) == 0;
            rows.add(new Example(FraudRows.row(v), fraud));
            dataset.add(example(fraud ? "FRAUD" : "LEGITIMATE", inputs, v));
        }
        active = LogisticTraining.train(rows.subList(0, 14_000), rows.subList(14_000, 20_000), LogisticTraining.Options.DEFAULT);
        shadow = LogisticTraining.train(rows.subList(6_000, 20_000), rows.subList(0, 6_000), LogisticTraining.Options.DEFAULT);
        tribuo = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.5, 0.1), 5, Integer.MAX_VALUE, 1, 1).train(dataset);
    }

    @Benchmark
    public FeatureValues fill() {
        FeatureValues values = attempts[next++ & 255];
        Map<String, Double> row = FraudRows.row(values);
        values.set("model.fraudScore", active.probability(row));
        values.set("model.fraudVersion", "payment-fraud v2");
        values.set("model.shadowFraudScore", shadow.probability(row));
        values.set("model.shadowFraudVersion", "payment-fraud v3");
        return values;
    }

    @Benchmark
    public Prediction<Label> tribuoPredict() {
        FeatureValues values = attempts[next++ & 255];
        return tribuo.predict(example("FRAUD", FraudInputs.of(catalog), values));
    }

    private ArrayExample<Label> example(String label, List<String> inputs, FeatureValues values) {
        String[] names = inputs.toArray(String[]::new);
        double[] numbers = new double[names.length];
        for (int i = 0; i < names.length; i++) {
            numbers[i] = FraudInputs.transform(values.number(names[i]));
        }
        return new ArrayExample<>(new Label(label), names, numbers);
    }

    private FeatureValues values(Random random) {
        FeatureValues v = new FeatureValues(catalog, "TWD");
        for (Feature f : catalog.all()) {
            if (f.name().startsWith(FraudInputs.MODEL_PREFIX)) {
                continue;
            }
            if (f.type() == ValueType.NUMBER) {
                v.set(f.name(), f.name().contains("Ratio") ? random.nextDouble() * 0.4 : random.nextInt(3));
            } else if (f.type() == ValueType.BOOLEAN) {
                v.set(f.name(), random.nextInt(10) == 0);
            } else if (f.type() == ValueType.MONEY) {
                v.set(f.name(), 100 + random.nextInt(5000));
            }
        }
        return v;
    }
}
