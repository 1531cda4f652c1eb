package io.telepay.learning;

/**
 * One tenth of the probability range: how many rows were predicted in it, their mean prediction and the share
 * that turned out positive. A calibrated model has {@code meanPredicted ≈ observedRate} in every bin.
 */
public record CalibrationBin(double from, double to, long count, double meanPredicted, double observedRate) {
}
