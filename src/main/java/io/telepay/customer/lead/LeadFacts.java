package io.telepay.customer.lead;

import java.time.Instant;

/**
 * What the score of one lead depends on, read at one moment.
 *
 * @param campaign the lead's campaign and its results so far; null when the lead has none
 * @param source   the lead's source and its results so far; null when the lead has none
 */
record LeadFacts(Instant createdAt, Instant now, Conversion campaign, Conversion source, int pastOrders, int attempts) {

    /** Leads of one campaign or source that agents reached, and how many of them bought. */
    record Conversion(String name, long contacted, long converted) {

        double rate() {
            return contacted == 0 ? 0 : (double) converted / contacted;
        }
    }
}
