package io.telepay.order;

import io.telepay.shared.StateConflict;

/** 409: the order's status does not allow the command (e.g. changing the lines of a confirmed order). */
public class OrderStateConflict extends StateConflict {

    private final OrderStatus status;
    private final OrderCommand command;

    OrderStateConflict(String orderId, OrderStatus status, OrderCommand command) {
        super("order-state-conflict", "Order " + orderId + " is " + status + ": cannot " + command.words()
                + " (" + command + ") an order in status " + status);
        this.status = status;
        this.command = command;
    }

    public OrderStatus orderStatus() {
        return status;
    }

    public OrderCommand command() {
        return command;
    }
}
