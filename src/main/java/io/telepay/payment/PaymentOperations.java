package io.telepay.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.telepay.audit.AuditTrail;
import io.telepay.gateway.GatewayOutcome;
import io.telepay.gateway.GatewayResult;
import io.telepay.gateway.PaymentGateway;
import io.telepay.identity.StaffDirectory;
import io.telepay.identity.StaffUser;
import io.telepay.order.OrderStatus;
import io.telepay.order.Orders;
import io.telepay.payment.internal.OperationRow;
import io.telepay.payment.internal.PaymentRow;
import io.telepay.shared.Actor;
import io.telepay.shared.Actors;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.Money;
import io.telepay.shared.NotFound;
import io.telepay.shared.Role;
import io.telepay.shared.StateConflict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Captures, voids and refunds, for the staff who may change the payment's order. Each operation is two
 * short transactions around one acquirer call, like the pay step: the first locks the payment row
 * ({@code select … for update}, so the limits hold across threads and server instances), checks the
 * amount against what is left — counting operations still UNKNOWN and refunds waiting for approval —
 * and records the operation UNKNOWN; the second records the acquirer's answer. An answer that never
 * comes leaves the operation UNKNOWN for the reconciler, which asks the acquirer by the operation's
 * reference: it is never sent again under a new one.
 *
 * <p>A refund above {@code telepay.payment.refund-approval-threshold} (major units of the payment's
 * currency) waits as PENDING_APPROVAL until a supervisor of the agent's team or an admin — never the
 * person who asked — approves it.
 */
@Service
public class PaymentOperations {

    private static final Logger log = LoggerFactory.getLogger(PaymentOperations.class);
    static final int REASON_MAX = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Orders orders;
    private final StaffDirectory staff;
    private final PaymentGateway gateway;
    private final Settlement settlement;
    private final Ledger ledger;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final Clock clock;
    private final BigDecimal approvalThreshold;

