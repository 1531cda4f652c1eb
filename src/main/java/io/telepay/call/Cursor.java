package io.telepay.call;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.telepay.shared.InvalidInput;

/** A position in a list ordered by a time and then an id: {@code <microseconds since 1970>_<id>}. */
record Cursor(Instant at, String id) {

    static Cursor parse(String text, String idPrefix) {
        try {
            int separator = text.indexOf('_');
            long micros = Long.parseLong(text.substring(0, separator));
            String id = text.substring(separator + 1);
            if (!id.startsWith(idPrefix) || id.length() > 60) {
                throw new IllegalArgumentException();
            }
            return new Cursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id);
        } catch (RuntimeException e) {
            throw new InvalidInput("cursor", "is not a cursor this endpoint gave out");
        }
    }

    @Override
    public String toString() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at) + "_" + id;
    }
}
