package io.telepay.analytics;

import java.time.LocalDate;
import java.util.List;

/**
 * The funnel over business days {@code from}..{@code to} (both included) in the business time zone:
 * calls count on the day they ended; an order and all its later stages on the day it was confirmed.
 *
 * @param rows   agents and products with the most confirmed orders first; days in order
 * @param totals the sum of all rows, labelled {@code total}
 */
public record FunnelReport(LocalDate from, LocalDate to, GroupBy groupBy, String zone, List<FunnelRow> rows,
                           FunnelRow totals) {

    public FunnelReport {
        rows = List.copyOf(rows);
    }
}
