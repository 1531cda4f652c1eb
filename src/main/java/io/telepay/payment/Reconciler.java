package io.telepay.payment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.telepay.audit.AuditTrail;
import io.telepay.gateway.GatewayOutcome;
import io.telepay.gateway.GatewayResult;
import io.telepay.gateway.GatewayStatus;
import io.telepay.gateway.PaymentGateway;
import io.telepay.shared.Db;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Resolves outcomes that are UNKNOWN — payments (by the authorization's reference) and captures, voids
 * and refunds (by the operation's reference) — by asking the acquirer, on a widening schedule: first after
 * {@code telepay.payment.reconcile-first-delay}, then 5 min, 1 h, daily. One the acquirer has no record of
 * is failed (nothing moved) only once {@code telepay.payment.not-found-grace} has passed since it was sent. Runs on one instance at a time
 * (a lock row); settling is idempotent anyway. Anything still unresolved 24 hours after it was sent
 * raises an operations alert ({@link OperationsAlerts}); the gauge {@code telepay.payments.unresolved}
 * counts such payments.
 */
@Component
class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    static final Duration ALERT_AFTER = Duration.ofHours(24);

    private final JdbcClient jdbc;
    private final PaymentGateway gateway;
    private final Settlement settlement;
    private final PaymentOperations operations;
    private final OperationsAlerts alerts;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration notFoundGrace;

    Reconciler(JdbcClient jdbc, PaymentGateway gateway, Settlement settlement, PaymentOperations operations,
               OperationsAlerts alerts, AuditTrail audit, Clock clock, MeterRegistry meters,
               @Value("${telepay.payment.not-found-grace:PT5M}") Duration notFoundGrace) {
        this.notFoundGrace = notFoundGrace;
        this.jdbc = jdbc;
        this.gateway = gateway;
        this.settlement = settlement;
        this.operations = operations;
        this.alerts = alerts;
        this.audit = audit;
        this.clock = clock;
        meters.gauge("telepay.payments.unresolved", this, Reconciler::unresolvedTooLong);
    }

    @Scheduled(fixedDelayString = "${telepay.payment.reconcile-interval:PT15S}", initialDelayString = "PT10S")
    @SchedulerLock(name = "payment-reconciler", lockAtMostFor = "PT5M")
    void run() {
        reconcileDue();
    }

    /** Asks about every UNKNOWN payment and operation whose next check is due; answers how many were settled. */
    int reconcileDue() {
        return reconcilePayments() + reconcileOperations();
    }

    private int reconcilePayments() {
        Instant now = clock.instant();
        List<DuePayment> due = jdbc.sql("""
                select id, created_at from payment where status = 'UNKNOWN' and next_reconcile_at <= :now
                order by next_reconcile_at limit 200""")
                .param("now", Db.ts(now)).query((rs, n) -> new DuePayment(rs.getString("id"), Db.instant(rs, "created_at"))).list();
        int settled = 0;
        for (DuePayment payment : due) {
            String id = payment.id();
            Instant sent = payment.sentAt();
            GatewayStatus status;
            try {
                status = gateway.status(id);
            } catch (RuntimeException e) {
                log.warn("acquirer status for {} failed: {}", id, e.getClass().getSimpleName());
                status = new GatewayStatus(GatewayOutcome.UNKNOWN, null, null, null, false);
            }
            if (status.outcome() == GatewayOutcome.UNKNOWN || tooSoonToCallLost(status.outcome(), sent, now)) {
                settlement.stillUnknown(id);
                alertIfOld("PAYMENT_UNKNOWN", id, id, sent, now);
                continue;
            }
            GatewayResult result = switch (status.outcome()) {
                case APPROVED -> GatewayResult.approved(null);
                case DECLINED -> GatewayResult.declined(status.declineCode());
                default -> new GatewayResult(GatewayOutcome.NOT_FOUND, null, null);
            };
            settlement.settle(id, result);
            alerts.resolve(id);
            audit.recordIndependently("payment.reconciled", id, AuditTrail.SUCCESS, Map.of("acquirer", status.outcome().name()));
            settled++;
        }
        return settled;
    }

    private record DuePayment(String id, Instant sentAt) {
    }

    private record DueOperation(String id, String paymentId, String kind, String acquirerReference, Instant sentAt) {
    }

    private int reconcileOperations() {
        Instant now = clock.instant();
        List<DueOperation> due = jdbc.sql("""
                select id, payment_id, kind, acquirer_reference, coalesce(attempted_at, created_at) as sent_at
                from payment_operation where status = 'UNKNOWN' and next_reconcile_at <= :now
                order by next_reconcile_at limit 200""")
                .param("now", Db.ts(now))
                .query((rs, n) -> new DueOperation(rs.getString("id"), rs.getString("payment_id"), rs.getString("kind"),
                        rs.getString("acquirer_reference"), Db.instant(rs, "sent_at")))
                .list();
        int settled = 0;
        for (DueOperation op : due) {
            GatewayOutcome outcome;
            try {
                outcome = gateway.operationStatus(op.acquirerReference());
            } catch (RuntimeException e) {
                log.warn("acquirer status for {} failed: {}", op.id(), e.getClass().getSimpleName());
                outcome = GatewayOutcome.UNKNOWN;
            }
            if (outcome == GatewayOutcome.UNKNOWN || tooSoonToCallLost(outcome, op.sentAt(), now)) {
                operations.stillUnknown(op.id());
                alertIfOld(op.kind() + "_UNKNOWN", op.id(), op.paymentId(), op.sentAt(), now);
                continue;
            }
            GatewayResult result = switch (outcome) {
                case APPROVED -> GatewayResult.approved(op.acquirerReference());
                case DECLINED -> GatewayResult.declined("declined_by_acquirer");
                // never received: nothing moved, and the operation's reference is never sent again
                default -> new GatewayResult(GatewayOutcome.NOT_FOUND, null, null);
            };
            operations.settleNow(op.id(), result);
            alerts.resolve(op.id());
            audit.recordIndependently("payment-operation.reconciled", op.id(), AuditTrail.SUCCESS,
                    Map.of("payment", op.paymentId(), "acquirer", outcome.name()));
            settled++;
        }
        return settled;
    }

    /**
     * The acquirer has no record of it, but it was sent less than the grace ago: it may still be on its way
     * or in processing there, so it is asked about again later rather than called failed.
     */
    private boolean tooSoonToCallLost(GatewayOutcome outcome, Instant sentAt, Instant now) {
        return outcome == GatewayOutcome.NOT_FOUND && sentAt.plus(notFoundGrace).isAfter(now);
    }

    private void alertIfOld(String kind, String subjectId, String paymentId, Instant sentAt, Instant now) {
        if (sentAt.plus(ALERT_AFTER).isBefore(now)) {
            alerts.raise(kind, subjectId, paymentId, "No known outcome from the acquirer since " + sentAt
                    + "; check it with the acquirer");
        }
    }

    private double unresolvedTooLong() {
        return jdbc.sql("select count(*) from payment where status = 'UNKNOWN' and created_at < :cutoff")
                .param("cutoff", Db.ts(clock.instant().minus(ALERT_AFTER))).query(Long.class).single();
    }
}
