package io.telepay.risk.fraud;

import java.util.List;

import io.telepay.risk.rules.Feature;
import io.telepay.risk.rules.FeatureCatalog;
import io.telepay.risk.rules.ValueType;

/** Which features a fraud model learns from, and the one transformation training and scoring both apply. */
public final class FraudInputs {

    /** The model's own outputs are features too; a model must never learn from a score. */
    public static final String MODEL_PREFIX = "model.";

    private FraudInputs() {
    }

    /** Every number, amount and yes/no of the catalog except the model's outputs, in catalog order. */
    public static List<String> of(FeatureCatalog catalog) {
        return catalog.all().stream().filter(f -> f.type() != ValueType.TEXT && !f.name().startsWith(MODEL_PREFIX))
                .map(Feature::name).toList();
    }

    /**
     * Unknown is 0 (no history reads like none), anything else its signed log: counts and amounts span six orders of
     * magnitude and a logistic regression weighs a feature linearly, so 1 → 2 cards should count like 10 → 20.
     */
    public static double transform(double raw) {
        if (Double.isNaN(raw)) {
            return 0;
        }
        return raw >= 0 ? Math.log1p(raw) : -Math.log1p(-raw);
    }
}
