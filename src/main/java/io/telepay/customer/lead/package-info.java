/**
 * Leads: CSV import jobs, the per-agent queue with reservations and callbacks, and the explainable score.
 * Internal to the customer module.
 */
package io.telepay.customer.lead;
