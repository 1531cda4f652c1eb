package io.telepay.customer.lead;

import java.time.Instant;

/**
 * A lead handed to an agent, theirs until {@code reservedUntil}.
 *
 * @param kind       CALLBACK for a callback the agent promised that is now due, SCORED for the best-scored lead
 * @param callbackAt when the callback was promised for; null for a SCORED lead
 */
public record ReservedLead(String id, String customerId, Kind kind, String source, String campaign, int attempts,
                           Instant callbackAt, Instant reservedUntil, LeadScore score) {

    public enum Kind { CALLBACK, SCORED }
}
