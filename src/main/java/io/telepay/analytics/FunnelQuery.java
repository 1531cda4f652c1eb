package io.telepay.analytics;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import io.telepay.shared.Checks;

/**
 * Which part of the funnel to read: business days {@code from} to {@code to}, both included, cut by
 * {@code groupBy}, optionally for one agent.
 *
 * @param agentId null for every agent within the reader's reach
 */
public record FunnelQuery(LocalDate from, LocalDate to, GroupBy groupBy, String agentId) {

    /** Two years and a day: enough to compare a year with the one before it. */
    public static final int MAX_DAYS = 731;

    public FunnelQuery {
        agentId = agentId == null || agentId.isBlank() ? null : agentId.strip();
        Checks checks = Checks.start().require("from", from).require("to", to).require("groupBy", groupBy)
                .optionalText("agentId", agentId, 64);
        if (from != null && to != null) {
            checks.check(!to.isBefore(from), "to", "must be on or after from");
            checks.check(ChronoUnit.DAYS.between(from, to) < MAX_DAYS, "to", "must be at most " + MAX_DAYS + " days after from");
        }
        checks.orThrow();
    }
}
