package io.telepay.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.telepay.identity.StaffDirectory;
import io.telepay.identity.StaffUser;
import io.telepay.order.Orders;
import io.telepay.payment.internal.PaymentStore;
import io.telepay.risk.RiskDecisions;
import io.telepay.shared.Actor;
import io.telepay.shared.Actors;
import io.telepay.shared.CardNumbers;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.Money;
import io.telepay.shared.NotFound;
import io.telepay.shared.Role;
import io.telepay.shared.StateConflict;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Captures, voids, refunds and chargebacks, for the staff who may change the payment's order. Each is a
 * short transaction that locks the payment row ({@code select … for update}, so the limits hold across
 * threads and server instances), lets the {@link Payment} check and record the operation UNKNOWN, and
 * saves it; then the gateway call, and its answer recorded by {@link GatewayExchange}. An answer that never
 * comes leaves the operation UNKNOWN for the reconciler, which asks the acquirer by the operation's
 * reference: it is never sent again under a new one.
 *
 * <p>A refund that brings what is refunded on the payment above {@code telepay.payment.refund-approval-threshold}
 * (major units of the payment's currency) waits as PENDING_APPROVAL until a supervisor of the agent's team or an
 * admin — never the person who asked — approves it.
 */
@Service
public class PaymentOperations {

    static final int REASON_MAX = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PaymentStore store;
    private final Orders orders;
    private final StaffDirectory staff;
    private final GatewayExchange exchange;
    private final Clock clock;
    private final BigDecimal approvalThreshold;
    private final RiskDecisions risk;

    PaymentOperations(JdbcClient jdbc, TransactionTemplate tx, PaymentStore store, Orders orders, StaffDirectory staff,
                      GatewayExchange exchange, Clock clock,
                      @Value("${telepay.payment.refund-approval-threshold:10000}") BigDecimal approvalThreshold,
                      RiskDecisions risk) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.store = store;
        this.orders = orders;
        this.staff = staff;
        this.exchange = exchange;
        this.clock = clock;
        this.approvalThreshold = approvalThreshold;
        this.risk = risk;
    }

    // ---- commands ----

    /**
     * Captures {@code amount} (default: all that is left of the authorization) of an AUTHORIZED or partly
     * captured payment. A payment held for review is captured by {@link #release}.
     *
     * @throws CaptureExceedsAuthorization when the amount is above what is left to capture
     * @throws StateConflict when the payment cannot be captured (held, voided, refunded …)
     */
    public OperationView capture(String paymentId, Money amount) {
        Actor actor = Actors.current();
        return send(paymentId, payment -> payment.capture(amount, actor, clock.instant()));
    }

    /**
     * A payment held for review (risk said REVIEW) is released: everything authorized is captured. When its agent
     * or card is tied to fraud, only a risk analyst may release it.
     *
     * @throws RiskStaffRequired when the hold is tied to fraud and the actor is not a risk analyst
     */
    public OperationView release(String paymentId) {
        Actor actor = Actors.current();
        return send(paymentId, payment -> {
            if (!actor.is(Role.RISK_ANALYST) && payment.status() == PaymentStatus.REVIEW
                    && risk.tiedToFraud(payment.id())) {
                throw new RiskStaffRequired();
            }
            return payment.release(actor, clock.instant());
        });
    }

    /** Whether releasing this held payment is for risk analysts only (its agent or card is tied to fraud). */
    public boolean releaseNeedsRiskStaff(String paymentId) {
        return risk.tiedToFraud(paymentId);
    }

    /**
     * Releases an authorization: all of it when nothing was captured (the payment is VOIDED), or after a partial
     * capture the rest of it (the payment stays captured; nothing more can be captured).
     *
     * @throws StateConflict when everything authorized was captured (refund it instead), a capture or void is
     *                       under way, or the payment is final
     */
    public OperationView voidPayment(String paymentId) {
        Actor actor = Actors.current();
        return send(paymentId, payment -> payment.voidAuthorization(actor, clock.instant()));
    }

    /**
     * Returns {@code amount} of the captured money to the card. When the payment's refunds, this one included,
     * come to more than the approval threshold, the refund is recorded PENDING_APPROVAL and nothing is sent to
     * the acquirer until a second person approves it.
     *
     * @throws RefundExceedsCapture when the amount is above what is captured and not yet refunded or pending
     * @throws StateConflict when nothing was captured
     */
    public OperationView refund(String paymentId, Money amount, String reason) {
        if (amount == null) {
            throw new InvalidInput("amount", "is required");
        }
        String why = reason(reason);
        Actor actor = Actors.current();
        return send(paymentId, payment -> payment.refund(amount, why, actor, approvalThreshold, clock.instant()));
    }

    /**
     * Records a chargeback the acquirer reported (in the sandbox an ADMIN enters it): the issuer took
     * {@code amount} of the captured money back. Counts against the refundable amount like a refund.
     *
     * @throws RefundExceedsCapture when the amount is above what is captured and not yet returned
     */
    public OperationView chargeback(String paymentId, Money amount, String reason) {
        if (amount == null) {
            throw new InvalidInput("amount", "is required");
        }
        String why = reason(reason);
        Actor actor = Actors.current();
        return send(paymentId, payment -> payment.chargeback(amount, why, actor, clock.instant()));
    }

    /**
     * A second person approves a refund waiting for approval; it is then sent to the acquirer.
     *
     * @throws SecondPersonRequired when the approver asked for the refund
     * @throws NotFound when the refund is unknown or the payment's order out of the approver's reach
     * @throws StateConflict when the refund is no longer waiting
     */
    public OperationView approve(String refundId, String note) {
        Actor actor = Actors.current();
        String text = note(note);
        return send(paymentOfRefund(refundId), payment -> payment.approve(refundId, actor, text, clock.instant()));
    }

    /** A second person turns a waiting refund down; its amount is free to refund again. */
    public OperationView reject(String refundId, String note) {
        Actor actor = Actors.current();
        String text = note(note);
        return send(paymentOfRefund(refundId), payment -> payment.reject(refundId, actor, text, clock.instant()));
    }

    /**
     * Locks the payment if the actor may change its order, lets it record the operation, saves it; then sends
     * what it recorded UNKNOWN to the gateway. Answers the operation as it stands afterwards.
     */
    private OperationView send(String paymentId, Function<Payment, Payment.Operation> command) {
        Actor actor = Actors.current();
        record Recorded(Payment payment, Payment.Operation operation) {
        }
        Recorded recorded = tx.execute(status -> {
            Payment payment = store.lock(paymentId);
            if (!actor.is(Role.ADMIN)) {
                orders.get(payment.orderId());
            }
            Payment.Operation operation = command.apply(payment);
            exchange.apply(payment, store.save(payment));
            return new Recorded(payment, operation);
        });
        if (recorded.operation().status() != OperationStatus.UNKNOWN) {
            return view(recorded.payment(), recorded.operation());
        }
        Payment answered = exchange.send(paymentId, recorded.operation()).payment();
        return view(answered, answered.operation(recorded.operation().id()));
    }

    private String paymentOfRefund(String refundId) {
        return jdbc.sql("select payment_id from payment_operation where id = :id and kind = 'REFUND'").param("id", refundId)
                .query(String.class).optional().orElseThrow(() -> new NotFound("refund", refundId));
    }

    // ---- reads ----

    /** The operation if its payment's order is within the actor's reach. */
    public OperationView get(String operationId) {
        String paymentId = jdbc.sql("select payment_id from payment_operation where id = :id").param("id", operationId)
                .query(String.class).optional().orElseThrow(() -> new NotFound("operation", operationId));
        Payment payment = reachable(paymentId, new NotFound("operation", operationId));
        return view(payment, payment.operation(operationId));
    }

    /** The payment's operations, oldest first. */
    public List<OperationView> of(String paymentId) {
        Payment payment = reachable(paymentId, new NotFound("payment", paymentId));
        return payment.operations().stream().map(op -> view(payment, op)).toList();
    }

    /**
     * Refunds in a status, newest first: an admin (or auditor) sees all, a supervisor those of their team's
     * agents (and their own sales), anyone else those of their own sales.
     */
    public List<OperationView> refunds(OperationStatus status, int limit) {
        Actor actor = Actors.current();
        String sql = """
                select o.*, p.order_id as p_order from payment_operation o join payment p on p.id = o.payment_id
                where o.kind = 'REFUND' and o.status = :status""";
        List<String> agents = null;
        if (!actor.isAny(Role.ADMIN, Role.AUDITOR)) {
            agents = new ArrayList<>(List.of(actor.id()));
            if (actor.is(Role.SUPERVISOR) && actor.team() != null) {
                agents.addAll(staff.team(actor.team()).stream().map(StaffUser::id).toList());
            }
            sql += " and p.agent_id in (:agents)";
        }
        var query = jdbc.sql(sql + " order by o.created_at desc, o.id desc limit :limit").param("status", status.name())
                .param("limit", Math.clamp(limit, 1, 500));
        if (agents != null) {
            query = query.param("agents", agents);
        }
        return query.query((rs, n) -> view(rs.getString("payment_id"), rs.getString("p_order"), PaymentStore.operation(rs, n)))
                .list();
    }

    // ---- helpers ----

    private Payment reachable(String paymentId, NotFound missing) {
        Payment payment = store.find(paymentId).orElseThrow(() -> missing);
        if (!Actors.current().isAny(Role.ADMIN, Role.RISK_ANALYST, Role.AUDITOR)) {
            orders.get(payment.orderId());
        }
        return payment;
    }

    private static String reason(String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new InvalidInput("reason", "is required");
        }
        if (why.length() > REASON_MAX) {
            throw new InvalidInput("reason", "must be at most " + REASON_MAX + " characters");
        }
        noCardNumber("reason", why);
        return why;
    }

    private static String note(String note) {
        if (note == null || note.isBlank()) {
            return null;
        }
        String text = note.strip();
        if (text.length() > REASON_MAX) {
            throw new InvalidInput("note", "must be at most " + REASON_MAX + " characters");
        }
        noCardNumber("note", text);
        return text;
    }

    /** Reasons and notes are stored, audited and sent in events and webhooks: never with a card number in them. */
    private static void noCardNumber(String field, String text) {
        if (CardNumbers.contains(text)) {
            throw new InvalidInput(field, "must not contain a card number");
        }
    }

    private static OperationView view(Payment payment, Payment.Operation op) {
        return view(payment.id(), payment.orderId(), op);
    }

    private static OperationView view(String paymentId, String orderId, Payment.Operation op) {
        return new OperationView(op.id(), paymentId, orderId, op.kind(), op.status(), op.amount(), op.reason(), op.declineCode(),
                op.requestedBy(), op.requestedByName(), op.decidedBy(), op.decidedByName(), op.decidedAt(), op.decisionNote(),
                op.createdAt(), op.updatedAt());
    }
}
