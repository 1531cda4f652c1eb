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
 * Resolves operations whose outcome is UNKNOWN — authorizations and sales (asked about by the payment's
 * reference), captures, voids and refunds (by the operation's reference) — in one loop, by asking the gateway
 * on a widening schedule ({@link ReconcileSchedule}) and recording what it says through the one answer path,
 * {@link GatewayExchange#record}. One the gateway has no record of is failed (nothing moved) only once
 * {@code telepay.payment.not-found-grace} has passed since it was sent. Runs on one instance at a time (a lock
 * row); recording is idempotent anyway. Anything still unresolved 24 hours after it was sent raises an
 * operations alert ({@link OperationsAlerts}); the gauge {@code telepay.payments.unresolved} counts such payments.
 */
@Component
class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    static final Duration ALERT_AFTER = Duration.ofHours(24);

    private final JdbcClient jdbc;
    private final PaymentGateway gateway;
    private final GatewayExchange exchange;
    private final OperationsAlerts alerts;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration notFoundGrace;
    private final HostedPayments hostedPayments;

    Reconciler(HostedPayments hostedPayments, JdbcClient jdbc, PaymentGateway gateway, GatewayExchange exchange, OperationsAlerts alerts, AuditTrail audit,
               Clock clock, MeterRegistry meters, @Value("${telepay.payment.not-found-grace:PT5M}") Duration notFoundGrace) {
        this.jdbc = jdbc;
        this.gateway = gateway;
        this.exchange = exchange;
        this.alerts = alerts;
        this.audit = audit;
        this.clock = clock;
        this.notFoundGrace = notFoundGrace;
        this.hostedPayments = hostedPayments;
        meters.gauge("telepay.payments.unresolved", this, Reconciler::unresolvedTooLong);
    }

    @Scheduled(fixedDelayString = "${telepay.payment.reconcile-interval:PT15S}", initialDelayString = "PT10S")
    @SchedulerLock(name = "payment-reconciler", lockAtMostFor = "PT5M")
    void run() {
        reconcileDue();
        // a platform's hosted page has no payment until it is paid: its open pages are asked about, so a lost webhook
        // never leaves a session (and the money taken on it) unrecorded
        hostedPayments.reconcileDue();
    }

    private record Due(String id, String paymentId, OperationKind kind, String reference, Instant sentAt) {

        boolean authorizes() {
            return kind == OperationKind.AUTHORIZE || kind == OperationKind.SALE;
        }
    }

    /** Asks about every UNKNOWN operation whose next check is due; answers how many were settled. */
    int reconcileDue() {
        Instant now = clock.instant();
        List<Due> due = jdbc.sql("""
                select id, payment_id, kind, acquirer_reference, coalesce(attempted_at, created_at) as sent_at
                from payment_operation where status = 'UNKNOWN' and next_reconcile_at <= :now
                order by next_reconcile_at limit 200""")
                .param("now", Db.ts(now))
                .query((rs, n) -> new Due(rs.getString("id"), rs.getString("payment_id"), OperationKind.valueOf(rs.getString("kind")),
                        rs.getString("acquirer_reference"), Db.instant(rs, "sent_at")))
                .list();
        int settled = 0;
        for (Due op : due) {
            // an authorization's alert is about the payment, as the operations team knows it
            String subject = op.authorizes() ? op.paymentId() : op.id();
            GatewayResult result = ask(op);
            if (result.outcome() == GatewayOutcome.UNKNOWN || tooSoonToCallLost(result.outcome(), op.sentAt(), now)) {
                exchange.stillUnknown(op.paymentId(), op.id());
                if (op.sentAt().plus(ALERT_AFTER).isBefore(now)) {
                    alerts.raise(op.authorizes() ? "PAYMENT_UNKNOWN" : op.kind() + "_UNKNOWN", subject, op.paymentId(),
                            "No known outcome from the acquirer since " + op.sentAt() + "; check it with the acquirer");
                }
                continue;
            }
            exchange.record(op.paymentId(), op.id(), result);
            alerts.resolve(subject);
            audit.recordIndependently(op.authorizes() ? "payment.reconciled" : "payment-operation.reconciled", subject,
                    AuditTrail.SUCCESS, Map.of("payment", op.paymentId(), "acquirer", result.outcome().name()));
            settled++;
        }
        return settled;
    }

    /** What the gateway knows of the operation; UNKNOWN when asking fails too. */
    private GatewayResult ask(Due op) {
        try {
            if (op.authorizes()) {
                GatewayStatus status = gateway.status(op.paymentId());
                return switch (status.outcome()) {
                    case APPROVED -> GatewayResult.approved(null);
                    case DECLINED -> GatewayResult.declined(status.declineCode());
                    case NOT_FOUND -> new GatewayResult(GatewayOutcome.NOT_FOUND, null, null);
                    case UNKNOWN -> GatewayResult.unknown();
                };
            }
            return switch (gateway.operationStatus(op.reference())) {
                case APPROVED -> GatewayResult.approved(op.reference());
                case DECLINED -> GatewayResult.declined("declined_by_acquirer");
                // never received: nothing moved, and the operation's reference is never sent again
                case NOT_FOUND -> new GatewayResult(GatewayOutcome.NOT_FOUND, null, null);
                case UNKNOWN -> GatewayResult.unknown();
            };
        } catch (RuntimeException e) {
            log.warn("acquirer status for {} failed: {}", op.id(), e.getClass().getSimpleName());
            return GatewayResult.unknown();
        }
    }

    /**
     * The acquirer has no record of it, but it was sent less than the grace ago: it may still be on its way
     * or in processing there, so it is asked about again later rather than called failed.
     */
    private boolean tooSoonToCallLost(GatewayOutcome outcome, Instant sentAt, Instant now) {
        return outcome == GatewayOutcome.NOT_FOUND && sentAt.plus(notFoundGrace).isAfter(now);
    }

    private double unresolvedTooLong() {
        return jdbc.sql("select count(*) from payment where status = 'UNKNOWN' and created_at < :cutoff")
                .param("cutoff", Db.ts(clock.instant().minus(ALERT_AFTER))).query(Long.class).single();
    }
}
