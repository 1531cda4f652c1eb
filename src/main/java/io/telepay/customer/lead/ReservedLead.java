package io.telepay.customer.lead;

import java.time.Instant;

/**
 * A lead handed to an agent, theirs until {@code reservedUntil}.
 *
 * @param kind       CALLBACK for a callback the agent promised that is now due, SCORED for the best-scored lead
 * @param callbackAt when the callback was promised for; null for a SCORED lead
 * @param score      the hand-written score, always
 * @param model      what the learned model (ACTIVE, else the newest SHADOW) says of the lead; null when there is no
 *                   usable model or the customer must not be called
 */
public record ReservedLead(String id, String customerId, Kind kind, String source, String campaign, int attempts,
                           Instant callbackAt, Instant reservedUntil, LeadScore score, LeadModelScore model) {

    public enum Kind { CALLBACK, SCORED }
}
