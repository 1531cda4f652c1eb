package io.telepay.risk.rules;

import java.util.List;

/**
 * A rule expression that parsed and type-checked against a catalog.
 *
 * @param features the features it names, in order of first use (what a reason shows)
 */
public record CompiledExpression(String source, Condition condition, List<Feature> features) {

    public CompiledExpression {
        features = List.copyOf(features);
    }

    public boolean matches(FeatureValues values) {
        return condition.test(values);
    }
}
