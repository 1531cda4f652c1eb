package io.telepay.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.telepay.shared.Db;
import io.telepay.testing.Sales;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;

/**
 * The customer's order record learns when the order is paid (the learned lead model's label, issue 18): a
 * confirmed order is recorded unpaid, the pay link's capture marks it paid, once.
 */
class PaidOrderRecordSystemTest extends SystemTest {

    private Instant paidAt(String orderId) {
        return jdbc.sql("select paid_at from customer_order where order_id = :id").param("id", orderId)
                .query((rs, n) -> Db.instant(rs, "paid_at")).list().getFirst();
    }

    @Test
    void aConfirmedOrderIsRecordedUnpaidAndThePaymentMarksIt() {
        Sales sales = new Sales(this);
        Sales.Sale sale = sales.confirmedOrder("680.00", "TWD");
        assertThat(paidAt(sale.orderId())).as("confirmed, not paid").isNull();

        var paid = http().header("Accept", "application/json").post("/pay/" + sales.payToken(sale), Sales.card("4242 4242 4242 4242", "123"));
        assertThat(paid.json().get("status").asString()).as(paid.toString()).isEqualTo("SUCCEEDED");

        assertThat(paidAt(sale.orderId())).isNotNull().isBeforeOrEqualTo(clock.instant());
    }
}
