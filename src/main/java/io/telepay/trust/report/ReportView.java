package io.telepay.trust.report;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.telepay.shared.Money;

/**
 * A fraud report as the triage desk sees it.
 *
 * @param description  the reporter's text as typed (card numbers and codes redacted); plain text, never markup
 * @param contact      how to reach the reporter; masked for supervisors
 * @param paymentId    the disputed payment when the report came from a receipt, else null
 * @param updatedBy    who last changed its status or links, null while untouched
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportView(String id, ReportStatus status, ReportSource source, String callerPhone, String description,
                         Instant happenedAt, List<AskedFor> askedFor, Money moneyLost, String contact, String paymentId,
                         Instant receivedAt, Instant updatedAt, String updatedBy, List<Link> links,
                         List<EvidenceView> evidence) {

    /**
     * What the report concerns.
     *
     * @param via the link this one was derived from ({@code PAYMENT:pay_…}), null for one a person made
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Link(LinkKind kind, String id, String via, String linkedBy, Instant linkedAt) {
    }
}
