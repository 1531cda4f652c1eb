package io.telepay.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import io.telepay.shared.InvalidInput;
import io.telepay.shared.NotFound;
import io.telepay.shared.StateConflict;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What the payment and fulfilment modules rely on: {@link Orders#read}, markPaid, markRefunded, recordFulfilment. */
class OrderContractSystemTest extends OrderSystemTestSupport {

    @Test
    void readAnswersRegardlessOfWhoAsksAndGetOnlyWithinReach() {
        Seller seller = seller();
        String id = confirmed(seller);
        OrderView view = orders.read(id);
        assertThat(view.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(view.total().toString()).isEqualTo("680.00 TWD");
        assertThat(view.lines()).hasSize(1);
        assertThat(view.agentId()).isEqualTo(seller.user().id());
        assertThat(view.readBack()).contains("Total: NT$680.");
        assertThat(view.confirmedAt()).isNotNull();
        assertThat(actingAs(seller.user(), () -> orders.get(id))).isEqualTo(view);
        assertThatThrownBy(() -> actingAs(seller().user(), () -> orders.get(id))).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> orders.read("ord_doesnotexist")).isInstanceOf(NotFound.class);
    }

    @Test
    void markPaidMovesAConfirmedOrderOnceAndRefusesADraftOrASecondPayment() {
        Seller seller = seller();
        String draft = draft(seller);
        assertThatThrownBy(() -> orders.markPaid(draft, "pay_early")).isInstanceOf(StateConflict.class);
        assertThatThrownBy(() -> orders.markPaid("ord_doesnotexist", "pay_x")).isInstanceOf(NotFound.class);

        String id = confirmed(seller);
        orders.markPaid(id, "pay_first_" + id);
        orders.markPaid(id, "pay_first_" + id);
        assertThat(status(id)).isEqualTo("PAID");
        assertThat(auditEntries(id, "order.paid")).isOne();
        assertThatThrownBy(() -> orders.markPaid(id, "pay_second_" + id))
                .isInstanceOfSatisfying(OrderStateConflict.class, conflict -> assertThat(conflict.orderStatus()).isEqualTo(OrderStatus.PAID));
        orders.recordFulfilment(id, "COMPLETED", null);
        orders.markPaid(id, "pay_first_" + id);
        assertThat(status(id)).as("a later status stays when the same payment reports again").isEqualTo("FULFILLED");
    }

    @Test
    void aCapturePaysAConfirmedOrderAndLeavesAnyOtherAsItIs() {
        Seller seller = seller();
        String id = confirmed(seller);
        assertThat(orders.paymentCaptured(id, "pay_first_" + id)).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(status(id)).isEqualTo("PAID");
        assertThat(orders.paymentCaptured(id, "pay_first_" + id)).as("a later partial capture").isEqualTo(OrderStatus.PAID);
        assertThat(auditEntries(id, "order.paid")).isOne();

        String draft = draft(seller);
        assertThat(orders.paymentCaptured(draft, "pay_early")).isEqualTo(OrderStatus.DRAFT);
        assertThat(status(draft)).as("the caller acts on money captured for an order that cannot be paid").isEqualTo("DRAFT");
        assertThatThrownBy(() -> orders.paymentCaptured("ord_doesnotexist", "pay_x")).isInstanceOf(NotFound.class);
    }

    @Test
    void refundsMoveToPartiallyRefundedThenRefundedAndAFullRefundReportedTwiceChangesNothing() {
        Seller seller = seller();
        String id = confirmed(seller);
        orders.markPaid(id, "pay_" + id);
        orders.markRefunded(id, false);
        orders.markRefunded(id, false);
        assertThat(status(id)).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(auditEntries(id, "order.partially-refunded")).isEqualTo(2);
        orders.markRefunded(id, true);
        orders.markRefunded(id, true);
        assertThat(status(id)).isEqualTo("REFUNDED");
        assertThat(auditEntries(id, "order.refunded")).isOne();
        assertThatThrownBy(() -> orders.markRefunded(id, false)).isInstanceOf(OrderStateConflict.class);
    }

    @Test
    void fulfilmentProgressIsShownAndCompletionFulfilsThePaidOrder() {
        Seller seller = seller();
        String id = confirmed(seller);
        assertThatThrownBy(() -> orders.recordFulfilment(id, "SHIPPED", "SF1")).isInstanceOf(OrderStateConflict.class);
        orders.markPaid(id, "pay_" + id);
        // the fulfilment module answers OrderPaid by starting a fulfilment: wait for it, then report as it would
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                "PENDING".equals(seller.http().get(ORDERS + "/" + id).json().get("fulfilment").get("status").asString()));

        orders.recordFulfilment(id, "SHIPPED", "SF1234567890");
        orders.recordFulfilment(id, "SHIPPED", "SF1234567890");
        JsonNode fulfilment = seller.http().get(ORDERS + "/" + id).json().get("fulfilment");
        assertThat(fulfilment.get("status").asString()).isEqualTo("SHIPPED");
        assertThat(fulfilment.get("reference").asString()).isEqualTo("SF1234567890");
        assertThat(auditEntries(id, "order.fulfilment-recorded")).as("PENDING, then SHIPPED once").isEqualTo(2);
        assertThat(status(id)).isEqualTo("PAID");

        orders.recordFulfilment(id, "COMPLETED", "SF1234567890");
        assertThat(status(id)).isEqualTo("FULFILLED");
        assertThat(auditEntries(id, "order.fulfilled")).isOne();
        assertThat(seller.http().get(ORDERS + "/" + id).json().get("status").asString()).isEqualTo("FULFILLED");

        assertThatThrownBy(() -> orders.recordFulfilment(id, "shipped <b>", null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> orders.recordFulfilment(id, "SHIPPED", "x".repeat(201))).isInstanceOf(InvalidInput.class);
    }

    @Test
    void withoutAPaymentModuleAnOrderListsNoPayments() {
        Seller seller = seller();
        String id = confirmed(seller);
        assertThat(seller.http().get(ORDERS + "/" + id).json().get("payments").isEmpty()).isTrue();
        assertThat(seller.http().get(ORDERS + "/" + id).json().get("payments").isArray()).isTrue();
        assertThat(seller.http().post(ORDERS + "/" + id + "/cancel", Map.of()).status()).isEqualTo(200);
    }
}
