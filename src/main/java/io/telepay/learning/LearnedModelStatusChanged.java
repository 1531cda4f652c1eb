package io.telepay.learning;

/** A model version of {@code kind} went from {@code from} to {@code to} (published in the switching transaction). */
public record LearnedModelStatusChanged(String modelId, String kind, ModelStatus from, ModelStatus to) {
}
