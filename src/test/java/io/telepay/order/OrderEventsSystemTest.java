package io.telepay.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.telepay.shared.Ids;
import io.telepay.shared.Money;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.transaction.event.TransactionalApplicationListenerAdapter;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * OrderConfirmed, OrderCancelled and OrderPaid are published once per change, inside the order's
 * transaction: Spring Modulith's publication registry keeps them with the order, or neither.
 */
class OrderEventsSystemTest extends OrderSystemTestSupport {

    @Autowired
    private ConfigurableApplicationContext context;

    @Autowired
    private TransactionTemplate transactions;

    /** Every order event published, as the publisher handed it out (committed or not). */
    private final List<Object> published = new CopyOnWriteArrayList<>();
    private final ApplicationListener<ApplicationEvent> recorder = event -> {
        if (event instanceof PayloadApplicationEvent<?> payload && (payload.getPayload() instanceof OrderConfirmed
                || payload.getPayload() instanceof OrderCancelled || payload.getPayload() instanceof OrderPaid)) {
            published.add(payload.getPayload());
        }
    };

    /** Typed, so the multicaster hands it OrderConfirmed only (a lambda's event type cannot be read). */
    private static final class ConfirmedRecorder implements ApplicationListener<PayloadApplicationEvent<OrderConfirmed>> {
        final List<OrderConfirmed> delivered = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(PayloadApplicationEvent<OrderConfirmed> event) {
            delivered.add(event.getPayload());
        }
    }

    @BeforeEach
    void listen() {
        context.addApplicationListener(recorder);
    }

    @AfterEach
    void stopListening() {
        context.removeApplicationListener(recorder);
    }

    private List<Object> eventsOf(String orderId) {
        return published.stream().filter(event -> switch (event) {
            case OrderConfirmed confirmed -> confirmed.orderId().equals(orderId);
            case OrderCancelled cancelled -> cancelled.orderId().equals(orderId);
            case OrderPaid paid -> paid.orderId().equals(orderId);
            default -> false;
        }).toList();
    }

    @Test
    void orderConfirmedIsPublishedExactlyOnceWhateverTheRetries() {
        Seller seller = seller();
        String id = draft(seller, service("1999.00", "TWD"), 2);
        var keyed = seller.http().header("Idempotency-Key", "confirm-" + Ids.randomToken(6));

        keyed.post(ORDERS + "/" + id + "/confirm", Map.of());
        keyed.post(ORDERS + "/" + id + "/confirm", Map.of());
        seller.http().post(ORDERS + "/" + id + "/confirm", Map.of());
        seller.http().post(ORDERS + "/" + id + "/cancel", Map.of());

        assertThat(eventsOf(id)).containsExactly(new OrderConfirmed(id, seller.customerId(), seller.user().id(), null,
                Money.of("3998.00", "TWD")), new OrderCancelled(id, seller.customerId(), seller.user().id()));
    }

    @Test
    void aRefusedCommandPublishesNothing() {
        Seller seller = seller();
        String id = draft(seller, service("680.00", "TWD"), 1);
        seller.http().post(ORDERS + "/" + id + "/confirm", Map.of("expectedTotal", Map.of("amount", "1.00", "currency", "TWD")));
        seller().http().post(ORDERS + "/" + id + "/cancel", Map.of());
        assertThat(eventsOf(id)).isEmpty();
    }

    @Test
    void orderPaidIsPublishedOncePerPayment() {
        Seller seller = seller();
        String id = confirmed(seller);
        orders.markPaid(id, "pay_once_" + id);
        orders.markPaid(id, "pay_once_" + id);
        assertThat(eventsOf(id)).filteredOn(OrderPaid.class::isInstance)
                .containsExactly(new OrderPaid(id, "pay_once_" + id, seller.customerId(), seller.user().id(), Money.of("680.00", "TWD")));
        assertThat(auditEntries(id, "order.paid")).isOne();
    }

    @Test
    void theEventIsCommittedWithTheConfirmationOrNotAtAll() {
        Seller seller = seller();
        String rolledBack = draft(seller);
        String committed = draft(seller);
        ConfirmedRecorder recorder = new ConfirmedRecorder();
        List<OrderConfirmed> delivered = recorder.delivered;
        TransactionalApplicationListenerAdapter<PayloadApplicationEvent<OrderConfirmed>> outboxListener =
                new TransactionalApplicationListenerAdapter<>(recorder);
        context.addApplicationListener(outboxListener);
        try {
            transactions.executeWithoutResult(status -> {
                actingAs(seller.user(), () -> orders.confirm(rolledBack, ConfirmOrder.ON_ORDER_CALL, ReadBackLanguage.EN));
                status.setRollbackOnly();
            });
            actingAs(seller.user(), () -> orders.confirm(committed, ConfirmOrder.ON_ORDER_CALL, ReadBackLanguage.EN));
        } finally {
            context.removeApplicationListener(outboxListener);
        }

        assertThat(status(rolledBack)).isEqualTo("DRAFT");
        assertThat(auditEntries(rolledBack, "order.confirmed")).isZero();
        assertThat(funnelRows(rolledBack)).as("what the funnel heard in the transaction was rolled back with it").isZero();
        assertThat(jdbc.sql("select count(*) from customer_order where order_id = :id").param("id", rolledBack).query(Long.class).single()).isZero();

        assertThat(status(committed)).isEqualTo("CONFIRMED");
        assertThat(delivered).extracting(OrderConfirmed::orderId).containsExactly(committed);
        assertThat(funnelRows(committed)).as("the funnel heard it in the order's transaction").isOne();
    }

    private long funnelRows(String orderId) {
        return jdbc.sql("select count(*) from analytics_order where order_id = :order").param("order", orderId)
                .query(Long.class).single();
    }
}
