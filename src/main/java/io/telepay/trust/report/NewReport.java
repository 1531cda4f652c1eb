package io.telepay.trust.report;

import java.util.List;

import io.telepay.shared.Money;

/**
 * A fraud report as a consumer sent it, fields still raw: {@link ReportIntake} validates and
 * normalizes them all at once so the reporter learns everything to fix in one answer.
 *
 * @param phone       the number that called them; optional
 * @param when        ISO-8601 date, local date-time (read in {@code telepay.trust.time-zone}) or instant; optional
 * @param askedFor    {@link AskedFor} names, each possibly comma-separated; optional
 * @param moneyLost   optional
 * @param contact     the reporter's phone number or e-mail address, for follow-up
 */
record NewReport(ReportSource source, String phone, String description, String when, List<String> askedFor, Money moneyLost,
                 String contact, List<EvidenceUpload> evidence) {

    NewReport {
        askedFor = askedFor == null ? List.of() : List.copyOf(askedFor);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    @Override
    public String toString() {
        return "NewReport[" + source + ", " + evidence.size() + " files]";
    }
}
