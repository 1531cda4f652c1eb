package io.telepay.trust.report;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.telepay.shared.Money;

/** A report in the triage queue: enough to pick what to open next. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportSummary(String id, ReportStatus status, ReportSource source, String callerPhone, List<AskedFor> askedFor,
                            Money moneyLost, int evidenceCount, int linkCount, Instant receivedAt, Instant updatedAt) {
}
