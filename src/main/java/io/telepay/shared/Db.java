package io.telepay.shared;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Conversions between Java time and {@code TIMESTAMP WITH TIME ZONE} that behave alike on H2 and PostgreSQL. */
public final class Db {

    private Db() {
    }

    public static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * The rows of a multi-row {@code VALUES}: the template once per row, {@code %1$d} in it the row's index
     * (so named parameters differ per row), separated by commas.
     */
    public static String rows(int count, String template) {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < count; i++) {
            rows.append(i == 0 ? "" : ", ").append(template.formatted(i));
        }
        return rows.toString();
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
