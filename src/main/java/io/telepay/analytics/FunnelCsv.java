package io.telepay.analytics;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.telepay.shared.Money;

/**
 * The funnel as CSV (RFC 4180) for a spreadsheet: one line per row and a total line; amounts in one
 * column per currency ({@code orderAmount_TWD}), since amounts of two currencies never add up. A cell
 * that a spreadsheet would read as a formula is prefixed with an apostrophe.
 */
public final class FunnelCsv {

    private FunnelCsv() {
    }

    public static String of(FunnelReport report) {
        Set<String> currencies = new TreeSet<>();
        List<FunnelRow> all = new ArrayList<>(report.rows());
        all.add(report.totals());
        for (FunnelRow row : all) {
            row.orderAmounts().forEach(m -> currencies.add(m.currencyCode()));
            row.paidAmounts().forEach(m -> currencies.add(m.currencyCode()));
            row.refundedAmounts().forEach(m -> currencies.add(m.currencyCode()));
        }
        List<String> header = new ArrayList<>(List.of(report.groupBy().name().toLowerCase(java.util.Locale.ROOT), "label",
                "calls", "contacts", "ordersConfirmed", "paySessions", "paid", "fulfilled", "refunded", "chargedBack",
                "declines", "conversion", "averageHandleSeconds", "declineRate"));
        for (String currency : currencies) {
            header.addAll(List.of("orderAmount_" + currency, "paidAmount_" + currency, "refundedAmount_" + currency,
                    "averageOrderValue_" + currency));
        }
        StringBuilder csv = new StringBuilder();
        line(csv, header);
        for (FunnelRow row : all) {
            List<String> cells = new ArrayList<>(List.of(row.key(), row.label(), n(row.calls()), n(row.contacts()),
                    n(row.ordersConfirmed()), n(row.paySessions()), n(row.paid()), n(row.fulfilled()), n(row.refunded()),
                    n(row.chargedBack()), n(row.declines()), decimal(row.conversion()),
                    row.averageHandleSeconds() == null ? "" : n(row.averageHandleSeconds()), decimal(row.declineRate())));
            for (String currency : currencies) {
                cells.add(amount(row.orderAmounts(), currency));
                cells.add(amount(row.paidAmounts(), currency));
                cells.add(amount(row.refundedAmounts(), currency));
                cells.add(amount(row.averageOrderValues(), currency));
            }
            line(csv, cells);
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !text.matches("-?\\d+(\\.\\d+)?")) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    private static String n(long value) {
        return Long.toString(value);
    }

    private static String decimal(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    private static String amount(List<Money> amounts, String currency) {
        return amounts.stream().filter(m -> m.currencyCode().equals(currency)).findFirst()
                .map(m -> m.amount().toPlainString()).orElse("");
    }
}
