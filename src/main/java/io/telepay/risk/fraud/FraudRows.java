package io.telepay.risk.fraud;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.telepay.risk.rules.FeatureCatalog;
import io.telepay.risk.rules.FeatureValues;

/** An attempt's features as a fraud model reads them: the inputs, transformed, zeros left out (a missing input is 0). */
public final class FraudRows {

    private static final FeatureCatalog CATALOG = FeatureCatalog.standard();
    private static final List<String> INPUTS = FraudInputs.of(CATALOG);
    private static final int[] SLOTS = INPUTS.stream().mapToInt(name -> CATALOG.require(name).slot()).toArray();

    private FraudRows() {
    }

    /** The inputs of the standard catalog. */
    public static List<String> inputs() {
        return INPUTS;
    }

    public static Map<String, Double> row(FeatureValues values) {
        Map<String, Double> row = new HashMap<>(INPUTS.size() * 2);
        for (int i = 0; i < SLOTS.length; i++) {
            double value = FraudInputs.transform(values.numberAt(SLOTS[i]));
            if (value != 0) {
                row.put(INPUTS.get(i), value);
            }
        }
        return row;
    }
}
