package io.telepay.payment;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Alerts for the operations team: a payment, capture, void or refund whose outcome is still unknown 24
 * hours after it was sent to the acquirer. Each is stored once (listed at
 * {@code GET /api/v1/operations/alerts}), logged at ERROR with the words {@code OPERATIONS ALERT}, and
 * counted while open in the gauge {@code telepay.operations.alerts.open}. Settling the subject resolves it.
 */
@Component
public class OperationsAlerts {

    private static final Logger log = LoggerFactory.getLogger(OperationsAlerts.class);

    /** One alert as the API lists it. */
    public record Alert(String id, String kind, String subjectId, String paymentId, String message, Instant createdAt,
                        Instant resolvedAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    OperationsAlerts(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        meters.gauge("telepay.operations.alerts.open", this, OperationsAlerts::open);
    }

    /** Raises the alert unless one is already raised for the subject. */
    void raise(String kind, String subjectId, String paymentId, String message) {
        int raised = jdbc.sql("""
                insert into operations_alert (id, kind, subject_id, payment_id, message, created_at)
                select :id, :kind, :subject, :payment, :message, :now
                where not exists (select 1 from operations_alert where kind = :kind and subject_id = :subject)""")
                .param("id", Ids.next("opa_")).param("kind", kind).param("subject", subjectId).param("payment", paymentId)
                .param("message", message).param("now", Db.ts(clock.instant())).update();
        if (raised > 0) {
            log.error("OPERATIONS ALERT: {} {} (payment {}): {}", kind, subjectId, paymentId, message);
        }
    }

    void resolve(String subjectId) {
        jdbc.sql("update operations_alert set resolved_at = :now where subject_id = :subject and resolved_at is null")
                .param("now", Db.ts(clock.instant())).param("subject", subjectId).update();
    }

    /** Open alerts (or all, with {@code includeResolved}), newest first. */
    public List<Alert> list(boolean includeResolved, int limit) {
        return jdbc.sql("select * from operations_alert" + (includeResolved ? "" : " where resolved_at is null")
                        + " order by created_at desc, id desc limit :limit")
                .param("limit", Math.clamp(limit, 1, 500))
                .query((rs, n) -> new Alert(rs.getString("id"), rs.getString("kind"), rs.getString("subject_id"),
                        rs.getString("payment_id"), rs.getString("message"), Db.instant(rs, "created_at"),
                        Db.instant(rs, "resolved_at")))
                .list();
    }

    double open() {
        return jdbc.sql("select count(*) from operations_alert where resolved_at is null").query(Long.class).single();
    }
}