    PaymentOperations(JdbcClient jdbc, TransactionTemplate tx, Orders orders, StaffDirectory staff, PaymentGateway gateway,
                      Settlement settlement, Ledger ledger, ApplicationEventPublisher events, AuditTrail audit, Clock clock,
                      @Value("${telepay.payment.refund-approval-threshold:10000}") BigDecimal approvalThreshold) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.orders = orders;
        this.staff = staff;
        this.gateway = gateway;
        this.settlement = settlement;
        this.ledger = ledger;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
        this.approvalThreshold = approvalThreshold;
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
        OperationRow op = tx.execute(status -> {
            PaymentRow payment = lockReachable(paymentId);
            if (payment.status() == PaymentStatus.REVIEW) {
                throw new StateConflict("The payment is held for a risk review; release it to capture");
            }
            return beginCapture(payment, amount);
        });
        return send(op);
    }

    /** A payment held for review (risk said REVIEW) is released: everything authorized is captured. */
    public OperationView release(String paymentId) {
        OperationRow op = tx.execute(status -> {
            PaymentRow payment = lockReachable(paymentId);
            if (payment.status() != PaymentStatus.REVIEW) {
                throw new StateConflict("Only a payment held for review can be released; this one is " + payment.status());
            }
            audit.record("payment.released", paymentId, Map.of("by", Actors.current().name()));
            return beginCapture(payment, null);
        });
        return send(op);
    }

    /**
     * Releases an authorization: all of it when nothing was captured (the payment is VOIDED), or after a partial
     * capture the rest of it (the payment stays captured; nothing more can be captured).
     *
     * @throws StateConflict when everything authorized was captured (refund it instead), a capture or void is
     *                       under way, or the payment is final
     */
    public OperationView voidPayment(String paymentId) {
        OperationRow op = tx.execute(status -> {
            PaymentRow payment = lockReachable(paymentId);
            return beginVoid(payment, Actors.current());
        });
        return send(op);
    }

    /**
     * Returns {@code amount} of the captured money to the card. Above the approval threshold the refund is
     * recorded PENDING_APPROVAL and nothing is sent to the acquirer until a second person approves it.
     *
     * @throws RefundExceedsCapture when the amount is above what is captured and not yet refunded or pending
     * @throws StateConflict when nothing was captured
     */
    public OperationView refund(String paymentId, Money amount, String reason) {
        if (amount == null) {
            throw new InvalidInput("amount", "is required");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new InvalidInput("reason", "is required");
        }
        if (why.length() > REASON_MAX) {
            throw new InvalidInput("reason", "must be at most " + REASON_MAX + " characters");
        }
        noCardNumber("reason", why);
        Actor actor = Actors.current();
        OperationRow op = tx.execute(status -> {
            PaymentRow payment = lockReachable(paymentId);
            if (payment.status() != PaymentStatus.CAPTURED && payment.status() != PaymentStatus.PARTIALLY_REFUNDED) {
                throw new StateConflict(payment.status() == PaymentStatus.REFUNDED ? "The payment is already refunded in full"
                        : "Only a captured payment can be refunded; this one is " + payment.status());
            }
            checkAmount(payment, amount, "amount");
            long left = payment.captured().minorUnits() - held(payment.id(), OperationKind.REFUND) - held(payment.id(), OperationKind.CHARGEBACK);
            if (amount.minorUnits() > left) {
                throw new RefundExceedsCapture("At most " + Money.ofMinor(Math.max(left, 0), payment.amount().currency())
                        + " can be refunded (captured, less refunds done or pending)");
            }
            boolean needsApproval = amount.amount().compareTo(approvalThreshold) > 0;
            OperationRow created = insert(payment, OperationKind.REFUND, needsApproval ? OperationStatus.PENDING_APPROVAL
                    : OperationStatus.UNKNOWN, amount, why, actor);
            audit.record(needsApproval ? "refund.requested" : "refund.started", created.id(),
                    Map.of("payment", paymentId, "amount", amount.toString(), "reason", why));
            if (needsApproval) {
                events.publishEvent(new RefundRequested(created.id(), paymentId, payment.orderId(), payment.agentId(), amount,
                        why, actor.id()));
            }
            return created;
        });
        return op.status() == OperationStatus.PENDING_APPROVAL ? view(op) : send(op);
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
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > REASON_MAX) {
            throw new InvalidInput("reason", why.isEmpty() ? "is required" : "must be at most " + REASON_MAX + " characters");
        }
        noCardNumber("reason", why);
        Actor actor = Actors.current();
        OperationRow op = tx.execute(status -> {
            PaymentRow payment = lockReachable(paymentId);
            if (payment.status() != PaymentStatus.CAPTURED && payment.status() != PaymentStatus.PARTIALLY_REFUNDED) {
                throw new StateConflict("Only a captured payment can be charged back; this one is " + payment.status());
            }
            checkAmount(payment, amount, "amount");
            long left = payment.captured().minorUnits() - held(payment.id(), OperationKind.REFUND) - held(payment.id(), OperationKind.CHARGEBACK);
            if (amount.minorUnits() > left) {
                throw new RefundExceedsCapture("At most " + Money.ofMinor(Math.max(left, 0), payment.amount().currency())
                        + " can be charged back (captured, less refunds done or pending)");
            }
            OperationRow created = insert(payment, OperationKind.CHARGEBACK, OperationStatus.UNKNOWN, amount, why, actor);
            audit.record("chargeback.received", created.id(), Map.of("payment", paymentId, "amount", amount.toString(), "reason", why));
            return created;
        });
        return send(op);
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
        OperationRow op = tx.execute(status -> {
            OperationRow pending = lockPending(refundId, actor);
            Instant now = clock.instant();
            jdbc.sql("""
                    update payment_operation set status = 'UNKNOWN', decided_by = :by, decided_by_name = :name, decided_at = :now,
                        decision_note = :note, next_reconcile_at = :next, attempted_at = :now, updated_at = :now where id = :id""")
                    .param("by", actor.id()).param("name", actor.name()).param("now", Db.ts(now)).param("note", trimNote(note))
                    .param("next", Db.ts(now.plus(settlement.reconcileDelay(0)))).param("id", refundId).update();
            audit.record("refund.approved", refundId, Map.of("payment", pending.paymentId(), "amount", pending.amount().toString()));
            return row(refundId);
        });
        return send(op);
    }

    /** A second person turns a waiting refund down; its amount is free to refund again. */
    public OperationView reject(String refundId, String note) {
        Actor actor = Actors.current();
        OperationRow op = tx.execute(status -> {
            OperationRow pending = lockPending(refundId, actor);
            Instant now = clock.instant();
            jdbc.sql("""
                    update payment_operation set status = 'REJECTED', decided_by = :by, decided_by_name = :name, decided_at = :now,
                        decision_note = :note, updated_at = :now where id = :id""")
                    .param("by", actor.id()).param("name", actor.name()).param("now", Db.ts(now)).param("note", trimNote(note))
                    .param("id", refundId).update();
            audit.record("refund.rejected", refundId, Map.of("payment", pending.paymentId(), "amount", pending.amount().toString()));
            return row(refundId);
        });
        return view(op);
    }

    // ---- reads ----

    /** The operation if its payment's order is within the actor's reach. */
    public OperationView get(String operationId) {
        OperationRow op = findRow(operationId).orElseThrow(() -> new NotFound("operation", operationId));
        String orderId = orderOf(op.paymentId());
        if (!Actors.current().isAny(Role.ADMIN, Role.RISK_ANALYST, Role.AUDITOR)) {
            orders.get(orderId);
        }
        return op.view(orderId);
    }

    /** The payment's operations, oldest first. */
    public List<OperationView> of(String paymentId) {
        PaymentRow payment = reachable(paymentId);
        return jdbc.sql("select * from payment_operation where payment_id = :p order by created_at, id").param("p", paymentId)
                .query(OperationRow::map).list().stream().map(op -> op.view(payment.orderId())).toList();
    }

    /**
     * Refunds in a status, newest first: an admin (or auditor) sees all, a supervisor those of their team's
     * agents (and their own sales), anyone else those of their own sales.
     */
    public List<OperationView> refunds(OperationStatus status, int limit) {
        Actor actor = Actors.current();
        String sql = """
                select o.*, p.order_id as p_order, p.agent_id as p_agent from payment_operation o join payment p on p.id = o.payment_id
                where o.kind = 'REFUND' and o.status = :status""";
        List<String> agents = null;
        if (!actor.isAny(Role.ADMIN, Role.AUDITOR)) {
            agents = new java.util.ArrayList<>(List.of(actor.id()));
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
        return query.query((rs, n) -> OperationRow.map(rs, n).view(rs.getString("p_order"))).list();
    }

    // ---- the acquirer's answer ----

    /**
     * Records the acquirer's answer to an UNKNOWN operation, with the payment, the order, the ledger and
     * the event, in the caller's transaction. An operation no longer UNKNOWN is left as it is.
     */
    OperationRow settle(String operationId, GatewayResult result) {
        OperationRow found = findRow(operationId).orElseThrow(() -> new NotFound("operation", operationId));
        PaymentRow payment = lock(found.paymentId());
        OperationRow op = jdbc.sql("select * from payment_operation where id = :id for update").param("id", operationId)
                .query(OperationRow::map).single();
        if (op.status() != OperationStatus.UNKNOWN) {
            return op;
        }
        Instant now = clock.instant();
        switch (result.outcome()) {
            case APPROVED -> succeeded(payment, op, now);
            case DECLINED, NOT_FOUND -> {
                String code = result.outcome() == GatewayOutcome.NOT_FOUND ? "not_received_by_acquirer"
                        : result.declineCode() == null ? "declined" : result.declineCode();
                jdbc.sql("update payment_operation set status = 'FAILED', decline_code = :code, next_reconcile_at = null, updated_at = :now where id = :id")
                        .param("code", code).param("now", Db.ts(now)).param("id", op.id()).update();
                audit.record(op.kind().name().toLowerCase(java.util.Locale.ROOT) + ".failed", op.id(),
                        Map.of("payment", payment.id(), "code", code));
            }
            case UNKNOWN -> {
                jdbc.sql("update payment_operation set next_reconcile_at = :next, updated_at = :now where id = :id")
                        .param("next", Db.ts(now.plus(settlement.reconcileDelay(op.reconcileAttempts()))))
                        .param("now", Db.ts(now)).param("id", op.id()).update();
                audit.record(op.kind().name().toLowerCase(java.util.Locale.ROOT) + ".outcome-unknown", op.id(),
                        Map.of("payment", payment.id()));
            }
        }
        return row(operationId);
    }

    /** The reconciler asked and the acquirer still has no answer: ask again later, further apart. */
    void stillUnknown(String operationId) {
        tx.executeWithoutResult(status -> {
            OperationRow found = findRow(operationId).orElseThrow();
            lock(found.paymentId());
            Instant now = clock.instant();
            jdbc.sql("""
                    update payment_operation set reconcile_attempts = reconcile_attempts + 1, next_reconcile_at = :next, updated_at = :now
                    where id = :id and status = 'UNKNOWN' and next_reconcile_at <= :now""")
                    .param("next", Db.ts(now.plus(settlement.reconcileDelay(found.reconcileAttempts() + 1))))
                    .param("now", Db.ts(now)).param("id", operationId).update();
        });
    }

    /** Applies an answer the reconciler got, in a transaction of its own. */
    OperationRow settleNow(String operationId, GatewayResult result) {
        return tx.execute(status -> settle(operationId, result));
    }

    private void succeeded(PaymentRow payment, OperationRow op, Instant now) {
        jdbc.sql("update payment_operation set status = 'SUCCEEDED', next_reconcile_at = null, updated_at = :now where id = :id")
                .param("now", Db.ts(now)).param("id", op.id()).update();
        long amount = op.amount().minorUnits();
        switch (op.kind()) {
            case CAPTURE -> {
                PaymentStatus to = payment.status() == PaymentStatus.PARTIALLY_REFUNDED ? PaymentStatus.PARTIALLY_REFUNDED : PaymentStatus.CAPTURED;
                updatePayment(payment, to, "captured_minor = captured_minor + :amount", amount, now);
                ledger.captured(payment.id(), op.id(), op.amount(), now);
                OrderStatus orderStatus = orders.read(payment.orderId()).status();
                if (orderStatus == OrderStatus.CONFIRMED) {
                    orders.markPaid(payment.orderId(), payment.id());
                } else if (orderStatus == OrderStatus.CANCELLED) {
                    log.error("payment {} was captured but order {} is cancelled; refund it", payment.id(), payment.orderId());
                }
                audit.record("payment.captured", payment.id(), Map.of("capture", op.id(), "amount", op.amount().toString()));
                events.publishEvent(new PaymentCaptured(payment.id(), payment.orderId(), payment.customerId(), payment.agentId(),
                        op.amount(), op.id()));
            }
            case VOID -> {
                ledger.voided(payment.id(), op.id(), payment.amount(), now);
                if (payment.captured().isPositive()) {
                    // the rest of a partly captured authorization released: the payment stays captured
                    audit.record("payment.rest-released", payment.id(), Map.of("void", op.id(), "amount", op.amount().toString()));
                } else {
                    updatePayment(payment, PaymentStatus.VOIDED, null, 0, now);
                    audit.record("payment.voided", payment.id(), Map.of("void", op.id()));
                    events.publishEvent(new PaymentVoided(payment.id(), op.id(), payment.orderId(), payment.customerId(),
                            payment.agentId(), payment.amount()));
                }
            }
            case REFUND, CHARGEBACK -> {
                long refunded = payment.refunded().minorUnits() + amount;
                boolean fully = refunded >= payment.captured().minorUnits();
                updatePayment(payment, fully ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED,
                        "refunded_minor = refunded_minor + :amount", amount, now);
                OrderStatus orderStatus = orders.read(payment.orderId()).status();
                if (orderStatus == OrderStatus.PAID || orderStatus == OrderStatus.FULFILLED
                        || orderStatus == OrderStatus.PARTIALLY_REFUNDED || (orderStatus == OrderStatus.REFUNDED && fully)) {
                    orders.markRefunded(payment.orderId(), fully);
                }
                Money total = Money.ofMinor(refunded, payment.amount().currency());
                if (op.kind() == OperationKind.REFUND) {
                    ledger.refunded(payment.id(), op.id(), op.amount(), now);
                    audit.record("payment.refunded", payment.id(), Map.of("refund", op.id(), "amount", op.amount().toString(),
                            "refundedTotal", total.toString()));
                    events.publishEvent(new PaymentRefunded(payment.id(), op.id(), payment.orderId(), payment.customerId(),
                            payment.agentId(), op.amount(), total, fully, op.reason()));
                } else {
                    ledger.chargedBack(payment.id(), op.id(), op.amount(), now);
                    audit.record("payment.charged-back", payment.id(), Map.of("chargeback", op.id(), "amount", op.amount().toString()));
                    ChargebackReceived received = ChargebackReceived.of(payment, op, total, fully);
                    events.publishEvent(received);
                    if (received.fraud()) {
                        events.publishEvent(new ChargebackForFraud(payment.id(), op.id(), payment.fingerprint(),
                                payment.agentId(), payment.customerId()));
                    }
                }
            }
        }
    }

    private void updatePayment(PaymentRow payment, PaymentStatus to, String change, long amount, Instant now) {
        if (payment.status() != to && !payment.status().canMoveTo(to)) {
            throw new IllegalStateException("payment " + payment.id() + " cannot move from " + payment.status() + " to " + to);
        }
        jdbc.sql("update payment set status = :status, " + (change == null ? "" : change + ", ") + "updated_at = :now where id = :id")
                .param("status", to.name()).param("amount", amount).param("now", Db.ts(now)).param("id", payment.id()).update();
    }

    // ---- the first transaction ----

    OperationRow beginCapture(PaymentRow payment, Money requested) {
        return beginCapture(payment, requested, Actors.currentOrSystem());
    }

    OperationRow beginCapture(PaymentRow payment, Money requested, Actor actor) {
        if (payment.status() != PaymentStatus.AUTHORIZED && payment.status() != PaymentStatus.REVIEW
                && payment.status() != PaymentStatus.CAPTURED) {
            throw new StateConflict("Only an authorized payment can be captured; this one is " + payment.status());
        }
        if (held(payment.id(), OperationKind.VOID) > 0) {
            throw new StateConflict("The authorization is voided, or the rest of it released, or being so");
        }
        long left = payment.amount().minorUnits() - held(payment.id(), OperationKind.CAPTURE);
        Money amount = requested == null ? Money.ofMinor(Math.max(left, 0), payment.amount().currency()) : requested;
        if (requested != null) {
            checkAmount(payment, requested, "amount");
        }
        if (left <= 0) {
            throw new StateConflict("Everything authorized is already captured");
        }
        if (amount.minorUnits() > left) {
            throw new CaptureExceedsAuthorization("At most " + Money.ofMinor(left, payment.amount().currency())
                    + " is left to capture of the authorization");
        }
        OperationRow op = insert(payment, OperationKind.CAPTURE, OperationStatus.UNKNOWN, amount, null, actor);
        audit.record("capture.started", op.id(), Map.of("payment", payment.id(), "amount", amount.toString()));
        return op;
    }

    /**
     * Voids the authorization; after a partial capture, releases the rest of it (the customer's card stops holding
     * it and nothing more can be captured).
     */
    OperationRow beginVoid(PaymentRow payment, Actor actor) {
        boolean partlyCaptured = payment.captured().isPositive() && (payment.status() == PaymentStatus.CAPTURED
                || payment.status() == PaymentStatus.PARTIALLY_REFUNDED || payment.status() == PaymentStatus.REFUNDED);
        if (!partlyCaptured && payment.status() != PaymentStatus.AUTHORIZED && payment.status() != PaymentStatus.REVIEW) {
            throw new StateConflict("Only an authorized payment can be voided; this one is " + payment.status());
        }
        if (held(payment.id(), OperationKind.CAPTURE) > payment.captured().minorUnits() || held(payment.id(), OperationKind.VOID) > 0) {
            throw new StateConflict("A capture or void of this payment is under way, or the rest of it was released");
        }
        Money rest = payment.amount().minus(payment.captured());
        if (!rest.isPositive()) {
            throw new StateConflict("Everything authorized is captured; refund it instead");
        }
        OperationRow op = insert(payment, OperationKind.VOID, OperationStatus.UNKNOWN, rest, null, actor);
        audit.record("void.started", op.id(), Map.of("payment", payment.id(), "amount", rest.toString()));
        return op;
    }

    OperationRow insert(PaymentRow payment, OperationKind kind, OperationStatus status, Money amount, String reason, Actor actor) {
        return insert(payment, kind, status, amount, reason, actor, null);
    }

    OperationRow insert(PaymentRow payment, OperationKind kind, OperationStatus status, Money amount, String reason, Actor actor,
                        String acquirerReference) {
        String id = Ids.next(kind.prefix());
        Instant now = clock.instant();
        jdbc.sql("""
                insert into payment_operation (id, payment_id, kind, status, currency, amount_minor, reason, acquirer_reference,
                    requested_by, requested_by_name, next_reconcile_at, attempted_at, created_at, updated_at)
                values (:id, :payment, :kind, :status, :currency, :amount, :reason, :acq, :by, :name, :next, :attempted, :now, :now)""")
                .param("id", id).param("payment", payment.id()).param("kind", kind.name()).param("status", status.name())
                .param("currency", amount.currencyCode()).param("amount", amount.minorUnits()).param("reason", reason)
                .param("acq", acquirerReference == null ? id : acquirerReference)
                .param("by", actor.id()).param("name", actor.name())
                // if this process dies before the acquirer answers, the reconciler finds the operation by this
                .param("next", status == OperationStatus.UNKNOWN ? Db.ts(now.plus(settlement.reconcileDelay(0))) : null)
                // sent right after this commits: one transaction fewer per operation than stamping it after
                .param("attempted", status == OperationStatus.UNKNOWN ? Db.ts(now) : null)
                .param("now", Db.ts(now)).update();
        return row(id);
    }

    /** The acquirer call, outside any transaction; then its answer in a second one. */
    OperationView send(OperationRow op) {
        GatewayResult result;
        try {
            result = switch (op.kind()) {
                case CAPTURE -> gateway.capture(op.paymentId(), op.acquirerReference(), op.amount());
                case VOID -> gateway.voidAuthorization(op.paymentId(), op.acquirerReference());
                case REFUND -> gateway.refund(op.paymentId(), op.acquirerReference(), op.amount());
                case CHARGEBACK -> GatewayResult.approved(op.acquirerReference());
            };
        } catch (RuntimeException e) {
            // a broken connection tells nothing about the operation: UNKNOWN, and the reconciler asks the acquirer
            log.warn("gateway {} for {} failed: {}", op.kind(), op.id(), e.getClass().getSimpleName());
            result = GatewayResult.unknown();
        }
        GatewayResult answer = result;
        return view(tx.execute(status -> settle(op.id(), answer)));
    }

    // ---- helpers ----

    /** Amount held by operations of the kind that succeeded or may still succeed. */
    long held(String paymentId, OperationKind kind) {
        return jdbc.sql("""
                select coalesce(sum(amount_minor), 0) from payment_operation
                where payment_id = :p and kind = :kind and status in ('PENDING_APPROVAL', 'UNKNOWN', 'SUCCEEDED')""")
                .param("p", paymentId).param("kind", kind.name()).query(Long.class).single();
    }

    private static void checkAmount(PaymentRow payment, Money amount, String field) {
        if (!amount.currencyCode().equals(payment.amount().currencyCode())) {
            throw new InvalidInput(field, "must be in the payment's currency, " + payment.amount().currencyCode());
        }
        if (!amount.isPositive()) {
            throw new InvalidInput(field, "must be positive");
        }
    }

    /** Reasons and notes are stored, audited and sent in events and webhooks: never with a card number in them. */
    private static void noCardNumber(String field, String text) {
        if (io.telepay.shared.CardNumbers.contains(text)) {
            throw new InvalidInput(field, "must not contain a card number");
        }
    }

    private OperationRow lockPending(String refundId, Actor actor) {
        OperationRow found = findRow(refundId).filter(op -> op.kind() == OperationKind.REFUND)
                .orElseThrow(() -> new NotFound("refund", refundId));
        // the payment first, as every writer does: one lock order, no deadlock
        PaymentRow payment = lock(found.paymentId());
        if (!actor.is(Role.ADMIN)) {
            orders.get(payment.orderId());
        }
        OperationRow op = jdbc.sql("select * from payment_operation where id = :id for update").param("id", refundId)
                .query(OperationRow::map).single();
        if (op.status() != OperationStatus.PENDING_APPROVAL) {
            throw new StateConflict("The refund is not waiting for approval; it is " + op.status());
        }
        if (actor.id().equals(op.requestedBy()) || (actor.userId() != null && actor.userId().equals(op.requestedBy()))) {
            throw new SecondPersonRequired();
        }
        return op;
    }

    private static String trimNote(String note) {
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

    /** Locks the payment row if the current actor may change its order. */
    private PaymentRow lockReachable(String paymentId) {
        PaymentRow payment = lock(paymentId);
        if (!Actors.current().is(Role.ADMIN)) {
            orders.get(payment.orderId());
        }
        return payment;
    }

    private PaymentRow reachable(String paymentId) {
        PaymentRow payment = jdbc.sql("select * from payment where id = :id").param("id", paymentId).query(PaymentRow::map)
                .optional().orElseThrow(() -> new NotFound("payment", paymentId));
        if (!Actors.current().isAny(Role.ADMIN, Role.RISK_ANALYST, Role.AUDITOR)) {
            orders.get(payment.orderId());
        }
        return payment;
    }

    PaymentRow lock(String paymentId) {
        return jdbc.sql("select * from payment where id = :id for update").param("id", paymentId).query(PaymentRow::map)
                .optional().orElseThrow(() -> new NotFound("payment", paymentId));
    }

    Optional<OperationRow> findRow(String id) {
        return jdbc.sql("select * from payment_operation where id = :id").param("id", id).query(OperationRow::map).optional();
    }

    private OperationRow row(String id) {
        return findRow(id).orElseThrow();
    }

    private String orderOf(String paymentId) {
        return jdbc.sql("select order_id from payment where id = :id").param("id", paymentId).query(String.class).single();
    }

    private OperationView view(OperationRow op) {
        return op.view(orderOf(op.paymentId()));
    }
}
