package io.telepay.payment;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.telepay.audit.AuditTrail;
import io.telepay.order.OrderPaymentSummary;
import io.telepay.order.OrderPayments;
import io.telepay.order.Orders;
import io.telepay.payment.internal.PaymentRow;
import io.telepay.payment.internal.PaymentStore;
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
    private final PaymentStore store;
    private final Orders orders;
    private final AuditTrail audit;
    private final Clock clock;
    private final io.telepay.identity.StaffDirectory staff;

    Payments(JdbcClient jdbc, PaymentStore store, Orders orders, AuditTrail audit, Clock clock, io.telepay.identity.StaffDirectory staff) {
        this.jdbc = jdbc;
        this.store = store;
        this.staff = staff;
        this.orders = orders;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * For other modules (trust): keeps a disputed payment out of settlement until someone reviews it.
     * Holding twice keeps the first hold. No access check: the caller acts for the cardholder.
     *
     * @throws NotFound for an unknown payment
     */
    @Transactional
    public void holdSettlement(String paymentId, String reason) {
        find(paymentId).orElseThrow(() -> new NotFound("payment", paymentId));
        if (store.holdSettlement(paymentId, reason, clock.instant())) {
            audit.record("payment.settlement-held", paymentId, Map.of("reason", reason));
        }
    }

    /** Whether the payment is held out of settlement. */
    public boolean settlementHeld(String paymentId) {
        return jdbc.sql("select settlement_held_at is not null from payment where id = :id").param("id", paymentId)
                .query(Boolean.class).optional().orElse(false);
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

    /**
     * Payments in a status, oldest first (a review queue is worked from the oldest): all of them for risk
     * analysts, admins and auditors; a supervisor's own and their team's agents' sales; an agent's own.
     */
    @Transactional(readOnly = true)
    public List<PaymentView> list(PaymentStatus status, int limit) {
        var actor = Actors.current();
        String sql = "select * from payment where status = :status";
        List<String> agents = null;
        if (!actor.isAny(Role.ADMIN, Role.RISK_ANALYST, Role.AUDITOR)) {
            agents = new java.util.ArrayList<>(List.of(actor.id()));
            if (actor.is(Role.SUPERVISOR) && actor.team() != null) {
                agents.addAll(staff.team(actor.team()).stream().map(io.telepay.identity.StaffUser::id).toList());
            }
            sql += " and agent_id in (:agents)";
        }
        var query = jdbc.sql(sql + " order by created_at, id limit :limit").param("status", status.name())
                .param("limit", Math.clamp(limit, 1, 500));
        if (agents != null) {
            query = query.param("agents", agents);
        }
        return query.query(PaymentRow::map).list().stream().map(PaymentRow::view).toList();
    }

    java.util.Optional<PaymentRow> find(String id) {
        return jdbc.sql("select * from payment where id = :id").param("id", id).query(PaymentRow::map).optional();
    }

    @Override
    public List<OrderPaymentSummary> paymentsOf(String orderId) {
        return jdbc.sql("select * from payment where order_id = :order order by created_at, id").param("order", orderId)
                .query(PaymentRow::map).list().stream()
                .map(p -> new OrderPaymentSummary(p.id(), p.status().name(), p.amount(), p.captured(), p.refunded(),
                        p.card().brand(), p.card().last4(), p.createdAt()))
                .toList();
    }
}
