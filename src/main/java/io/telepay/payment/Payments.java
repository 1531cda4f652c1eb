package io.telepay.payment;

import java.util.List;

import io.telepay.order.OrderPaymentSummary;
import io.telepay.order.OrderPayments;
import io.telepay.order.Orders;
import io.telepay.payment.internal.PaymentRow;
import io.telepay.shared.Actors;
import io.telepay.shared.NotFound;
import io.telepay.shared.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads payments for the people allowed to see them, and lists them on their order. */
@Service
public class Payments implements OrderPayments {

    private final JdbcClient jdbc;
    private final Orders orders;

    Payments(JdbcClient jdbc, Orders orders) {
        this.jdbc = jdbc;
        this.orders = orders;
    }

    /**
     * The payment if the actor may see it: whoever may see its order, and risk analysts.
     *
     * @throws NotFound when missing or out of reach
     */
    @Transactional(readOnly = true)
    public PaymentView get(String id) {
        PaymentRow payment = find(id).orElseThrow(() -> new NotFound("payment", id));
        if (!Actors.current().isAny(Role.RISK_ANALYST, Role.ADMIN, Role.AUDITOR)) {
            orders.get(payment.orderId());
        }
        return payment.view();
    }

    java.util.Optional<PaymentRow> find(String id) {
        return jdbc.sql("select * from payment where id = :id").param("id", id).query(PaymentRow::map).optional();
    }

    @Override
    public List<OrderPaymentSummary> paymentsOf(String orderId) {
        return jdbc.sql("select * from payment where order_id = :order order by created_at, id").param("order", orderId)
                .query(PaymentRow::map).list().stream()
                .map(p -> new OrderPaymentSummary(p.id(), p.status().name(), p.amount(), p.captured(), p.refunded(),
                        p.brand(), p.last4(), p.createdAt()))
                .toList();
    }
}
