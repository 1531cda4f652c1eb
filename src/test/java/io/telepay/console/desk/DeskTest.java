package io.telepay.console.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.telepay.catalog.Fulfilment;
import io.telepay.catalog.Product;
import io.telepay.order.OrderDetails;
import io.telepay.order.OrderLine;
import io.telepay.order.OrderStatus;
import io.telepay.shared.Money;
import org.junit.jupiter.api.Test;

class DeskTest {

    private static final Instant NOW = Instant.parse("2026-12-07T03:00:00Z");
    private static final Product COURSE = product("COURSE", Money.of("1999.00", "TWD"));
    private static final Product BOOK = product("BOOK", Money.of("59.00", "USD"));

    private static Product product(String sku, Money price) {
        return new Product("prd_" + sku, sku, sku, null, price, Fulfilment.SERVICE, true, null, NOW, NOW);
    }

    private static Desk deskWith(OrderDetails order) {
        return new Desk(null, List.of(), List.of(), null, null, List.of(), List.of(), null, null, null, List.of(COURSE, BOOK),
                null, order, null, null, null, null, null);
    }

    private static OrderDetails order(List<OrderLine> lines, Money total) {
        return new OrderDetails("ord_1", "K7M2QX9P", OrderStatus.DRAFT, "cus_1", null, "usr_1", lines, total, null, null, null, null,
                List.of(), null, "usr_1", NOW, NOW);
    }

    @Test
    void onceAnOrderHasLinesOnlyProductsInItsCurrencyAreOffered() {
        assertThat(deskWith(null).offered()).containsExactly(COURSE, BOOK);
        assertThat(deskWith(order(List.of(), Money.of("0", "TWD"))).offered()).as("an empty order takes any currency")
                .containsExactly(COURSE, BOOK);
        OrderLine line = new OrderLine("COURSE", COURSE.id(), "COURSE", 1, COURSE.price(), COURSE.price(), "SERVICE");
        assertThat(deskWith(order(List.of(line), COURSE.price())).offered()).containsExactly(COURSE);
    }
}
