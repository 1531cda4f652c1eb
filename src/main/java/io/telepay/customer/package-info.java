/**
 * Customers (CRM): people with their phone, consent and do-not-call flag, and the leads agents call —
 * imported from CSV, queued per agent and ranked by an explainable score.
 */
package io.telepay.customer;
