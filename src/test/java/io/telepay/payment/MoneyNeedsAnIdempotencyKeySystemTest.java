package io.telepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.Sales;
import org.junit.jupiter.api.Test;

/**
 * Every request that moves money — a pay session, a capture, a void, a release, a refund, its approval, a
 * chargeback — is refused without an {@code Idempotency-Key}, with 400 naming the header and nothing done;
 * a client's blind retry must never act twice.
 */
class MoneyNeedsAnIdempotencyKeySystemTest extends PaymentSystemTest {

    private static void assertNamesTheHeader(Http.Response answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
    }

    private long operations(String paymentId) {
        return jdbc.sql("select count(*) from payment_operation where payment_id = :p").param("p", paymentId).query(Long.class).single();
    }

    @Test
    void moneyMovingRequestsWithoutAKeyAreRefusedNamingTheHeader() {
        Sales.Sale sale = new Sales(this).confirmedOrder("900.00", "TWD");
        Http agent = sale.asAgent().withoutIdempotencyKey();
        assertNamesTheHeader(agent.post("/api/v1/orders/" + sale.orderId() + "/payment-sessions", Map.of("channel", "LINK")));
        assertThat(jdbc.sql("select count(*) from payment_session where order_id = :o").param("o", sale.orderId())
                .query(Long.class).single()).isZero();

        PaymentFixtures.Paid paid = fixtures().captured("900.00", "TWD");
        Http payer = paid.sale().asAgent().withoutIdempotencyKey();
        long before = operations(paid.paymentId());
        String payment = "/api/v1/payments/" + paid.paymentId();
        assertNamesTheHeader(payer.post(payment + "/refunds", Map.of("amount", Map.of("amount", "100.00", "currency", "TWD"),
                "reason", "customer asked")));
        assertNamesTheHeader(payer.post(payment + "/capture", Map.of()));
        assertNamesTheHeader(payer.post(payment + "/void", Map.of()));
        assertNamesTheHeader(as(Role.ADMIN).withoutIdempotencyKey().post(payment + "/chargebacks",
                Map.of("amount", Map.of("amount", "100.00", "currency", "TWD"), "reason", "fraud")));
        assertNamesTheHeader(as(Role.ADMIN).withoutIdempotencyKey().post(payment + "/release", Map.of()));
        assertNamesTheHeader(as(Role.ADMIN).withoutIdempotencyKey().post("/api/v1/refunds/ref_nosuch/approve", Map.of()));
        assertThat(operations(paid.paymentId())).as("nothing done").isEqualTo(before);

        // with a key the same refund goes through
        var refund = payer.header("Idempotency-Key", "refund-" + paid.paymentId()).post(payment + "/refunds",
                Map.of("amount", Map.of("amount", "100.00", "currency", "TWD"), "reason", "customer asked"));
        assertThat(refund.status()).as(refund.toString()).isEqualTo(201);
    }
}
