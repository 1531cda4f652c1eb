package io.telepay.risk;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.telepay.learning.Classifier;
import io.telepay.learning.LearnedModel;
import io.telepay.learning.LearnedModels;
import io.telepay.risk.fraud.FraudRows;
import io.telepay.risk.rules.FeatureValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Scores each attempt with the ACTIVE fraud model ({@code model.fraudScore}) and the SHADOW one
 * ({@code model.shadowFraudScore}), with their versions beside, so the decision stores, hashes and replays them. The
 * models are loaded when the rule set's version moves (a switch moves it) and kept in memory. A model that cannot load
 * (unreadable bytes, a feature the catalog no longer has) never stops a payment: its score stays unknown, so a rule
 * naming it does not fire, a warning is logged, and {@link #state()} says why (health {@code fraudModel}, the console).
 */
@Component
class FraudScores {

    private static final Logger log = LoggerFactory.getLogger(FraudScores.class);

    private record Scorer(String version, Classifier classifier) {
    }

    private record Loaded(long ruleSetVersion, Scorer active, Scorer shadow, String problem) {
    }

    private final LearnedModels store;
    private volatile Loaded loaded = new Loaded(Long.MIN_VALUE, null, null, null);

    FraudScores(LearnedModels store) {
        this.store = store;
    }

    /** Sets the model features of an attempt's values; leaves them unknown where no model scores. */
    void fill(FeatureValues values, long ruleSetVersion) {
        Loaded current = loaded;
        if (current.ruleSetVersion() != ruleSetVersion) {
            current = load(ruleSetVersion);
        }
        if (current.active() == null && current.shadow() == null) {
            return;
        }
        Map<String, Double> row = FraudRows.row(values);
        if (current.active() != null) {
            values.set("model.fraudScore", current.active().classifier().probability(row));
            values.set("model.fraudVersion", current.active().version());
        }
        if (current.shadow() != null) {
            values.set("model.shadowFraudScore", current.shadow().classifier().probability(row));
            values.set("model.shadowFraudVersion", current.shadow().version());
        }
    }

    FraudModelState state() {
        Loaded current = loaded;
        return new FraudModelState(current.active() == null ? null : current.active().version(),
                current.shadow() == null ? null : current.shadow().version(), current.problem());
    }

    private synchronized Loaded load(long ruleSetVersion) {
        if (loaded.ruleSetVersion() == ruleSetVersion) {
            return loaded;
        }
        StringBuilder problems = new StringBuilder();
        Scorer active = scorer(store.active(FraudModels.KIND), problems);
        Scorer shadow = scorer(store.shadow(FraudModels.KIND), problems);
        Loaded fresh = new Loaded(ruleSetVersion, active, shadow, problems.isEmpty() ? null : problems.toString());
        loaded = fresh;
        return fresh;
    }

    private Scorer scorer(Optional<LearnedModel> stored, StringBuilder problems) {
        if (stored.isEmpty()) {
            return null;
        }
        LearnedModel model = stored.get();
        String version = FraudModels.KIND + " v" + model.version();
        try {
            Classifier classifier = store.classifier(model.id());
            Set<String> unknown = new HashSet<>(classifier.features());
            unknown.removeAll(FraudRows.inputs());
            if (!unknown.isEmpty()) {
                throw new IllegalStateException("it reads features the catalog no longer has: " + List.copyOf(unknown));
            }
            return new Scorer(version, classifier);
        } catch (RuntimeException e) {
            String problem = version + " (" + model.status() + ", " + model.id() + ") cannot load: " + e.getMessage();
            // payments go on without its score: rules naming it do not fire until it loads or another is switched on
            log.warn("fraud model {}; decisions go on without its score", problem);
            problems.append(problems.isEmpty() ? "" : "; ").append(problem);
            return null;
        }
    }
}
