package io.telepay.order;

import java.time.Instant;
import java.util.List;

import io.telepay.shared.Money;

/**
 * An order as stored: every column, and the lines when they were loaded. The aggregate's state;
 * {@link OrderTransitions} decides its moves, {@link OrderRows} keeps it.
 *
 * @param lines     empty when loaded without lines (a status change needs none)
 * @param paymentId the payment that paid it; null before
 */
record OrderRow(String id, String reference, OrderStatus status, String customerId, String callId, String agentId, List<OrderLine> lines,
                Money total, ShippingAddress shippingAddress, OrderDetails.Confirmation confirmation,
                OrderDetails.Cancellation cancellation, String paymentId, Instant paidAt,
                OrderDetails.Fulfilment fulfilment, String createdBy, Instant createdAt, Instant updatedAt) {

    /** The status {@code command} leads to; refuses a command the status does not allow. */
    OrderStatus next(OrderCommand command) {
        return OrderTransitions.require(id, status, command);
    }

    OrderRow withLines(List<OrderLine> loaded) {
        return new OrderRow(id, reference, status, customerId, callId, agentId, List.copyOf(loaded), total, shippingAddress,
                confirmation, cancellation, paymentId, paidAt, fulfilment, createdBy, createdAt, updatedAt);
    }

    OrderView view() {
        return new OrderView(id, reference, status, customerId, callId, agentId, lines, total,
                confirmation == null ? null : confirmation.readBack(), createdAt,
                confirmation == null ? null : confirmation.confirmedAt());
    }

    OrderDetails details(ShippingAddress shownAddress, List<OrderPaymentSummary> payments) {
        return new OrderDetails(id, reference, status, customerId, callId, agentId, lines, total, shownAddress,
                confirmation == null ? null : confirmation.confirmedAt(), confirmation, cancellation, payments,
                fulfilment, createdBy, createdAt, updatedAt);
    }
}
