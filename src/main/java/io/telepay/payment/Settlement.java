package io.telepay.payment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.telepay.audit.AuditTrail;
import io.telepay.gateway.GatewayOutcome;
import io.telepay.gateway.GatewayResult;
import io.telepay.order.Orders;
import io.telepay.payment.internal.PaymentRow;
import io.telepay.payment.internal.SessionRow;
import io.telepay.shared.Db;
import io.telepay.order.OrderStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what the acquirer answered for an authorization — right after the call, or later when the
 * reconciler learns it — and moves the payment, its session and its order together, in one
 * transaction. Applying the same answer twice changes nothing: only an UNKNOWN payment is settled.
 */
@Component
class Settlement {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Settlement.class);

    private final JdbcClient jdbc;
    private final Orders orders;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration firstReconcile;
    private final Ledger ledger;
    private final org.springframework.beans.factory.ObjectProvider<Challenges> challenges;

    Settlement(JdbcClient jdbc, Orders orders, ApplicationEventPublisher events, AuditTrail audit, Clock clock,
               @Value("${telepay.payment.reconcile-first-delay:PT1M}") String firstReconcile, Ledger ledger,
               org.springframework.beans.factory.ObjectProvider<Challenges> challenges) {
        this.jdbc = jdbc;
        this.challenges = challenges;
        this.ledger = ledger;
        this.orders = orders;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
        this.firstReconcile = parseDelay(firstReconcile);
    }

    /** Applies the answer to an UNKNOWN payment; for any other state answers what it already is. */
    @Transactional
    PayResult settle(String paymentId, GatewayResult result) {
        PaymentRow payment = jdbc.sql("select * from payment where id = :id for update").param("id", paymentId)
                .query(PaymentRow::map).single();
        SessionRow session = jdbc.sql(PaymentSessions.SELECT + "where id = :id for update").param("id", payment.sessionId())
                .query(SessionRow::map).single();
        if (payment.status() != PaymentStatus.UNKNOWN) {
            return answerFor(payment, session);
        }
        Instant now = clock.instant();
        return switch (result.outcome()) {
            case APPROVED -> approved(payment, session, result, now);
            case DECLINED -> {
                move(payment, PaymentStatus.DECLINED, "decline_code = :extra", result.declineCode(), now);
                yield declined(session, payment.id(), result.declineCode(), payment.fingerprint());
            }
            case NOT_FOUND -> {
                // the acquirer never received it: no money moved, the customer may try again
                move(payment, PaymentStatus.FAILED, "decline_code = :extra", "not_received_by_acquirer", now);
                reopen(session, "The bank did not receive the payment; the customer can try again", now);
                audit.record("payment.failed", payment.id(), Map.of("reason", "not received by the acquirer"));
                yield new PayResult("FAILED", payment.id(), "The payment did not go through. You can try again.", null);
            }
            case UNKNOWN -> {
                Duration delay = reconcileDelay(payment.reconcileAttempts());
                jdbc.sql("update payment set next_reconcile_at = :next, updated_at = :now where id = :id")
                        .param("next", Db.ts(now.plus(delay))).param("now", Db.ts(now)).param("id", payment.id()).update();
                jdbc.sql("update payment_session set step = 'CONFIRMING', progress = 'Confirming the outcome with the bank', updated_at = :now where id = :id")
                        .param("now", Db.ts(now)).param("id", session.id()).update();
                audit.record("payment.outcome-unknown", payment.id(), Map.of("nextCheckIn", delay.toString()));
                yield PayResult.pending(payment.id());
            }
        };
    }

    /** The reconciler asked and the acquirer still has no answer: ask again later, further apart. */
    @Transactional
    void stillUnknown(String paymentId) {
        PaymentRow payment = jdbc.sql("select * from payment where id = :id for update").param("id", paymentId)
                .query(PaymentRow::map).single();
        Instant now = clock.instant();
        // another run (another instance, before the lock moved on) may have asked already
        if (payment.status() != PaymentStatus.UNKNOWN || dueAt(paymentId).filter(due -> !due.isAfter(now)).isEmpty()) {
            return;
        }
        int attempts = payment.reconcileAttempts() + 1;
        jdbc.sql("update payment set reconcile_attempts = :attempts, next_reconcile_at = :next, updated_at = :now where id = :id")
                .param("attempts", attempts).param("next", Db.ts(now.plus(reconcileDelay(attempts))))
                .param("now", Db.ts(now)).param("id", paymentId).update();
    }

    private java.util.Optional<Instant> dueAt(String paymentId) {
        return jdbc.sql("select next_reconcile_at from payment where id = :id").param("id", paymentId)
                .query((rs, n) -> Db.instant(rs, "next_reconcile_at")).optional().flatMap(java.util.Optional::ofNullable);
    }

    private PayResult approved(PaymentRow payment, SessionRow session, GatewayResult result, Instant now) {
        PaymentStatus status = payment.captureRequested() ? PaymentStatus.CAPTURED
                : "REVIEW".equals(payment.riskAction()) ? PaymentStatus.REVIEW : PaymentStatus.AUTHORIZED;
        jdbc.sql("update payment set status = :status, captured_minor = :captured, acquirer_reference = :acq, next_reconcile_at = null, updated_at = :now where id = :id and status = 'UNKNOWN'")
                .param("status", status.name()).param("captured", status == PaymentStatus.CAPTURED ? payment.amount().minorUnits() : 0)
                .param("acq", result.acquirerReference()).param("now", Db.ts(now)).param("id", payment.id()).update();
        ledger.authorized(payment.id(), payment.amount(), now);
        if (status == PaymentStatus.AUTHORIZED && "CHALLENGE".equals(payment.riskAction())) {
            challenges.getObject().open(payment);
        }
        String captureId = null;
        if (status == PaymentStatus.CAPTURED) {
            // a sale: the capture went with the authorization, under the reference the acquirer gave it
            captureId = io.telepay.shared.Ids.next(OperationKind.CAPTURE.prefix());
            jdbc.sql("""
                    insert into payment_operation (id, payment_id, kind, status, currency, amount_minor, acquirer_reference,
                        requested_by, requested_by_name, created_at, updated_at)
                    values (:id, :payment, 'CAPTURE', 'SUCCEEDED', :currency, :amount, :acq, 'system', 'sale', :now, :now)""")
                    .param("id", captureId).param("payment", payment.id()).param("currency", payment.amount().currencyCode())
                    .param("amount", payment.amount().minorUnits()).param("acq", payment.id() + ":sale").param("now", Db.ts(now))
                    .update();
            ledger.captured(payment.id(), captureId, payment.amount(), now);
        }
        SessionStep step = status == PaymentStatus.CAPTURED ? SessionStep.PAID : status == PaymentStatus.REVIEW ? SessionStep.HELD : SessionStep.APPROVED;
        String progress = switch (step) {
            case PAID -> "Paid";
            case HELD -> "Approved by the bank; held for a risk review before it is charged";
            default -> "CHALLENGE".equals(payment.riskAction())
                    ? "Approved by the bank; waiting for the customer to confirm from their registered phone"
                    : "Approved by the bank; waiting for capture";
        };
        jdbc.sql("""
                update payment_session set status = 'COMPLETED', payment_id = :payment, in_flight_payment = null,
                    step = :step, progress = :progress, updated_at = :now where id = :id""")
                .param("payment", payment.id()).param("step", step.name()).param("progress", progress)
                .param("now", Db.ts(now)).param("id", session.id()).update();
        audit.record("payment." + status.name().toLowerCase(java.util.Locale.ROOT), payment.id(),
                Map.of("amount", payment.amount().toString(), "order", payment.orderId()));
        if (status == PaymentStatus.CAPTURED) {
            OrderStatus orderStatus = orders.read(payment.orderId()).status();
            if (orderStatus == OrderStatus.CONFIRMED) {
                orders.markPaid(payment.orderId(), payment.id());
            } else {
                // cancelled while the bank answered: the money moved, so the payment stays CAPTURED for a refund
                log.error("payment {} was captured but order {} is {}; refund it", payment.id(), payment.orderId(), orderStatus);
                audit.record("payment.captured-for-unpayable-order", payment.id(),
                        Map.of("order", payment.orderId(), "orderStatus", orderStatus.name()));
            }
            events.publishEvent(new PaymentCaptured(payment.id(), payment.orderId(), payment.customerId(), payment.agentId(),
                    payment.amount(), captureId));
            return PayResult.succeeded(payment.id());
        }
        return status == PaymentStatus.REVIEW ? PayResult.review(payment.id()) : PayResult.succeeded(payment.id());
    }

    /** A declined attempt: counts against the session's five, after which the session has FAILED. */
    PayResult declined(SessionRow session, String paymentId, String code, String fingerprint) {
        Instant now = clock.instant();
        int declines = session.declines() + 1;
        boolean failed = declines >= Checkout.MAX_DECLINES;
        jdbc.sql("""
                update payment_session set declines = :declines, in_flight_payment = null, status = :status, step = :step,
                    progress = :progress, updated_at = :now where id = :id""")
                .param("declines", declines).param("status", failed ? "FAILED" : "OPEN")
                .param("step", failed ? "FAILED" : "DECLINED")
                .param("progress", failed ? "Declined " + declines + " times; the session has failed"
                        : "Declined (" + code + "); the customer may try another card")
                .param("now", Db.ts(now)).param("id", session.id()).update();
        audit.record("payment.declined", paymentId, Map.of("code", code, "declinesInSession", declines));
        events.publishEvent(new PaymentDeclined(paymentId, session.orderId(), session.customerId(), session.agentId(), code, fingerprint));
        return PayResult.declined(paymentId, code, failed);
    }

    private void reopen(SessionRow session, String progress, Instant now) {
        jdbc.sql("update payment_session set in_flight_payment = null, step = 'DECLINED', progress = :progress, updated_at = :now where id = :id")
                .param("progress", progress).param("now", Db.ts(now)).param("id", session.id()).update();
    }

    private void move(PaymentRow payment, PaymentStatus next, String extraColumn, String extraValue, Instant now) {
        if (!payment.status().canMoveTo(next)) {
            throw new IllegalStateException("payment " + payment.id() + " cannot move from " + payment.status() + " to " + next);
        }
        jdbc.sql("update payment set status = :status, " + extraColumn + ", next_reconcile_at = null, updated_at = :now where id = :id")
                .param("status", next.name()).param("extra", extraValue).param("now", Db.ts(now)).param("id", payment.id())
                .update();
    }

    private static PayResult answerFor(PaymentRow payment, SessionRow session) {
        return switch (payment.status()) {
            case CAPTURED, AUTHORIZED, PARTIALLY_REFUNDED, REFUNDED -> PayResult.succeeded(payment.id());
            case REVIEW -> PayResult.review(payment.id());
            case DECLINED -> PayResult.declined(payment.id(), payment.declineCode(), session.status() == SessionStatus.FAILED);
            case UNKNOWN -> PayResult.pending(payment.id());
            case VOIDED, FAILED -> new PayResult("FAILED", payment.id(), "The payment did not go through.", payment.declineCode());
        };
    }

    /** ISO-8601 ({@code PT1M}) or the short form ({@code 1m}, {@code 90s}); positive. */
    static Duration parseDelay(String text) {
        Duration delay;
        try {
            delay = org.springframework.boot.convert.DurationStyle.detectAndParse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("telepay.payment.reconcile-first-delay must be a duration such as PT1M or 1m, not '"
                    + text + "'");
        }
        if (delay.isNegative() || delay.isZero()) {
            throw new IllegalArgumentException("telepay.payment.reconcile-first-delay must be positive");
        }
        return delay;
    }

    /** First after {@code telepay.payment.reconcile-first-delay}, then 5 min, 1 h, then daily. */
    Duration reconcileDelay(int attempts) {
        return switch (attempts) {
            case 0 -> firstReconcile;
            case 1 -> Duration.ofMinutes(5);
            case 2 -> Duration.ofHours(1);
            default -> Duration.ofDays(1);
        };
    }
}
