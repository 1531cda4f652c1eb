package io.telepay.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.telepay.shared.Ids;
import io.telepay.testing.Http;
import org.junit.jupiter.api.Test;

/**
 * The status machine end to end: an order in every status meets every command — over HTTP for the
 * staff commands, through {@link Orders} for what the payment and fulfilment modules report — and is
 * either moved as {@link OrderTransitionsTest#EXPECTED} says or refused with a 409 naming both.
 */
class OrderTransitionSystemTest extends OrderSystemTestSupport {

    private static final List<OrderCommand> STAFF = List.of(OrderCommand.CHANGE_LINES, OrderCommand.CONFIRM, OrderCommand.CANCEL);

    /** An order of the seller brought into {@code status} the way the modules would. */
    private String orderIn(Seller seller, String sku, OrderStatus status) {
        String id = draft(seller, sku, 1);
        switch (status) {
            case DRAFT -> { }
            case CANCELLED -> ok(seller.http().post(ORDERS + "/" + id + "/cancel", Map.of()));
            default -> {
                ok(seller.http().post(ORDERS + "/" + id + "/confirm", Map.of()));
                if (status != OrderStatus.CONFIRMED) {
                    orders.markPaid(id, "pay_" + Ids.randomToken(8));
                }
                switch (status) {
                    case FULFILLED -> orders.recordFulfilment(id, "COMPLETED", "SF1234567890");
                    case PARTIALLY_REFUNDED -> orders.markRefunded(id, false);
                    case REFUNDED -> orders.markRefunded(id, true);
                    default -> { }
                }
            }
        }
        assertThat(status(id)).isEqualTo(status.name());
        return id;
    }

    private static void ok(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private Http.Response send(Seller seller, String id, String sku, OrderCommand command) {
        return switch (command) {
            case CHANGE_LINES -> OrderSystemTest.patch(seller.http(), id, Map.of("lines", List.of(line(sku, 2))));
            case CONFIRM -> seller.http().post(ORDERS + "/" + id + "/confirm", Map.of());
            case CANCEL -> seller.http().post(ORDERS + "/" + id + "/cancel", Map.of());
            default -> throw new IllegalArgumentException(command.name());
        };
    }

    private void report(String id, OrderCommand command) {
        switch (command) {
            case MARK_PAID -> orders.markPaid(id, "pay_" + Ids.randomToken(8));
            case RECORD_FULFILMENT -> orders.recordFulfilment(id, "SHIPPED", "SF" + Ids.randomToken(4));
            case COMPLETE_FULFILMENT -> orders.recordFulfilment(id, "COMPLETED", "SF" + Ids.randomToken(4));
            case REFUND_PARTIALLY -> orders.markRefunded(id, false);
            case REFUND_FULLY -> orders.markRefunded(id, true);
            default -> throw new IllegalArgumentException(command.name());
        }
    }

    @Test
    void everyStaffCommandOverHttpInEveryStatusIsTheTablesMoveOrA409NamingStatusAndCommand() {
        Seller seller = seller();
        String sku = service("680.00", "TWD");
        for (OrderStatus status : OrderStatus.values()) {
            for (OrderCommand command : STAFF) {
                String id = orderIn(seller, sku, status);
                OrderStatus expected = OrderTransitionsTest.EXPECTED.get(status).get(command);
                var response = send(seller, id, sku, command);
                String what = status + " × " + command;
                if (expected != null) {
                    assertThat(response.status()).as(what + ": " + response).isEqualTo(200);
                    assertThat(response.json().get("status").asString()).as(what).isEqualTo(expected.name());
                } else {
                    assertProblem(response, 409);
                    assertThat(response.json().get("type").asString()).as(what).endsWith("order-state-conflict");
                    assertThat(response.json().get("orderStatus").asString()).as(what).isEqualTo(status.name());
                    assertThat(response.json().get("command").asString()).as(what).isEqualTo(command.name());
                    assertThat(response.json().get("detail").asString()).as(what).contains(status.name(), command.name());
                    assertThat(status(id)).as(what + " leaves the order as it was").isEqualTo(status.name());
                }
            }
        }
    }

    @Test
    void everyReportedEventInEveryStatusIsTheTablesMoveOrAConflictNamingStatusAndCommand() {
        Seller seller = seller();
        String sku = service("680.00", "TWD");
        for (OrderStatus status : OrderStatus.values()) {
            for (OrderCommand command : OrderCommand.values()) {
                if (STAFF.contains(command)) {
                    continue;
                }
                String id = orderIn(seller, sku, status);
                OrderStatus expected = OrderTransitionsTest.EXPECTED.get(status).get(command);
                String what = status + " × " + command;
                if (expected != null) {
                    report(id, command);
                    assertThat(status(id)).as(what).isEqualTo(expected.name());
                } else {
                    assertThatThrownBy(() -> report(id, command)).as(what)
                            .isInstanceOfSatisfying(OrderStateConflict.class, conflict -> {
                                assertThat(conflict.orderStatus()).isEqualTo(status);
                                assertThat(conflict.command()).isEqualTo(command);
                            });
                    assertThat(status(id)).as(what + " leaves the order as it was").isEqualTo(status.name());
                }
            }
        }
    }
}
