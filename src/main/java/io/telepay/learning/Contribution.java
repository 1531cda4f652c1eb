package io.telepay.learning;

/**
 * How much one feature moved one prediction, against an average row of the training data.
 *
 * @param value  the feature's value in the row scored
 * @param effect its share of the calibrated log-odds: positive raises the probability, negative lowers it
 */
public record Contribution(String feature, double value, double effect) {
}
