package io.telepay.customer;

/** How a customer gave or withdrew marketing consent. */
public enum ConsentChannel {
    CALL, WEB, EMAIL, SMS, IMPORT, PAPER
}
