package io.telepay.customer.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;

import io.telepay.learning.CalibrationBin;
import io.telepay.learning.Evaluation;
import io.telepay.learning.LearnedModel;
import io.telepay.learning.LogisticTraining;
import io.telepay.learning.ModelStatus;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The learned lead model against the hand-written score on a generated telesales world ({@link LeadWorld}):
 * generates the world into the test database, trains a version the way the nightly job does (real feature
 * extraction, time split) and logs the figures of both scores on the later weeks. Run by {@code bench/ml-eval.sh}
 * or {@code ./mvnw -o test -Dtest=LeadModelBenchmarkTest -Dbenchmark=true [-Dbenchmark.leads=200000 -Dbenchmark.seed=18]}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class LeadModelBenchmarkTest extends SystemTest {

    private static final Logger log = LoggerFactory.getLogger(LeadModelBenchmarkTest.class);

    @Autowired
    JdbcTemplate db;

    @Autowired
    LeadModelTraining training;

    @Test
    void learnedModelAgainstTheHandWrittenScoreOnLaterWeeks() {
        int leads = Integer.getInteger("benchmark.leads", 200_000);
        long seed = Long.getLong("benchmark.seed", 18);
        int days = Integer.getInteger("benchmark.days", 120);
        // a fixed end, so the same seed makes the same world whenever it runs
        Instant end = Instant.parse("2026-12-01T00:00:00Z");
        LeadWorld.Written world = new LeadWorld(seed).write(db, leads, days, end);

        long started = System.nanoTime();
        LearnedModel model = training.train(end);
        long totalMillis = (System.nanoTime() - started) / 1_000_000;
        // the same world with Tribuo's LogisticRegressionTrainer settings (5 epochs, rate 1.0 there; 0.5 here)
        LearnedModel coarse = training.train(end, new LogisticTraining.Options(5, 0.5, LogisticTraining.Options.DEFAULT.seed()));

        assertThat(model.status()).as(String.valueOf(model.note())).isEqualTo(ModelStatus.SHADOW);
        Evaluation m = model.metrics().model();
        Evaluation h = model.metrics().baseline();
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "%nworld: seed %d, %d leads over %d days, %d offers (each followed by a call), %d orders;"
                        + " generated and written in %.1f s%n", seed, world.leads(), days, world.offers(), world.orders(),
                world.millis() / 1000.0));
        report.append(String.format(Locale.ROOT, "windows: train %s .. %s, calibrate .. %s, validate %s .. %s%n",
                model.trainFrom(), model.trainTo(), model.validateFrom(), model.validateFrom(), model.validateTo()));
        report.append(String.format(Locale.ROOT, "training rows %d (%d orders); fit + calibration %.2f s; whole run (read, features, fit, measure, store) %.1f s%n",
                model.metrics().trainRows(), model.metrics().trainPositives(), model.metrics().trainingMillis() / 1000.0,
                totalMillis / 1000.0));
        report.append(String.format(Locale.ROOT, "| score | validation calls | orders | AUC | top-decile lift | Brier |%n|---|---|---|---|---|---|%n"));
        report.append(String.format(Locale.ROOT, "| learned model v%d (defaults: SGD 10 epochs, rate 0.05) | %d | %d | %.3f | %.2f | %.4f |%n", model.version(), m.rows(),
                m.positives(), m.auc(), m.topDecileLift(), m.brier()));
        report.append(String.format(Locale.ROOT, "| hand-written score | %d | %d | %.3f | %.2f | – |%n", h.rows(), h.positives(),
                h.auc(), h.topDecileLift()));
        Evaluation c = coarse.metrics().model();
        report.append(String.format(Locale.ROOT, "| learned model v%d, SGD 5 epochs, rate 0.5 | %d | %d | %.3f | %.2f | %.4f |%n",
                coarse.version(), c.rows(), c.positives(), c.auc(), c.topDecileLift(), c.brier()));
        report.append(String.format(Locale.ROOT, "calibration (predicted → observed, calls):%n"));
        for (CalibrationBin bin : m.calibration()) {
            report.append(String.format(Locale.ROOT, "  %.1f–%.1f: %.3f → %.3f (%d)%n", bin.from(), bin.to(), bin.meanPredicted(),
                    bin.observedRate(), bin.count()));
        }
        report.append("features: ").append(String.join(", ", model.features())).append('\n');
        log.info("lead model benchmark{}", report);
        // the world's open leads would be handed to the agents of any test that shares this database
        jdbc.sql("update lead set status = 'CLOSED', outcome = 'TEST' where id like 'led_w%' and status = 'OPEN'").update();
    }
}
