package io.telepay.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.telepay.learning.Classifier;
import io.telepay.learning.Evaluation;
import io.telepay.learning.LearnedModels;
import io.telepay.risk.features.Attempts;
import io.telepay.risk.features.FeatureQueries;
import io.telepay.risk.fraud.FraudRows;
import io.telepay.risk.rules.Scoring;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The fraud model against the default rules on a generated telesales world ({@link TelesalesWorld}, seeded): the
 * world's attempts, outcomes and labels are written to risk's tables as the engine and the listeners would, a model
 * is trained through {@link FraudModels} on the first 45 days with the labels known two days after (the late ones
 * are not known yet), and the model, the rules and both are compared on the last 15 days: precision and recall at
 * fixed review rates against the world's truth. Gated; one command: {@code bench/ml-eval-fraud.sh}, or
 * <pre>./mvnw -o test -Dtest=FraudEvaluationBenchmarkTest -Dbenchmark=true [-Dseed=18 -Ddays=60]</pre>
 * The table goes to the log and to {@code target/ml-eval-fraud.md}.
 */
class FraudEvaluationBenchmarkTest extends SystemTest {

    private static final Logger LOG = LoggerFactory.getLogger(FraudEvaluationBenchmarkTest.class);
    static final double[] REVIEW_RATES = {0.005, 0.01, 0.02, 0.05};

    @Autowired
    Attempts attempts;
    @Autowired
    FeatureQueries features;
    @Autowired
    FraudModels models;
    @Autowired
    FraudTrainingSet trainingSet;
    @Autowired
    RuleSetCache ruleSets;
    @Autowired
    LearnedModels store;
    @Autowired
    PlatformTransactionManager transactions;

    /** One test attempt as the three rankings see it. */
    /** @param model the model's log-odds of fraud; {@code rules} the rules' score, 0 to 1 */
    record Scored(double model, double rules, boolean flagged, boolean fraud, boolean labelled, String pattern) {
    }

