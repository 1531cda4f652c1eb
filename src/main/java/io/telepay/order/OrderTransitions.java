package io.telepay.order;

import static io.telepay.order.OrderCommand.CANCEL;
import static io.telepay.order.OrderCommand.CHANGE_LINES;
import static io.telepay.order.OrderCommand.COMPLETE_FULFILMENT;
import static io.telepay.order.OrderCommand.CONFIRM;
import static io.telepay.order.OrderCommand.MARK_PAID;
import static io.telepay.order.OrderCommand.RECORD_FULFILMENT;
import static io.telepay.order.OrderCommand.REFUND_FULLY;
import static io.telepay.order.OrderCommand.REFUND_PARTIALLY;
import static io.telepay.order.OrderStatus.CANCELLED;
import static io.telepay.order.OrderStatus.CONFIRMED;
import static io.telepay.order.OrderStatus.DRAFT;
import static io.telepay.order.OrderStatus.FULFILLED;
import static io.telepay.order.OrderStatus.PAID;
import static io.telepay.order.OrderStatus.PARTIALLY_REFUNDED;
import static io.telepay.order.OrderStatus.REFUNDED;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one table of the order's status machine: for each status, the commands it allows and the status
 * each leads to. A command missing from a status's row is refused with {@link OrderStateConflict}.
 * Self-transitions (a second partial refund, fulfilment progress after a refund) change no status but
 * are allowed, so that the modules reporting them can retry without failing.
 */
final class OrderTransitions {

    private static final Map<OrderStatus, Map<OrderCommand, OrderStatus>> TABLE = new EnumMap<>(OrderStatus.class);

    static {
        row(DRAFT, Map.of(
                CHANGE_LINES, DRAFT,
                CONFIRM, CONFIRMED,
                CANCEL, CANCELLED));
        row(CONFIRMED, Map.of(
                CANCEL, CANCELLED,
                MARK_PAID, PAID));
        row(PAID, Map.of(
                RECORD_FULFILMENT, PAID,
                COMPLETE_FULFILMENT, FULFILLED,
                REFUND_PARTIALLY, PARTIALLY_REFUNDED,
                REFUND_FULLY, REFUNDED));
        row(FULFILLED, Map.of(
                RECORD_FULFILMENT, FULFILLED,
                COMPLETE_FULFILMENT, FULFILLED,
                REFUND_PARTIALLY, PARTIALLY_REFUNDED,
                REFUND_FULLY, REFUNDED));
        row(PARTIALLY_REFUNDED, Map.of(
                RECORD_FULFILMENT, PARTIALLY_REFUNDED,
                COMPLETE_FULFILMENT, PARTIALLY_REFUNDED,
                REFUND_PARTIALLY, PARTIALLY_REFUNDED,
                REFUND_FULLY, REFUNDED));
        row(REFUNDED, Map.of(
                RECORD_FULFILMENT, REFUNDED,
                COMPLETE_FULFILMENT, REFUNDED,
                REFUND_FULLY, REFUNDED));
        row(CANCELLED, Map.of());
    }

    private static void row(OrderStatus from, Map<OrderCommand, OrderStatus> allowed) {
        Map<OrderCommand, OrderStatus> row = new EnumMap<>(OrderCommand.class);
        row.putAll(allowed);
        TABLE.put(from, Collections.unmodifiableMap(row));
    }

    private OrderTransitions() {
    }

    /** The status the command leads to from {@code from}; empty when the command is not allowed there. */
    static Optional<OrderStatus> next(OrderStatus from, OrderCommand command) {
        return Optional.ofNullable(TABLE.get(from).get(command));
    }

    /**
     * The status the command leads to.
     *
     * @throws OrderStateConflict naming the order, its status and the command when not allowed
     */
    static OrderStatus require(String orderId, OrderStatus from, OrderCommand command) {
        return next(from, command).orElseThrow(() -> new OrderStateConflict(orderId, from, command));
    }
}
