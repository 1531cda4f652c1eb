package io.telepay.gateway;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.telepay.shared.Db;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The events payment platforms sent (table {@code gateway_event}), each kept once by its id so a
 * replayed or duplicated delivery changes nothing, with what became of it.
 */
@Service
public class GatewayEvents {

    /** What became of an event: IGNORED (a type Telepay does not act on), RECEIVED (waiting to be applied), APPLIED, NOT_APPLIED. */
    public enum Status { IGNORED, RECEIVED, APPLIED, NOT_APPLIED }

    /** An event as stored; {@code summary} holds only what Telepay read from it, never card or personal data. */
    public record Event(String provider, String eventId, String type, String objectId, String paymentReference, String summary,
                        Status status, String detail, Instant createdAt, Instant receivedAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    GatewayEvents(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Stores the event unless one with its id is stored already; answers whether it was new. Joins the caller's
     * transaction. Two deliveries of one event at the same instant: the second fails on the key and the platform
     * delivers it again later, when it is a duplicate.
     */
    @Transactional
    public boolean receive(Event event) {
        if (find(event.provider(), event.eventId()).isPresent()) {
            return false;
        }
        jdbc.sql("""
                insert into gateway_event (provider, event_id, type, object_id, payment_reference, summary, status, detail,
                    created_at, received_at)
                values (:provider, :id, :type, :object, :payment, :summary, :status, :detail, :created, :received)""")
                .param("provider", event.provider()).param("id", event.eventId()).param("type", event.type())
                .param("object", event.objectId()).param("payment", event.paymentReference())
                .param("summary", clip(event.summary(), 1000)).param("status", event.status().name())
                .param("detail", clip(event.detail(), 500))
                .param("created", event.createdAt() == null ? null : Db.ts(event.createdAt()))
                .param("received", Db.ts(clock.instant())).update();
        return true;
    }

    /** Records what became of a received event. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void settle(String provider, String eventId, Status status, String detail) {
        jdbc.sql("update gateway_event set status = :status, detail = :detail, settled_at = :now where provider = :provider and event_id = :id")
                .param("status", status.name()).param("detail", clip(detail, 500)).param("now", Db.ts(clock.instant()))
                .param("provider", provider).param("id", eventId).update();
    }

    @Transactional(readOnly = true)
    public Optional<Event> find(String provider, String eventId) {
        return jdbc.sql("select * from gateway_event where provider = :provider and event_id = :id")
                .param("provider", provider).param("id", eventId).query(GatewayEvents::map).optional();
    }

    /** The events about a payment, oldest first. */
    @Transactional(readOnly = true)
    public List<Event> ofPayment(String paymentReference) {
        return jdbc.sql("select * from gateway_event where payment_reference = :p order by received_at, event_id")
                .param("p", paymentReference).query(GatewayEvents::map).list();
    }

    private static Event map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Event(rs.getString("provider"), rs.getString("event_id"), rs.getString("type"), rs.getString("object_id"),
                rs.getString("payment_reference"), rs.getString("summary"), Status.valueOf(rs.getString("status")),
                rs.getString("detail"), Db.instant(rs, "created_at"), Db.instant(rs, "received_at"));
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
