package io.telepay.trust.receipt;

/**
 * What the cardholder says happened, chosen on the dispute page before the charge is reported: it tells the
 * analyst which kind of case this is (a stolen card, a caller who harvested the card, a sale the customer
 * regrets) and decides nothing by itself.
 */
enum WhatHappened {
    /** They do not know the company or the order at all. */
    NOT_RECOGNISED("does not recognise the company or the order"),
    /** A caller got the card details, a code or a PIN from them. */
    GAVE_DETAILS_TO_CALLER("gave card details, a code or a PIN to a caller"),
    /** They spoke to the company but never agreed to this purchase or this amount. */
    DID_NOT_AGREE("spoke to the company but did not agree to this purchase or amount"),
    /** Something else, in their own words. */
    OTHER("something else");

    private final String forStaff;

    WhatHappened(String forStaff) {
        this.forStaff = forStaff;
    }

    /** The answer in the report's description, for the analyst. */
    String forStaff() {
        return forStaff;
    }
}
