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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Resolves payments whose outcome is UNKNOWN by asking the acquirer for the authorization's reference,
 * on a widening schedule (first after {@code telepay.payment.reconcile-first-delay}, then 5 min, 1 h,
 * daily). Runs on one instance at a time (a lock row); settling is idempotent anyway. A payment still
 * unresolved after 24 hours raises an operations alert: an ERROR log line and the metric
 * {@code telepay.payments.unresolved}.
 */
@Component
class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    private static final Duration ALERT_AFTER = Duration.ofHours(24);

    private final JdbcClient jdbc;
    private final PaymentGateway gateway;
    private final Settlement settlement;
    private final AuditTrail audit;
    private final Clock clock;

    Reconciler(JdbcClient jdbc, PaymentGateway gateway, Settlement settlement, AuditTrail audit, Clock clock,
               MeterRegistry meters) {
        this.jdbc = jdbc;
        this.gateway = gateway;
        this.settlement = settlement;
        this.audit = audit;
        this.clock = clock;
        meters.gauge("telepay.payments.unresolved", this, Reconciler::unresolvedTooLong);
    }

    @Scheduled(fixedDelayString = "${telepay.payment.reconcile-interval:PT15S}", initialDelayString = "PT10S")
    @SchedulerLock(name = "payment-reconciler", lockAtMostFor = "PT5M")
    void run() {
        reconcileDue();
    }

    /** Asks about every UNKNOWN payment whose next check is due; answers how many were settled. */
    int reconcileDue() {
        Instant now = clock.instant();
        List<String> due = jdbc.sql("""
                select id from payment where status = 'UNKNOWN' and next_reconcile_at <= :now
                order by next_reconcile_at limit 200""")
                .param("now", Db.ts(now)).query(String.class).list();
        int settled = 0;
        for (String id : due) {
            GatewayStatus status;
            try {
                status = gateway.status(id);
            } catch (RuntimeException e) {
                log.warn("acquirer status for {} failed: {}", id, e.getClass().getSimpleName());
                status = new GatewayStatus(GatewayOutcome.UNKNOWN, null, null, null, false);
            }
            if (status.outcome() == GatewayOutcome.UNKNOWN) {
                settlement.stillUnknown(id);
                alertIfOld(id, now);
                continue;
            }
            GatewayResult result = switch (status.outcome()) {
                case APPROVED -> GatewayResult.approved(null);
                case DECLINED -> GatewayResult.declined(status.declineCode());
                default -> new GatewayResult(GatewayOutcome.NOT_FOUND, null, null);
            };
            settlement.settle(id, result);
            audit.recordIndependently("payment.reconciled", id, AuditTrail.SUCCESS, Map.of("acquirer", status.outcome().name()));
            settled++;
        }
        return settled;
    }

    private void alertIfOld(String id, Instant now) {
        Instant created = jdbc.sql("select created_at from payment where id = :id").param("id", id)
                .query((rs, n) -> Db.instant(rs, "created_at")).single();
        if (created.plus(ALERT_AFTER).isBefore(now)) {
            log.error("OPERATIONS ALERT: payment {} has had no known outcome for over 24 hours; check it with the acquirer", id);
        }
    }

    private double unresolvedTooLong() {
        return jdbc.sql("select count(*) from payment where status = 'UNKNOWN' and created_at < :cutoff")
                .param("cutoff", Db.ts(clock.instant().minus(ALERT_AFTER))).query(Long.class).single();
    }
}
