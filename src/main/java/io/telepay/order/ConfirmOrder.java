package io.telepay.order;

import io.telepay.shared.Checks;
import io.telepay.shared.Money;

/**
 * The customer agreed to the order on the call.
 *
 * @param callId        the call on which they agreed; defaults to the order's call; may be null
 * @param expectedTotal the total the agent read to the customer; when given and no longer the order's
 *                      total, the confirmation is refused (409) instead of confirming another amount
 */
public record ConfirmOrder(String callId, Money expectedTotal) {

    public static final ConfirmOrder ON_ORDER_CALL = new ConfirmOrder(null, null);

    public ConfirmOrder {
        callId = NewOrder.blankToNull(callId);
        Checks checks = Checks.start();
        NewOrder.checkId(checks, "callId", callId, false);
        checks.orThrow();
    }
}
