package io.telepay.trust.report;

/** What a report can be linked to; a CARD is a card fingerprint (64 hex characters). */
public enum LinkKind {
    CALL, AGENT, CUSTOMER, PAYMENT, CARD
}
