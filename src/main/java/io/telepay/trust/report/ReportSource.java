package io.telepay.trust.report;

/** Where a report came from: the {@code /verify/report} form, the API, or "I did not authorize this" on a receipt. */
public enum ReportSource {
    FORM, API, RECEIPT
}
