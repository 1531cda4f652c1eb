/**
 * Leads: CSV import jobs, the per-agent queue with reservations and callbacks, and the explainable score.
 * The queue ({@link io.telepay.customer.lead.LeadQueue}) and what it hands out are open to the console's
 * agent desk as the named interface {@code lead}; the rest is internal to the customer module.
 */
@org.springframework.modulith.NamedInterface("lead")
package io.telepay.customer.lead;
