package io.telepay.payment;

/**
 * Where the customer is in a payment session, as the agent's screen follows it. Never carries a digit
 * of the card; {@code CARD_ENTERED} says how many digits and whether they are valid.
 */
public enum SessionStep {
    CREATED, LINK_SENT, LINK_OPENED, CARD_ENTERED, CHECKING, AUTHORIZING, CONFIRMING, DECLINED, APPROVED, HELD, PAID,
    EXPIRED, FAILED
}
