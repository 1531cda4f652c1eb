package io.telepay.learning;

import java.util.Map;

/**
 * One row to learn from or to score: named numbers (a feature missing from the map is 0) and, for learning,
 * whether the outcome happened.
 */
public record Example(Map<String, Double> features, boolean positive) {

    public Example {
        features = Map.copyOf(features);
    }
}
