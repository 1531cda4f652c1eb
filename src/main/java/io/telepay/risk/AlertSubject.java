package io.telepay.risk;

/** What an alert is raised on. CARD is a card fingerprint, never a number. */
public enum AlertSubject {
    AGENT, CARD, CUSTOMER, PHONE, IP
}
