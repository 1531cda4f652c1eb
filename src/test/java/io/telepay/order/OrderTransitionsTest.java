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
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Every status × every command, written out by hand: the table in {@link OrderTransitions} must say
 * exactly this, and refuse everything else with a 409 naming both.
 */
class OrderTransitionsTest {

    /** The expected outcome of each command per status; a missing entry means refused. */
    static final Map<OrderStatus, Map<OrderCommand, OrderStatus>> EXPECTED = new EnumMap<>(OrderStatus.class);

    static {
        EXPECTED.put(DRAFT, Map.of(CHANGE_LINES, DRAFT, CONFIRM, CONFIRMED, CANCEL, CANCELLED));
        EXPECTED.put(CONFIRMED, Map.of(CANCEL, CANCELLED, MARK_PAID, PAID));
        EXPECTED.put(PAID, Map.of(RECORD_FULFILMENT, PAID, COMPLETE_FULFILMENT, FULFILLED,
                REFUND_PARTIALLY, PARTIALLY_REFUNDED, REFUND_FULLY, REFUNDED));
        EXPECTED.put(FULFILLED, Map.of(RECORD_FULFILMENT, FULFILLED, COMPLETE_FULFILMENT, FULFILLED,
                REFUND_PARTIALLY, PARTIALLY_REFUNDED, REFUND_FULLY, REFUNDED));
        EXPECTED.put(PARTIALLY_REFUNDED, Map.of(RECORD_FULFILMENT, PARTIALLY_REFUNDED, COMPLETE_FULFILMENT, PARTIALLY_REFUNDED,
                REFUND_PARTIALLY, PARTIALLY_REFUNDED, REFUND_FULLY, REFUNDED));
        EXPECTED.put(REFUNDED, Map.of(RECORD_FULFILMENT, REFUNDED, COMPLETE_FULFILMENT, REFUNDED, REFUND_FULLY, REFUNDED));
        EXPECTED.put(CANCELLED, Map.of());
    }

    @Test
    void everyStatusAndCommandIsEitherTheExpectedMoveOrAConflictNamingBoth() {
        int allowed = 0;
        int refused = 0;
        for (OrderStatus status : OrderStatus.values()) {
            assertThat(EXPECTED).as("the expectations cover every status").containsKey(status);
            for (OrderCommand command : OrderCommand.values()) {
                OrderStatus expected = EXPECTED.get(status).get(command);
                if (expected != null) {
                    assertThat(OrderTransitions.require("ord_t", status, command)).as(status + " × " + command).isEqualTo(expected);
                    allowed++;
                } else {
                    assertThat(OrderTransitions.next(status, command)).as(status + " × " + command).isEmpty();
                    assertThatThrownBy(() -> OrderTransitions.require("ord_t", status, command))
                            .as(status + " × " + command)
                            .isInstanceOfSatisfying(OrderStateConflict.class, conflict -> {
                                assertThat(conflict.status()).isEqualTo(409);
                                assertThat(conflict.orderStatus()).isEqualTo(status);
                                assertThat(conflict.command()).isEqualTo(command);
                                assertThat(conflict.getMessage()).contains("ord_t", status.name(), command.name(), command.words());
                            });
                    refused++;
                }
            }
        }
        assertThat(allowed + refused).isEqualTo(OrderStatus.values().length * OrderCommand.values().length);
        assertThat(allowed).isEqualTo(20);
    }

    @Test
    void aConfirmedOrderCanNoLongerChangeItsLines() {
        for (OrderStatus status : OrderStatus.values()) {
            assertThat(OrderTransitions.next(status, CHANGE_LINES).isPresent()).as(status.name()).isEqualTo(status == DRAFT);
        }
    }

    @Test
    void nothingIsCancelledOncePaid() {
        for (OrderStatus paid : new OrderStatus[] {PAID, FULFILLED, PARTIALLY_REFUNDED, REFUNDED}) {
            assertThat(OrderTransitions.next(paid, CANCEL)).as(paid.name()).isEmpty();
        }
    }

    @Test
    void aCancelledOrderIsFinal() {
        for (OrderCommand command : OrderCommand.values()) {
            assertThat(OrderTransitions.next(CANCELLED, command)).as(command.name()).isEmpty();
        }
    }
}
