package io.telepay.risk;

/** What a list entry names: a card (by fingerprint), a phone number, an e-mail address or an IP address. */
public enum ListKind {
    CARD, PHONE, EMAIL, IP
}
