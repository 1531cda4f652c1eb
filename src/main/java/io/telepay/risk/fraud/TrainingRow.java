package io.telepay.risk.fraud;

import java.time.Instant;

import io.telepay.risk.features.Attempt;
import io.telepay.risk.rules.FeatureValues;

/**
 * One attempt as a fraud model learns from it: its features as they were when it was decided, and whether it turned
 * out to be fraud. The features must be as of the attempt's own time or earlier: a feature computed later would count
 * the very fraud label, decline or chargeback the model is meant to foresee (leakage), and the model would look
 * better in training than it can ever be at the decision.
 *
 * @param asOf the moment the features were computed as of
 * @throws IllegalArgumentException when {@code asOf} is after the attempt
 */
public record TrainingRow(Attempt attempt, Instant asOf, FeatureValues values, boolean fraud) {

    public TrainingRow {
        if (asOf.isAfter(attempt.at())) {
            throw new IllegalArgumentException("features of " + attempt.paymentId() + " computed as of " + asOf
                    + ", after the attempt at " + attempt.at() + ": they would know its outcome");
        }
    }
}
