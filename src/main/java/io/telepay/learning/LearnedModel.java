package io.telepay.learning;

import java.time.Instant;
import java.util.List;

/**
 * One stored model version, without its bytes (load those with {@link LearnedModels#classifier}).
 *
 * @param version 1, 2, … per kind, in the order trained
 * @param metrics null for a run that failed before it could measure anything
 */
public record LearnedModel(String id, String kind, int version, ModelStatus status, Instant trainedAt, Instant trainFrom,
                           Instant trainTo, Instant validateFrom, Instant validateTo, List<String> features,
                           ModelMetrics metrics, String note, Instant statusChangedAt, String statusChangedBy) {

    public LearnedModel {
        features = List.copyOf(features);
    }
}
