package io.telepay.payment;

/**
 * Where a payment's money stands, one account per stage (ADR 0050). The sum over all accounts of a
 * currency is zero; a payment's balances read: AUTHORIZED = authorized − captured − voided,
 * CAPTURED = captured − refunded − charged back, REFUNDED and CHARGED_BACK what went back to the card,
 * CUSTOMER_FUNDS the negative of everything the card currently owes or holds.
 */
public enum LedgerAccount {
    CUSTOMER_FUNDS, AUTHORIZED, CAPTURED, REFUNDED, CHARGED_BACK
}
