package io.telepay.customer.lead;

import java.time.Instant;
import java.util.List;

/**
 * What Telepay knows of one lead and its customer, as dated facts, from which the learned model's features
 * are read as of a moment ({@link LeadFeatures#at}). Never holds a protected attribute: no name, birth date,
 * gender or ID number is here, so no feature can be made of one.
 *
 * @param region      the customer's country (ISO 3166 alpha-2) or null
 * @param consentAt   when the customer consented to marketing; null when they have not
 * @param doNotCallAt when the customer asked not to be called; null when they have not
 * @param contacts    outcomes of calls with the lead, oldest first
 * @param orders      when the customer ordered (confirmed an order), oldest first
 * @param payments    when the customer paid for an order, oldest first: the model's label, never a feature
 */
record LeadHistory(String leadId, String customerId, String source, String campaign, Instant createdAt, String region,
                   Instant consentAt, Instant doNotCallAt, List<Contact> contacts, List<Instant> orders, List<Instant> payments) {

    LeadHistory {
        contacts = List.copyOf(contacts);
        orders = List.copyOf(orders);
        payments = List.copyOf(payments);
    }

    record Contact(Instant endedAt, LeadQueue.Disposition disposition) {
    }

    /**
     * The same lead as it stood just before {@code moment}: every fact dated at or after it is left out. The
     * features are read from this view only, so what happened later cannot leak into them.
     */
    LeadHistory asOf(Instant moment) {
        return new LeadHistory(leadId, customerId, source, campaign, createdAt, region,
                consentAt != null && consentAt.isBefore(moment) ? consentAt : null,
                doNotCallAt != null && doNotCallAt.isBefore(moment) ? doNotCallAt : null,
                contacts.stream().filter(c -> c.endedAt().isBefore(moment)).toList(),
                orders.stream().filter(o -> o.isBefore(moment)).toList(),
                payments.stream().filter(p -> p.isBefore(moment)).toList());
    }

    /** True when the customer asked, before {@code moment}, not to be called: such a lead is never scored. */
    boolean doNotCall(Instant moment) {
        return doNotCallAt != null && doNotCallAt.isBefore(moment);
    }
}
