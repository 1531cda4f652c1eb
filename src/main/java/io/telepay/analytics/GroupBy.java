package io.telepay.analytics;

import java.util.Locale;

import io.telepay.shared.InvalidInput;

/** How the funnel's rows are cut: one row per agent, per product or per business day. */
public enum GroupBy {
    AGENT, PRODUCT, DAY;

    /** @throws InvalidInput naming {@code groupBy} for anything but agent, product or day (any case) */
    public static GroupBy parse(String text) {
        if (text == null || text.isBlank()) {
            return AGENT;
        }
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("groupBy", "must be agent, product or day");
        }
    }
}
