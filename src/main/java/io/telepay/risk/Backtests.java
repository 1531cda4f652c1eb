package io.telepay.risk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.telepay.risk.features.Attempt;
import io.telepay.risk.features.Attempts;
import io.telepay.risk.features.FeatureQueries;
import io.telepay.risk.rules.CompiledExpression;
import io.telepay.risk.rules.Feature;
import io.telepay.risk.rules.FeatureCatalog;
import io.telepay.risk.rules.FeatureValues;
import io.telepay.risk.rules.RuleLanguage;
import io.telepay.shared.Checks;
import io.telepay.shared.Db;
import io.telepay.shared.RuleViolation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs an expression over stored attempts with every feature recomputed as of each attempt's own time
 * (velocity, distinct counts, outcomes known then, labels given before then): the same queries the live
 * engine ran, so a backtest answers what the rule would have done, not what today's data says.
 */
@Service
public class Backtests {

    static final int EXAMPLES = 20;
    static final int BATCH = 500;

    private final Attempts attempts;
    private final FeatureQueries features;
    private final JdbcClient jdbc;
    private final FraudScores fraudScores;
    private final RuleSetCache ruleSets;
    private final int maxAttempts;

    Backtests(Attempts attempts, FeatureQueries features, JdbcClient jdbc, FraudScores fraudScores, RuleSetCache ruleSets,
              @Value("${telepay.risk.backtest-max-attempts:50000}") int maxAttempts) {
        this.attempts = attempts;
        this.features = features;
        this.jdbc = jdbc;
        this.fraudScores = fraudScores;
        this.ruleSets = ruleSets;
        this.maxAttempts = maxAttempts;
    }

    /**
     * @throws io.telepay.risk.RuleSyntaxError for an expression that does not parse or type-check
     * @throws RuleViolation when the range holds more attempts than one backtest evaluates
     */
    @Transactional(readOnly = true)
    public BacktestResult run(String expression, Instant from, Instant to) {
        Checks.start().require("expression", expression).require("from", from).require("to", to).orThrow();
        Checks.start().check(from.isBefore(to), "to", "must be after from").orThrow();
        CompiledExpression compiled = RuleLanguage.compile(expression, FeatureCatalog.standard());
        long total = jdbc.sql("select count(*) from risk_attempt where at >= :from and at < :to")
                .param("from", Db.ts(from)).param("to", Db.ts(to)).query(Long.class).single();
        if (total > maxAttempts) {
            throw new RuleViolation("the range holds " + total + " attempts; a backtest evaluates at most " + maxAttempts
                    + ": narrow from/to");
        }
        long evaluated = 0;
        long matched = 0;
        long fraud = 0;
        long legitimate = 0;
        List<BacktestResult.Example> examples = new ArrayList<>();
        // model.* features are today's ACTIVE and SHADOW models on each attempt's recomputed features (a model may
        // have been trained on these very attempts: a rule on its score is judged in SHADOW on new payments too)
        long ruleSetVersion = ruleSets.current().version();
        Instant afterAt = null;
        String afterId = null;
        while (true) {
            List<Attempt> batch = attempts.between(from, to, BATCH, afterAt, afterId);
            for (Attempt attempt : batch) {
                evaluated++;
                FeatureValues values = features.compute(attempt);
                fraudScores.fill(values, ruleSetVersion);
                if (!compiled.matches(values)) {
                    continue;
                }
                matched++;
                String label = label(attempt);
                if (label.equals("FRAUD")) {
                    fraud++;
                } else if (label.equals("LEGITIMATE")) {
                    legitimate++;
                }
                if (examples.size() < EXAMPLES) {
                    Map<String, Object> used = new LinkedHashMap<>();
                    for (Feature feature : compiled.features()) {
                        used.put(feature.name(), values.shown(feature));
                    }
                    String action = jdbc.sql("select action from risk_attempt where payment_id = :id").param("id", attempt.paymentId())
                            .query(String.class).single();
                    examples.add(new BacktestResult.Example(attempt.paymentId(), attempt.at(), label, action, used));
                }
            }
            if (batch.size() < BATCH) {
                break;
            }
            afterAt = batch.getLast().at();
            afterId = batch.getLast().paymentId();
        }
        return new BacktestResult(expression, from, to, evaluated, matched, fraud, legitimate, examples);
    }

    /** FRAUD, LEGITIMATE or NONE, as known today (a backtest asks what the labels say now). */
    private String label(Attempt a) {
        return jdbc.sql("""
                select
                  case when exists (select 1 from risk_attempt where payment_id = :id and charged_back_at is not null)
                         or exists (select 1 from risk_label where outcome = 'FRAUD' and (
                              (kind = 'CARD' and item = :card) or (kind = 'CUSTOMER' and item = :customer)
                              or (kind = 'PHONE' and item = :phone) or (kind = 'AGENT' and item = :agent)))
                         or exists (select 1 from risk_alert where payment_id = :id and outcome = 'FRAUD')
                       then 'FRAUD'
                       when exists (select 1 from risk_label where outcome = 'LEGITIMATE' and (
                              (kind = 'CARD' and item = :card) or (kind = 'CUSTOMER' and item = :customer)))
                         or exists (select 1 from risk_alert where payment_id = :id and outcome = 'LEGITIMATE')
                       then 'LEGITIMATE'
                       else 'NONE' end as label
                """).param("id", a.paymentId()).param("card", a.cardFingerprint()).param("customer", a.customerId())
                .param("phone", a.phone()).param("agent", a.agentId()).query(String.class).single();
    }
}
