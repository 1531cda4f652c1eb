package io.telepay.risk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.telepay.learning.Classifier;
import io.telepay.learning.Evaluation;
import io.telepay.learning.Example;
import io.telepay.learning.LearnedModel;
import io.telepay.learning.LearnedModelStatusChanged;
import io.telepay.learning.LearnedModels;
import io.telepay.learning.LogisticTraining;
import io.telepay.learning.ModelMetrics;
import io.telepay.learning.ModelStatus;
import io.telepay.learning.NewModel;
import io.telepay.risk.fraud.FraudRows;
import io.telepay.risk.rules.Scoring;
import io.telepay.shared.Checks;
import io.telepay.shared.NotFound;
import io.telepay.shared.RuleViolation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * The learned fraud model beside the hand-written rules: trained on stored attempts with their features as of each
 * attempt's time, stored as a version in the learning module's store, started in SHADOW (scored and recorded with
 * every decision as {@code model.shadowFraudScore}, deciding nothing), switched ACTIVE by a person (then its score is
 * {@code model.fraudScore}, which rules may name) or RETIRED.
 */
@Service
public class FraudModels {

    public static final String KIND = "payment-fraud";
    /** The later share of the window the model is measured (and calibrated) on, never trained on. */
    static final double VALIDATION_SHARE = 0.3;

    private final LearnedModels store;
    private final FraudTrainingSet trainingSet;
    private final RuleSetCache ruleSets;
    private final FraudScores scores;
    private final Clock clock;
    private final int maxAttempts;

    FraudModels(LearnedModels store, FraudTrainingSet trainingSet, RuleSetCache ruleSets, FraudScores scores, Clock clock,
                @Value("${telepay.risk.fraud-model.max-attempts:200000}") int maxAttempts) {
        this.store = store;
        this.trainingSet = trainingSet;
        this.ruleSets = ruleSets;
        this.scores = scores;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
    }

    /**
     * What a training run gives.
     *
     * @param millis the whole run: reading the attempts, recomputing their features as of their time, fitting, measuring
     *               (the model's metrics hold the fitting alone)
     */
    public record Training(LearnedModel model, long rows, long millis) {
    }

    /**
     * Trains a new version on the attempts in {@code [from, to)}: the first 70 % of the window fit the weights, the
     * last 30 % calibrate and measure them against the current rules' scores. The new version starts in SHADOW.
     *
     * @throws RuleViolation when the window holds too many attempts, or not both fraud and legitimate ones in each part
     */
    public Training train(Instant from, Instant to) {
        Checks.start().require("from", from).require("to", to).orThrow();
        Checks.start().check(from.isBefore(to), "to", "must be after from").check(!to.isAfter(clock.instant()), "to",
                "must not be in the future").orThrow();
        return train(from, to, clock.instant());
    }

    /** As {@link #train(Instant, Instant)}, with the labels known at {@code labelsAsOf} (the evaluation's label delay). */
    Training train(Instant from, Instant to, Instant labelsAsOf) {
        long total = trainingSet.count(from, to);
        if (total > maxAttempts) {
            throw new RuleViolation("the window holds " + total + " attempts; a training run reads at most " + maxAttempts
                    + ": narrow from/to");
        }
        long started = System.nanoTime();
        Instant split = from.plus(Duration.between(from, to).multipliedBy(Math.round((1 - VALIDATION_SHARE) * 1000)).dividedBy(1000));
        FraudTrainingSet.Labels labels = trainingSet.labels(labelsAsOf);
        List<Example> training = new ArrayList<>();
        List<Example> validation = new ArrayList<>();
        List<Double> ruleScores = new ArrayList<>();
        RuleSetCache.RuleSet rules = ruleSets.current();
        trainingSet.forEach(from, to, labels, row -> {
            Example example = new Example(FraudRows.row(row.values()), row.fraud());
            if (row.attempt().at().isBefore(split)) {
                training.add(example);
            } else {
                validation.add(example);
                ruleScores.add((double) Scoring.evaluate(rules.rules(), row.values()).score());
            }
        });
        long fitStarted = System.nanoTime();
        Classifier classifier;
        try {
            classifier = LogisticTraining.train(training, validation, LogisticTraining.Options.DEFAULT);
        } catch (IllegalArgumentException e) {
            throw new RuleViolation("cannot train on " + from + " to " + to + ": " + e.getMessage()
                    + " (fraud labels come from chargebacks, fraud reports and alerts resolved as FRAUD)");
        }
        boolean[] outcomes = LogisticTraining.outcomes(validation);
        Evaluation model = Evaluation.ofProbabilities(LogisticTraining.probabilities(classifier, validation), outcomes);
        Evaluation baseline = Evaluation.ofScores(ruleScores.stream().mapToDouble(Double::doubleValue).toArray(), outcomes);
        long fitMillis = (System.nanoTime() - fitStarted) / 1_000_000;
        long millis = (System.nanoTime() - started) / 1_000_000;
        long positives = training.stream().filter(Example::positive).count();
        LearnedModel saved = store.save(new NewModel(KIND, ModelStatus.SHADOW, from, split, split, to, classifier.features(),
                new ModelMetrics(training.size(), positives, model, baseline, fitMillis), classifier.toBytes(),
                "baseline: the rules' score of the current rule set on the same rows"));
        // every instance's next decision loads the new SHADOW version with the rules
        ruleSets.changed();
        return new Training(saved, total, millis);
    }

    /** The versions, newest first. */
    public List<LearnedModel> versions() {
        return store.list(KIND, 50);
    }

    /**
     * Switches a fraud model version (SHADOW, ACTIVE, RETIRED).
     *
     * @throws NotFound for an unknown id or another kind's model
     */
    public LearnedModel switchTo(String id, ModelStatus status) {
        LearnedModel model = store.find(id).filter(m -> m.kind().equals(KIND)).orElseThrow(() -> new NotFound("fraud model", id));
        return store.changeStatus(model.id(), status);
    }

    /** Whether the engine scores with the ACTIVE and SHADOW versions, or why not. */
    public FraudModelState state() {
        return scores.state();
    }

    /**
     * A fraud model switched anywhere (here or through the learning module's own API) moves the rule set's version in
     * the same transaction, so every instance's next decision reloads the models with its rules.
     */
    @EventListener
    void on(LearnedModelStatusChanged changed) {
        if (KIND.equals(changed.kind())) {
            ruleSets.changed();
        }
    }
}
