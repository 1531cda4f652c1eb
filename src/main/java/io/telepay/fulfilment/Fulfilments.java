package io.telepay.fulfilment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.telepay.audit.AuditTrail;
import io.telepay.customer.Contact;
import io.telepay.customer.CustomerDirectory;
import io.telepay.notify.Channel;
import io.telepay.notify.CustomerTexts;
import io.telepay.notify.Messages;
import io.telepay.notify.OutboundMessage;
import io.telepay.order.OrderPaid;
import io.telepay.order.OrderStatus;
import io.telepay.order.OrderView;
import io.telepay.order.Orders;
import io.telepay.payment.Payments;
import io.telepay.shared.Actors;
import io.telepay.shared.Checks;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import io.telepay.shared.MoneyFormat;
import io.telepay.shared.NotFound;
import io.telepay.shared.StateConflict;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import io.telepay.outbox.OutboxListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts a shipment or a service task when an order is paid, and fulfils the order when it is
 * completed with a reference. The start is idempotent: one fulfilment per order, however often the
 * {@link OrderPaid} event is delivered.
 */
@Service
public class Fulfilments {

    private final JdbcClient jdbc;
    private final Orders orders;
    private final Payments payments;
    private final CustomerDirectory customers;
    private final Messages messages;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final Clock clock;
    private final String companyName;
    private final String publicUrl;

    Fulfilments(JdbcClient jdbc, Orders orders, Payments payments, CustomerDirectory customers, Messages messages,
                ApplicationEventPublisher events, AuditTrail audit, Clock clock, @Value("${telepay.company-name}") String companyName,
                @Value("${telepay.public-url}") String publicUrl) {
        this.jdbc = jdbc;
        this.orders = orders;
        this.payments = payments;
        this.customers = customers;
        this.messages = messages;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
        this.companyName = companyName;
        this.publicUrl = publicUrl;
    }

    @OutboxListener
    void on(OrderPaid paid) {
        start(paid.orderId());
    }

    /** Creates the order's fulfilment unless it exists; answers it either way. */
    @Transactional
    public FulfilmentView start(String orderId) {
        var existing = byOrder(orderId);
        if (existing.isPresent()) {
            return existing.get();
        }
        OrderView order = orders.read(orderId);
        String type = order.lines().stream().anyMatch(l -> "SHIPMENT".equals(l.fulfilment())) ? "SHIPMENT" : "SERVICE";
        String id = Ids.next("ful_");
        try {
            jdbc.sql("""
                    insert into fulfilment (id, order_id, agent_id, type, status, created_at)
                    values (:id, :order, :agent, :type, 'PENDING', :now)""")
                    .param("id", id).param("order", orderId).param("agent", order.agentId()).param("type", type).param("now", Db.ts(clock.instant())).update();
        } catch (DuplicateKeyException startedElsewhere) {
            return byOrder(orderId).orElseThrow();
        }
        orders.recordFulfilment(orderId, "PENDING", null);
        audit.record("fulfilment.started", id, Map.of("order", orderId, "type", type));
        return get(id);
    }

    /**
     * Completes it with the tracking or service reference: the order becomes FULFILLED and the customer
     * gets a receipt.
     *
     * @throws StateConflict when it is already completed
     */
    @Transactional
    public FulfilmentView complete(String id, String reference) {
        Checks.start().text("reference", reference, 100).orThrow();
        FulfilmentView fulfilment = visible(id);
        if (!"PENDING".equals(fulfilment.status())) {
            throw new StateConflict("fulfilment " + id + " is already " + fulfilment.status());
        }
        Instant now = clock.instant();
        jdbc.sql("update fulfilment set status = 'COMPLETED', reference = :ref, completed_at = :now, completed_by = :by where id = :id and status = 'PENDING'")
                .param("ref", reference.strip()).param("now", Db.ts(now)).param("by", Actors.current().id()).param("id", id).update();
        orders.recordFulfilment(fulfilment.orderId(), "COMPLETED", reference.strip());
        events.publishEvent(new FulfilmentCompleted(id, fulfilment.orderId(), fulfilment.type(), reference.strip()));
        audit.record("fulfilment.completed", id, Map.of("order", fulfilment.orderId(), "reference", reference.strip()));
        sendReceipt(orders.read(fulfilment.orderId()), reference.strip(), fulfilment.type());
        return get(id);
    }

    /** The fulfilment if the actor may see its order. */
    @Transactional(readOnly = true)
    public FulfilmentView visible(String id) {
        FulfilmentView fulfilment = get(id);
        orders.get(fulfilment.orderId());
        return fulfilment;
    }

    /** Newest first; the fulfilments of orders the actor may read, the same reach as {@link #visible}. */
    @Transactional(readOnly = true)
    public List<FulfilmentView> list(String status, String before, int limit) {
        var agents = orders.agentsInReach();
        if (agents.isPresent() && agents.get().isEmpty()) {
            return List.of();
        }
        var query = jdbc.sql("""
                select f.* from fulfilment f
                where (cast(:status as varchar) is null or f.status = :status)
                  and (cast(:before as varchar) is null or f.id < :before)
                """ + (agents.isPresent() ? "  and f.agent_id in (:agents)\n" : "") + """
                order by f.id desc limit :limit""")
                .param("status", status).param("before", before).param("limit", limit);
        if (agents.isPresent()) {
            query = query.param("agents", agents.get());
        }
        return query.query(Fulfilments::map).list();
    }

    java.util.Optional<FulfilmentView> byOrder(String orderId) {
        return jdbc.sql("select * from fulfilment where order_id = :order").param("order", orderId).query(Fulfilments::map).optional();
    }

    FulfilmentView get(String id) {
        return jdbc.sql("select * from fulfilment where id = :id").param("id", id).query(Fulfilments::map).optional()
                .orElseThrow(() -> new NotFound("fulfilment", id));
    }

    private void sendReceipt(OrderView order, String reference, String type) {
        if (order.status() != OrderStatus.FULFILLED) {
            return;
        }
        Contact contact = customers.contact(order.customerId());
        String card = payments.paymentsOf(order.id()).stream().filter(p -> p.capturedAmount().isPositive()).findFirst()
                .map(p -> p.cardBrand() + " ****" + p.cardLast4()).orElse("card");
        String amount = MoneyFormat.text(order.total());
        Locale language = CustomerTexts.languageOf(contact.language(), contact.country(), contact.phone());
        String body = CustomerTexts.bilingual("SHIPMENT".equals(type) ? "fulfilment.shipped.body" : "fulfilment.started.body",
                language, companyName, order.displayReference(), amount, card, reference, publicUrl + "/verify/report");
        messages.queue(new OutboundMessage(Channel.SMS, contact.phone(), null, body, "FULFILMENT_RECEIPT", order.id()));
        if (contact.email() != null) {
            messages.queue(new OutboundMessage(Channel.EMAIL, contact.email(),
                    CustomerTexts.subject("fulfilment.subject", language, companyName, order.displayReference()), body,
                    "FULFILMENT_RECEIPT", order.id()));
        }
    }

    private static FulfilmentView map(ResultSet rs, int row) throws SQLException {
        return new FulfilmentView(rs.getString("id"), rs.getString("order_id"), rs.getString("type"), rs.getString("status"),
                rs.getString("reference"), Db.instant(rs, "created_at"), Db.instant(rs, "completed_at"), rs.getString("completed_by"));
    }
}
