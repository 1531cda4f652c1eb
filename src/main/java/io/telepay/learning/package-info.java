/**
 * Learned models: training a calibrated logistic regression (Tribuo) from rows of named numbers, measuring it
 * (AUC, top-decile lift, calibration), explaining one prediction by its features, and the versioned store of
 * models with their SHADOW → ACTIVE → RETIRED switch, audited. Used by the lead and fraud scores.
 */
package io.telepay.learning;
