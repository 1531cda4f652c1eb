package io.telepay.learning;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A trained model to store: what it is for, the time windows it learnt from ({@code [trainFrom, trainTo)}) and
 * was measured on ({@code [validateFrom, validateTo)}), its features, its figures and its bytes.
 *
 * @param kind   what the model predicts, e.g. {@code lead-conversion}, {@code payment-fraud}
 * @param status SHADOW for a usable model, FAILED for a run that gave none (then {@code bytes} may be null)
 * @param note   why a run failed, or anything a reader of the version list should know; may be null
 */
public record NewModel(String kind, ModelStatus status, Instant trainFrom, Instant trainTo, Instant validateFrom,
                       Instant validateTo, List<String> features, ModelMetrics metrics, byte[] bytes, String note) {

    public NewModel {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        features = List.copyOf(features);
        if (status != ModelStatus.SHADOW && status != ModelStatus.FAILED) {
            throw new IllegalArgumentException("a new model starts in SHADOW, or FAILED");
        }
        if (status == ModelStatus.SHADOW && bytes == null) {
            throw new IllegalArgumentException("a SHADOW model needs its bytes");
        }
    }
}
