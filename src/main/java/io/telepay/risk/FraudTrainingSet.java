package io.telepay.risk;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.telepay.risk.features.Attempt;
import io.telepay.risk.features.Attempts;
import io.telepay.risk.features.FeatureQueries;
import io.telepay.risk.fraud.TrainingRow;
import io.telepay.risk.rules.FeatureValues;
import io.telepay.shared.Db;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The attempts a fraud model learns from: each with every feature recomputed as of its own time (the backtests'
 * machinery, so the model sees what the engine saw) and labelled with what was known of it at {@code labelsAsOf}:
 * FRAUD when it was charged back, an alert on it was resolved as FRAUD, or its card, customer, phone or agent was
 * labelled FRAUD (a fraud report, a chargeback, an analyst) by then.
 */
@Component
class FraudTrainingSet {

    private final Attempts attempts;
    private final FeatureQueries features;
    private final JdbcClient jdbc;

    FraudTrainingSet(Attempts attempts, FeatureQueries features, JdbcClient jdbc) {
        this.attempts = attempts;
        this.features = features;
        this.jdbc = jdbc;
    }

    /** Known fraud as of a moment, read once: a few thousand keys at most, checked per attempt in memory. */
    record Labels(Set<String> payments, Set<String> subjects) {

        boolean fraud(Attempt a) {
            return payments.contains(a.paymentId()) || subjects.contains("CARD:" + a.cardFingerprint())
                    || subjects.contains("CUSTOMER:" + a.customerId()) || subjects.contains("PHONE:" + a.phone())
                    || subjects.contains("AGENT:" + a.agentId());
        }
    }

    Labels labels(Instant asOf) {
        Set<String> payments = new HashSet<>(jdbc.sql("""
                        select payment_id from risk_attempt where charged_back_at is not null and charged_back_at <= :asOf
                        union select payment_id from risk_alert
                          where payment_id is not null and outcome = 'FRAUD' and resolved_at <= :asOf""")
                .param("asOf", Db.ts(asOf)).query(String.class).list());
        Set<String> subjects = new HashSet<>(jdbc.sql(
                        "select kind || ':' || item from risk_label where outcome = 'FRAUD' and at <= :asOf")
                .param("asOf", Db.ts(asOf)).query(String.class).list());
        return new Labels(payments, subjects);
    }

    /** Every attempt in {@code [from, to)}, in time order, as a training row. */
    void forEach(Instant from, Instant to, Labels labels, Consumer<TrainingRow> rows) {
        Instant afterAt = null;
        String afterId = null;
        while (true) {
            List<Attempt> batch = attempts.between(from, to, Backtests.BATCH, afterAt, afterId);
            for (Attempt attempt : batch) {
                FeatureValues values = features.compute(attempt);
                rows.accept(new TrainingRow(attempt, attempt.at(), values, labels.fraud(attempt)));
            }
            if (batch.size() < Backtests.BATCH) {
                return;
            }
            afterAt = batch.getLast().at();
            afterId = batch.getLast().paymentId();
        }
    }

    long count(Instant from, Instant to) {
        return jdbc.sql("select count(*) from risk_attempt where at >= :from and at < :to")
                .param("from", Db.ts(from)).param("to", Db.ts(to)).query(Long.class).single();
    }
}
