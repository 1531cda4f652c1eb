package io.telepay.learning;

import java.util.Locale;
import java.util.Set;

import io.telepay.shared.InvalidInput;

/**
 * Where a model version stands. {@code SHADOW}: computed beside the hand-written score and measured, never
 * deciding; {@code ACTIVE}: decides (at most one per kind); {@code RETIRED}: kept for the record;
 * {@code FAILED}: training gave nothing usable (too few labels, or a model that cannot be read), never used.
 */
public enum ModelStatus {
    SHADOW, ACTIVE, RETIRED, FAILED;

    /** The moves a person may make: a FAILED model stays failed; anything else may go to any other usable state. */
    public boolean mayBecome(ModelStatus next) {
        return this != FAILED && next != FAILED && next != this
                && Set.of(SHADOW, ACTIVE, RETIRED).contains(next);
    }

    /** @throws InvalidInput naming {@code field} for anything but SHADOW, ACTIVE or RETIRED */
    public static ModelStatus parseSwitch(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInput(field, "is required");
        }
        try {
            ModelStatus status = valueOf(text.strip().toUpperCase(Locale.ROOT));
            if (status != FAILED) {
                return status;
            }
        } catch (IllegalArgumentException e) {
            // told below
        }
        throw new InvalidInput(field, "must be one of SHADOW, ACTIVE, RETIRED");
    }
}
