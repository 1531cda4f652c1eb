package io.telepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.telepay.shared.Role;
import io.telepay.testing.GatewayFaults;
import io.telepay.testing.Sales;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Unknown outcomes of payments and of captures, voids and refunds, resolved by the reconciler on the test clock. */
class ReconcilerSystemTest extends PaymentSystemTest {

    @Autowired
    Reconciler reconciler;

    @Autowired
    Ledger ledger;

    @Autowired
    MeterRegistry meters;

    PaymentFixtures fixtures;

    @BeforeEach
    void newFixtures() {
        fixtures = fixtures();
    }

    @AfterEach
    void noFaults() {
        gatewayFaults.clear();
    }

    /** Pays with the card whose answer the sandbox loses: the payment is UNKNOWN, the charge exists. */
    private String payWithLostAnswer(Sales.Sale sale) {
        var result = http().header("Accept", "application/json").post("/pay/" + fixtures.sales().payToken(sale),
                Sales.card("4000 0000 0000 0119", "123"));
        assertThat(result.json().get("status").asString()).isEqualTo("PENDING");
        return result.json().get("paymentId").asString();
    }

    private String status(String paymentId) {
        return jdbc.sql("select status from payment where id = :id").param("id", paymentId).query(String.class).single();
    }

    private int attempts(String paymentId) {
        return jdbc.sql("select reconcile_attempts from payment_operation where payment_id = :id and kind = 'SALE'").param("id", paymentId).query(Integer.class).single();
    }

    @Test
    void aLostAnswerIsFoundApprovedAfterTheFirstDelayAndTheAcquirerHoldsOneCharge() {
        Sales.Sale sale = fixtures.sales().confirmedOrder("1280.00", "TWD");
        String paymentId = payWithLostAnswer(sale);
        assertThat(status(paymentId)).isEqualTo("UNKNOWN");
        reconciler.reconcileDue();
        assertThat(status(paymentId)).as("not asked before the first delay").isEqualTo("UNKNOWN");

        clock.advance(Duration.ofSeconds(61));
        reconciler.reconcileDue();
        assertThat(status(paymentId)).isEqualTo("CAPTURED");
        assertThat(sale.asAgent().get("/api/v1/orders/" + sale.orderId()).json().get("status").asString()).isEqualTo("PAID");
        assertThat(jdbc.sql("select count(*) from sandbox_charge where reference = :r").param("r", paymentId)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(ledger.balances(paymentId).get(LedgerAccount.CAPTURED).amount()).isEqualByComparingTo("1280.00");
    }

    @Test
    void backsOffAndRaisesAnOperationsAlertAfter24HoursThenResolvesIt() {
        Sales.Sale sale = fixtures.sales().confirmedOrder("520.00", "TWD");
        String paymentId = payWithLostAnswer(sale);
        gatewayFaults.statusUnreachable(true);

        clock.advance(Duration.ofSeconds(61));
        reconciler.reconcileDue();
        assertThat(attempts(paymentId)).isEqualTo(1);
        clock.advance(Duration.ofMinutes(4));
        reconciler.reconcileDue();
        assertThat(attempts(paymentId)).as("the second check waits 5 minutes").isEqualTo(1);
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        reconciler.reconcileDue();
        assertThat(attempts(paymentId)).isEqualTo(2);
        clock.advance(Duration.ofMinutes(59));
        reconciler.reconcileDue();
        assertThat(attempts(paymentId)).as("the third waits an hour").isEqualTo(2);
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        reconciler.reconcileDue();
        assertThat(attempts(paymentId)).isEqualTo(3);
        assertThat(alertsFor(paymentId)).isZero();

        clock.advance(Duration.ofDays(1));
        reconciler.reconcileDue();
        assertThat(attempts(paymentId)).isEqualTo(4);
        assertThat(status(paymentId)).isEqualTo("UNKNOWN");
        assertThat(alertsFor(paymentId)).isEqualTo(1);
        var listed = as(Role.ADMIN).get("/api/v1/operations/alerts");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().findValuesAsString("subjectId")).contains(paymentId);
        assertThat(as(Role.SUPERVISOR).get("/api/v1/operations/alerts").status()).isEqualTo(403);
        assertThat(meters.get("telepay.operations.alerts.open").gauge().value()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get("telepay.payments.unresolved").gauge().value()).isGreaterThanOrEqualTo(1);

        gatewayFaults.statusUnreachable(false);
        clock.advance(Duration.ofDays(1));
        reconciler.reconcileDue();
        assertThat(status(paymentId)).isEqualTo("CAPTURED");
        assertThat(as(Role.ADMIN).get("/api/v1/operations/alerts").json().findValuesAsString("subjectId")).doesNotContain(paymentId);
    }

    @Test
    void anUnknownRefundIsSettledByItsOperationReferenceOnce() {
        PaymentFixtures.Paid paid = fixtures.captured("900.00", "TWD");
        gatewayFaults.onOperations(GatewayFaults.Fault.LOSE_ANSWER);
        var refund = paid.sale().asAgent().post("/api/v1/payments/" + paid.paymentId() + "/refunds",
                Map.of("amount", Map.of("amount", "300.00", "currency", "TWD"), "reason", "商品瑕疵"));
        assertThat(refund.json().get("status").asString()).isEqualTo("UNKNOWN");
        String refundId = refund.json().get("id").asString();
        gatewayFaults.clear();

        clock.advance(Duration.ofSeconds(61));
        reconciler.reconcileDue();
        var settled = paid.sale().asAgent().get("/api/v1/refunds/" + refundId).json();
        assertThat(settled.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(status(paid.paymentId())).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(jdbc.sql("select refunded_minor from sandbox_charge where reference = :r").param("r", paid.paymentId())
                .query(Long.class).single()).isEqualTo(30000L);
        assertThat(ledger.balances(paid.paymentId()).get(LedgerAccount.REFUNDED).amount()).isEqualByComparingTo("300.00");
    }

    @Test
    void aCaptureTheAcquirerNeverReceivedFailsAndFreesTheAmount() {
        PaymentFixtures.Paid held = fixtures.authorized("640.00", "TWD", "ALLOW");
        gatewayFaults.onOperations(GatewayFaults.Fault.BREAK_BEFORE);
        var capture = held.sale().asAgent().post("/api/v1/payments/" + held.paymentId() + "/capture", Map.of());
        assertThat(capture.json().get("status").asString()).isEqualTo("UNKNOWN");
        gatewayFaults.clear();

        String captureId = capture.json().get("id").asString();
        String operationStatus = "select status from payment_operation where id = :id";
        // a minute after: the acquirer has no record of it, but it may still be on its way there
        clock.advance(Duration.ofSeconds(61));
        reconciler.reconcileDue();
        assertThat(jdbc.sql(operationStatus).param("id", captureId).query(String.class).single()).isEqualTo("UNKNOWN");
        // at the next check, past the grace (5 min): it never arrived
        clock.advance(Duration.ofMinutes(5));
        reconciler.reconcileDue();
        assertThat(jdbc.sql(operationStatus).param("id", captureId).query(String.class).single()).isEqualTo("FAILED");
        assertThat(status(held.paymentId())).isEqualTo("AUTHORIZED");
        var again = held.sale().asAgent().post("/api/v1/payments/" + held.paymentId() + "/capture", Map.of());
        assertThat(again.json().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(status(held.paymentId())).isEqualTo("CAPTURED");
    }

    private long alertsFor(String subjectId) {
        return jdbc.sql("select count(*) from operations_alert where subject_id = :s and resolved_at is null")
                .param("s", subjectId).query(Long.class).single();
    }
}
