package io.telepay.risk;

import java.time.Instant;
import java.util.List;

/**
 * An alert as analysts, admins and the team's supervisor see it.
 *
 * @param evidence what was seen, newest last, in words (ids, counts, phrases; never card data)
 * @param path     how the subject links to something labelled fraud (late labels), or null
 * @param assignee the staff user working the alert, or null while nobody is
 */
public record AlertView(String id, Subject subject, AlertSignal signal, String signalDescription, int severity, String status,
                        List<String> evidence, String path, String agentId, String paymentId, int hits, Instant createdAt,
                        Instant updatedAt, Instant resolvedAt, String resolvedBy, String outcome, String note,
                        String assignee, Instant assignedAt) {

    public record Subject(AlertSubject kind, String id) {
    }

    public boolean open() {
        return "OPEN".equals(status);
    }
}