    @Test
    void modelRulesAndBothOnAGeneratedWorld() throws IOException {
        assumeTrue(Boolean.getBoolean("benchmark"), "run with -Dbenchmark=true");
        long seed = Long.getLong("seed", 18);
        int days = Integer.getInteger("days", 60);
        int trainDays = days * 3 / 4;
        Instant start = clock.instant().minus(Duration.ofDays(days + 70)).truncatedTo(ChronoUnit.DAYS);

        // the suite runs the seeded rules in SHADOW (RiskRulesInShadow); here they decide as they were seeded (V141, V163)
        jdbc.sql("""
                update risk_rule set mode = 'ACTIVE' where created_by = 'system' and current = true
                  and rule_id not in ('rul_unfinished_sessions', 'rul_email_velocity')""").update();
        jdbc.sql("update risk_rule_set set version = version + 1 where id = 1").update();

        long t0 = System.nanoTime();
        List<TelesalesWorld.Event> world = TelesalesWorld.generate(seed, start, days, "w");
        long generated = System.nanoTime();
        Map<String, TelesalesWorld.Tried> tried = new HashMap<>();
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        // a thousand events per commit: the world is history, not a load test of the commit path
        for (int from = 0; from < world.size(); from += 1000) {
            List<TelesalesWorld.Event> chunk = world.subList(from, Math.min(world.size(), from + 1000));
            transaction.executeWithoutResult(status -> chunk.forEach(this::write));
        }
        for (TelesalesWorld.Event event : world) {
            if (event instanceof TelesalesWorld.Tried t) {
                tried.put(t.attempt().paymentId(), t);
            }
        }
        long written = System.nanoTime();
        long frauds = tried.values().stream().filter(TelesalesWorld.Tried::fraud).count();
        LOG.info("world: {} attempts ({} fraud) generated in {} ms, written in {} s", tried.size(), frauds,
                (generated - t0) / 1_000_000, (written - generated) / 1_000_000_000);

        Instant trainTo = start.plus(Duration.ofDays(trainDays));
        FraudModels.Training training = models.train(start, trainTo, trainTo.plus(Duration.ofDays(2)));
        LOG.info("trained {} on {} attempts in {} ms (fitting {} ms); validation AUC model {} rules {}",
                training.model().id(), training.rows(), training.millis(), training.model().metrics().trainingMillis(),
                training.model().metrics().model().auc(), training.model().metrics().baseline().auc());

        long scoring = System.nanoTime();
        Classifier classifier = store.classifier(training.model().id());
        RuleSetCache.RuleSet rules = ruleSets.current();
        FraudTrainingSet.Labels labels = trainingSet.labels(clock.instant());
        List<Scored> test = new ArrayList<>();
        trainingSet.forEach(trainTo, start.plus(Duration.ofDays(days)), labels, row -> {
            Scoring.Verdict verdict = Scoring.evaluate(rules.rules(), row.values());
            TelesalesWorld.Tried truth = tried.get(row.attempt().paymentId());
            // ranked by the log-odds: the calibrated probability reaches 1.0 in double precision for the riskiest
            // attempts, and a tie of hundreds at the top would hide the model's order among them
            test.add(new Scored(classifier.logit(FraudRows.row(row.values())), verdict.score() / 100.0,
                    verdict.action() != RiskAction.ALLOW, truth.fraud(), row.fraud(), truth.pattern()));
        });
        long scored = System.nanoTime();
        assertThat(test).isNotEmpty();

        String report = report(seed, days, trainDays, tried.size(), frauds, training, test, (written - generated) / 1_000_000_000,
                (scored - scoring) / 1_000_000_000);
        LOG.info("\n{}", report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/ml-eval-fraud.md"), report);
    }

    private void write(TelesalesWorld.Event event) {
        switch (event) {
            case TelesalesWorld.Tried t -> attempts.record(t.attempt());
            case TelesalesWorld.Declined d -> attempts.declined(d.paymentId(), d.at());
            case TelesalesWorld.Captured c -> {
                attempts.captured(c.paymentId(), c.at());
                attempts.countCapture(c.paymentId(), features.zone());
            }
            case TelesalesWorld.ChargedBack b -> attempts.chargedBack(b.paymentId(), b.at());
            case TelesalesWorld.Labelled l -> jdbc.sql("""
                            insert into risk_label (id, kind, item, outcome, source, at) values (:id, :kind, :item, 'FRAUD', :source, :at)""")
                    .param("id", "lbl_" + Ids.randomToken(12)).param("kind", l.kind()).param("item", l.item())
                    .param("source", l.source()).param("at", Db.ts(l.at())).update();
        }
    }

    private static String report(long seed, int days, int trainDays, int attemptCount, long frauds, FraudModels.Training training,
                                 List<Scored> test, long writeSeconds, long scoreSeconds) {
        boolean[] truth = new boolean[test.size()];
        boolean[] labelled = new boolean[test.size()];
        double[] model = new double[test.size()];
        double[] rules = new double[test.size()];
        double[] both = new double[test.size()];
        long flagged = 0;
        long flaggedFraud = 0;
        for (int i = 0; i < test.size(); i++) {
            Scored s = test.get(i);
            truth[i] = s.fraud();
            labelled[i] = s.labelled();
            model[i] = s.model();
            rules[i] = s.rules();
            // the rules' score first (steps of 0.01, times 1000), the model orders the attempts within each step (a
            // squashed log-odds in (0, 1) never crosses a step): what rules plus "model.fraudScore" in the review
            // queue's order gives
            both[i] = s.rules() * 1000 + 1 / (1 + Math.exp(-s.model() / 20));
            flagged += s.flagged() ? 1 : 0;
            flaggedFraud += s.flagged() && s.fraud() ? 1 : 0;
        }
        long testFrauds = test.stream().filter(Scored::fraud).count();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "seed %d, %d days, %d attempts (%d fraud); trained on days 0-%d (%d attempts, "
                        + "labels known 2 days after), tested on days %d-%d: %d attempts, %d fraud (%.2f %%)%n",
                seed, days, attemptCount, frauds, trainDays, training.rows(), trainDays, days, test.size(), testFrauds,
                100.0 * testFrauds / test.size()));
        out.append(String.format(Locale.ROOT, "training run %.1f s (features recomputed as of each attempt, fitting %d ms); "
                + "writing the world %d s; scoring the test days %d s%n%n", training.millis() / 1000.0,
                training.model().metrics().trainingMillis(), writeSeconds, scoreSeconds));
        out.append("| review rate | model precision | model recall | rules precision | rules recall | both precision | both recall |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (double rate : REVIEW_RATES) {
            double[] m = atRate(model, truth, rate);
            double[] r = atRate(rules, truth, rate);
            double[] b = atRate(both, truth, rate);
            out.append(String.format(Locale.ROOT, "| %.1f %% | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |%n", rate * 100,
                    m[0], m[1], r[0], r[1], b[0], b[1]));
        }
        out.append(String.format(Locale.ROOT, "%nAUC against the truth: model %.3f, rules %.3f, both %.3f; against the labels "
                        + "known at the end: model %.3f, rules %.3f%n", Evaluation.auc(model, truth), Evaluation.auc(rules, truth),
                Evaluation.auc(both, truth), Evaluation.auc(model, labelled), Evaluation.auc(rules, labelled)));
        out.append(String.format(Locale.ROOT, "the rules as they decide (any action but ALLOW): %d attempts (%.2f %%), "
                        + "precision %.3f, recall %.3f%n", flagged, 100.0 * flagged / test.size(),
                flagged == 0 ? 0 : (double) flaggedFraud / flagged, (double) flaggedFraud / Math.max(1, testFrauds)));
        out.append("\nrecall per pattern at a 2 % review rate (model / rules / both):\n");
        Map<String, long[]> patterns = new TreeMap<>();
        boolean[] inModel = top(model, 0.02);
        boolean[] inRules = top(rules, 0.02);
        boolean[] inBoth = top(both, 0.02);
        for (int i = 0; i < test.size(); i++) {
            if (!truth[i]) {
                continue;
            }
            long[] p = patterns.computeIfAbsent(test.get(i).pattern(), k -> new long[4]);
            p[0]++;
            p[1] += inModel[i] ? 1 : 0;
            p[2] += inRules[i] ? 1 : 0;
            p[3] += inBoth[i] ? 1 : 0;
        }
        patterns.forEach((pattern, p) -> out.append(String.format(Locale.ROOT, "- %s (%d): %.2f / %.2f / %.2f%n", pattern, p[0],
                (double) p[1] / p[0], (double) p[2] / p[0], (double) p[3] / p[0])));
        return out.toString();
    }

    /**
     * Precision and recall when the best-scored {@code rate} of attempts are reviewed. Attempts tied at the cut are
     * taken pro rata (their expected share), so a score with many ties earns nothing for an arbitrary order.
     */
    static double[] atRate(double[] scores, boolean[] truth, double rate) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        double budget = rate * n;
        double taken = 0;
        double hits = 0;
        long positives = 0;
        for (boolean t : truth) {
            positives += t ? 1 : 0;
        }
        int i = 0;
        while (i < n && taken < budget) {
            int j = i;
            long groupHits = 0;
            while (j < n && scores[order[j]] == scores[order[i]]) {
                groupHits += truth[order[j]] ? 1 : 0;
                j++;
            }
            int group = j - i;
            double share = Math.min(1, (budget - taken) / group);
            taken += share * group;
            hits += share * groupHits;
            i = j;
        }
        return new double[] {taken == 0 ? 0 : hits / taken, positives == 0 ? 0 : hits / positives};
    }

    /** Which attempts fall in the best-scored share (ties at the cut: the first in time, for the per-pattern view only). */
    private static boolean[] top(double[] scores, double rate) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        boolean[] in = new boolean[n];
        for (int k = 0; k < Math.round(rate * n); k++) {
            in[order[k]] = true;
        }
        return in;
    }
}
