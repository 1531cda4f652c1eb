package io.telepay.order;

import io.telepay.shared.Money;
import io.telepay.shared.StateConflict;

/** 409: the total the agent read to the customer is no longer the order's total; read it back again. */
public class OrderTotalChanged extends StateConflict {

    OrderTotalChanged(String orderId, Money expected, Money total) {
        super("order-total-changed", "Order " + orderId + " totals " + total + ", not the " + expected
                + " that was read to the customer: read the order back again before confirming");
    }
}
