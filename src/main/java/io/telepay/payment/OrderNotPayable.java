package io.telepay.payment;

import io.telepay.shared.StateConflict;

/** 409: the order is not CONFIRMED, or a payment for it already holds money or is being processed. */
public class OrderNotPayable extends StateConflict {

    public OrderNotPayable(String message) {
        super("order-not-payable", message);
    }
}
