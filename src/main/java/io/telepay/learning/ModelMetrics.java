package io.telepay.learning;

/**
 * What a training run measured, kept with the model version.
 *
 * @param trainRows        rows the weights were fitted on
 * @param trainPositives   positives among them
 * @param model            the model on the validation rows (the later weeks)
 * @param baseline         what the model is meant to beat (for leads the hand-written score) on the same rows; null when
 *                         there is none
 * @param trainingMillis   wall time of fitting and calibrating
 */
public record ModelMetrics(long trainRows, long trainPositives, Evaluation model, Evaluation baseline, long trainingMillis) {
}
