package io.telepay.notify.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.telepay.audit.AuditTrail;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.NotFound;
import io.telepay.shared.StateConflict;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The delivery log — every delivery and each of its attempts — and redelivery on request. */
@Service
public class WebhookDeliveries {

    static final Set<String> STATUSES = Set.of("PENDING", "SENDING", "SUCCEEDED", "FAILED");
    private static final String COLUMNS = """
            d.id, d.endpoint_id, d.event_id, e.type as event_type, d.status, d.created_at, d.next_attempt_at, d.delivered_at,
            d.last_status_code, d.last_error, d.redelivery_of""";

    private final JdbcClient jdbc;
    private final WebhookEndpoints endpoints;
    private final WebhookDispatcher dispatcher;
    private final AuditTrail audit;
    private final Clock clock;

    WebhookDeliveries(JdbcClient jdbc, WebhookEndpoints endpoints, WebhookDispatcher dispatcher, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.endpoints = endpoints;
        this.dispatcher = dispatcher;
        this.audit = audit;
        this.clock = clock;
    }

    /** The endpoint's deliveries, newest first; {@code before} is the id of the last one of the previous page. */
    public List<WebhookDelivery> ofEndpoint(String endpointId, String status, String before, int limit) {
        endpoints.get(endpointId);
        String wanted = status == null ? null : status.strip().toUpperCase(Locale.ROOT);
        if (wanted != null && !STATUSES.contains(wanted)) {
            throw new InvalidInput("status", "must be one of PENDING, SENDING, SUCCEEDED, FAILED");
        }
        List<WebhookDelivery> page = jdbc.sql("select " + COLUMNS + """
                 from webhook_delivery d join webhook_event e on e.id = d.event_id
                where d.endpoint_id = :endpoint
                  and (cast(:status as varchar) is null or d.status = :status)
                  and (cast(:before as varchar) is null
                       or d.created_at < (select created_at from webhook_delivery where id = :before)
                       or (d.created_at = (select created_at from webhook_delivery where id = :before) and d.id < :before))
                order by d.created_at desc, d.id desc limit :limit""")
                .param("endpoint", endpointId).param("status", wanted).param("before", before).param("limit", limit)
                .query((rs, n) -> row(rs, null)).list();
        return withAttempts(page);
    }

    /**
     * The deliveries of the events about a payment or its order (events recorded since V210), oldest first, without
     * their bodies. No access check: for a page that shows them only to someone who may see the payment.
     */
    public List<WebhookDelivery> about(String paymentId, String orderId, int limit) {
        List<WebhookDelivery> found = jdbc.sql("select " + COLUMNS + """
                 from webhook_delivery d join webhook_event e on e.id = d.event_id
                where e.payment_id = :payment or e.order_id = :order
                order by d.created_at, d.id limit :limit""")
                .param("payment", paymentId).param("order", orderId).param("limit", limit)
                .query((rs, n) -> row(rs, null)).list();
        return withAttempts(found);
    }

    /** One delivery with the body it sends; 404 when its endpoint was deleted. */
    public WebhookDelivery get(String id) {
        var delivery = jdbc.sql("select " + COLUMNS + ", e.body from webhook_delivery d join webhook_event e on e.id = d.event_id "
                        + "join webhook_endpoint w on w.id = d.endpoint_id where d.id = :id and w.deleted_at is null")
                .param("id", id).query((rs, n) -> row(rs, rs.getString("body"))).optional()
                .orElseThrow(() -> new NotFound("webhook delivery", id));
        return withAttempts(List.of(delivery)).getFirst();
    }

    /**
     * Sends the delivery's event to its endpoint again, as a new delivery with the same event id and body
     * and its own retries. Any delivery may be repeated (a receiver may have lost one it acknowledged);
     * the endpoint must be enabled.
     */
    @Transactional
    public WebhookDelivery redeliver(String id) {
        WebhookDelivery original = get(id);
        if (!endpoints.get(original.endpointId()).enabled()) {
            throw new StateConflict("The endpoint " + original.endpointId() + " is disabled; enable it before redelivering");
        }
        String copy = Ids.next("whd_");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("""
                insert into webhook_delivery (id, endpoint_id, event_id, redelivery_of, status, attempts, next_attempt_at, created_at)
                values (:id, :endpoint, :event, :original, 'PENDING', 0, :now, :now)""")
                .param("id", copy).param("endpoint", original.endpointId()).param("event", original.eventId())
                .param("original", id).param("now", Db.ts(now)).update();
        audit.record("webhook-delivery.redelivered", copy, Map.of("redeliveryOf", id, "event", original.eventId(),
                "endpoint", original.endpointId()));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                dispatcher.sendSoon(List.of(copy));
            }
        });
        return get(copy);
    }

    private List<WebhookDelivery> withAttempts(List<WebhookDelivery> deliveries) {
        if (deliveries.isEmpty()) {
            return deliveries;
        }
        Map<String, List<WebhookDelivery.Attempt>> attempts = new HashMap<>();
        jdbc.sql("""
                select delivery_id, number, started_at, duration_ms, status_code, error, next_attempt_at
                from webhook_attempt where delivery_id in (:ids) order by delivery_id, number""")
                .param("ids", deliveries.stream().map(WebhookDelivery::id).toList())
                .query((rs, n) -> attempts.computeIfAbsent(rs.getString("delivery_id"), k -> new ArrayList<>())
                        .add(new WebhookDelivery.Attempt(rs.getInt("number"), Db.instant(rs, "started_at"), rs.getLong("duration_ms"),
                                rs.getObject("status_code", Integer.class), rs.getString("error"), Db.instant(rs, "next_attempt_at"))))
                .list();
        return deliveries.stream().map(d -> d.withAttempts(attempts.getOrDefault(d.id(), List.of()))).toList();
    }

    private static WebhookDelivery row(ResultSet rs, String body) throws SQLException {
        return new WebhookDelivery(rs.getString("id"), rs.getString("endpoint_id"), rs.getString("event_id"),
                rs.getString("event_type"), rs.getString("status"), Db.instant(rs, "created_at"),
                Db.instant(rs, "next_attempt_at"), Db.instant(rs, "delivered_at"), rs.getObject("last_status_code", Integer.class),
                rs.getString("last_error"), rs.getString("redelivery_of"), List.of(), body);
    }
}
