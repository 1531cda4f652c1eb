package io.telepay.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.telepay.shared.Db;
import io.telepay.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The order tables: one row per order, one per line. Status changes are conditional updates on the
 * status they start from, under the row lock the caller took with {@link #lock}.
 */
@Component
class OrderRows {

    private static final String COLUMNS = """
            id, reference, status, customer_id, call_id, agent_id, currency, total_minor,
            ship_recipient, ship_phone, ship_address, ship_postal_code, ship_country,
            confirmed_at, confirmed_by, confirmed_call_id, read_back, read_back_language,
            cancelled_at, cancelled_by, cancel_reason, payment_id, paid_at,
            fulfilment_status, fulfilment_reference, fulfilment_at, created_by, created_at, updated_at""";

    private final JdbcClient jdbc;

    OrderRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<OrderRow> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from sales_order where id = :id").param("id", id)
                .query(OrderRows::map).optional()
                .map(row -> row.withLines(lines(List.of(id)).getOrDefault(id, List.of())));
    }

    /** The order, locked until the transaction ends: concurrent commands on one order take turns. */
    Optional<OrderRow> lock(String id, boolean withLines) {
        Optional<OrderRow> row = jdbc.sql("select " + COLUMNS + " from sales_order where id = :id for update").param("id", id)
                .query(OrderRows::map).optional();
        return withLines ? row.map(r -> r.withLines(lines(List.of(id)).getOrDefault(id, List.of()))) : row;
    }

    /** A page of orders with their lines, in two queries whatever the page size. */
    List<OrderRow> list(String where, Map<String, Object> params, int limit) {
        List<OrderRow> rows = jdbc.sql("select " + COLUMNS + " from sales_order where " + where
                        + " order by created_at desc, id desc limit :limit")
                .params(params).param("limit", limit)
                .query(OrderRows::map).list();
        if (rows.isEmpty()) {
            return rows;
        }
        Map<String, List<OrderLine>> lines = lines(rows.stream().map(OrderRow::id).toList());
        return rows.stream().map(row -> row.withLines(lines.getOrDefault(row.id(), List.of()))).toList();
    }

    /** A fresh short reference; the unique index is the last word, this makes a clash on insert all but impossible. */
    String freeReference() {
        while (true) {
            String reference = OrderReference.next();
            if (jdbc.sql("select count(*) from sales_order where reference = :reference").param("reference", reference)
                    .query(Long.class).single() == 0) {
                return reference;
            }
        }
    }

    Optional<String> idByReference(String reference) {
        return jdbc.sql("select id from sales_order where reference = :reference").param("reference", reference)
                .query(String.class).optional();
    }

    void insert(OrderRow order) {
        var statement = jdbc.sql("""
                insert into sales_order (id, reference, status, customer_id, call_id, agent_id, currency, total_minor,
                                         ship_recipient, ship_phone, ship_address, ship_postal_code, ship_country,
                                         created_by, created_at, updated_at)
                values (:id, :reference, :status, :customer, :call, :agent, :currency, :total,
                        :recipient, :phone, :address, :postalCode, :country, :by, :now, :now)""")
                .param("id", order.id()).param("reference", order.reference()).param("status", order.status().name()).param("customer", order.customerId())
                .param("call", order.callId()).param("agent", order.agentId())
                .param("currency", order.total().currencyCode()).param("total", order.total().minorUnits())
                .param("by", order.createdBy()).param("now", Db.ts(order.createdAt()));
        shipping(statement, order.shippingAddress()).update();
        insertLines(order.id(), order.lines());
    }

    /** Replaces the lines and total of a draft, and its shipping address. */
    void replace(String id, List<OrderLine> lines, Money total, ShippingAddress address, boolean linesChanged, Instant now) {
        if (linesChanged) {
            jdbc.sql("delete from sales_order_line where order_id = :id").param("id", id).update();
            insertLines(id, lines);
        }
        var statement = jdbc.sql("""
                update sales_order set currency = :currency, total_minor = :total,
                       ship_recipient = :recipient, ship_phone = :phone, ship_address = :address,
                       ship_postal_code = :postalCode, ship_country = :country, updated_at = :now
                where id = :id and status = 'DRAFT'""")
                .param("currency", total.currencyCode()).param("total", total.minorUnits())
                .param("now", Db.ts(now)).param("id", id);
        expectOne(shipping(statement, address).update(), id);
    }

    void confirm(String id, Instant now, String by, String callId, String readBack, String language) {
        expectOne(jdbc.sql("""
                update sales_order set status = 'CONFIRMED', confirmed_at = :now, confirmed_by = :by,
                       confirmed_call_id = :call, call_id = coalesce(call_id, :call),
                       read_back = :readBack, read_back_language = :language, updated_at = :now
                where id = :id and status = 'DRAFT'""")
                .param("now", Db.ts(now)).param("by", by).param("call", callId).param("readBack", readBack)
                .param("language", language).param("id", id)
                .update(), id);
    }

    void cancel(String id, OrderStatus from, Instant now, String by, String reason) {
        expectOne(jdbc.sql("""
                update sales_order set status = 'CANCELLED', cancelled_at = :now, cancelled_by = :by,
                       cancel_reason = :reason, updated_at = :now
                where id = :id and status = :from""")
                .param("now", Db.ts(now)).param("by", by).param("reason", reason).param("id", id)
                .param("from", from.name())
                .update(), id);
    }

    void markPaid(String id, String paymentId, Instant now) {
        expectOne(jdbc.sql("""
                update sales_order set status = 'PAID', payment_id = :payment, paid_at = :now, updated_at = :now
                where id = :id and status = 'CONFIRMED'""")
                .param("payment", paymentId).param("now", Db.ts(now)).param("id", id)
                .update(), id);
    }

    void refunded(String id, OrderStatus from, OrderStatus to, Instant now) {
        expectOne(jdbc.sql("""
                update sales_order set status = :to, refunded_at = :now, updated_at = :now
                where id = :id and status = :from""")
                .param("to", to.name()).param("now", Db.ts(now)).param("id", id).param("from", from.name())
                .update(), id);
    }

    void fulfilment(String id, OrderStatus from, OrderStatus to, String status, String reference, Instant now) {
        expectOne(jdbc.sql("""
                update sales_order set status = :to, fulfilment_status = :fulfilment, fulfilment_reference = :reference,
                       fulfilment_at = :now, updated_at = :now
                where id = :id and status = :from""")
                .param("to", to.name()).param("fulfilment", status).param("reference", reference)
                .param("now", Db.ts(now)).param("id", id).param("from", from.name())
                .update(), id);
    }

    long count() {
        return jdbc.sql("select count(*) from sales_order").query(Long.class).single();
    }

    private static void expectOne(int updated, String id) {
        if (updated != 1) {
            // the caller holds the row lock and checked the status: this is a bug, not a client's race
            throw new IllegalStateException("order " + id + " changed under its row lock");
        }
    }

    private static JdbcClient.StatementSpec shipping(JdbcClient.StatementSpec statement, ShippingAddress address) {
        return statement
                .param("recipient", address == null ? null : address.recipient())
                .param("phone", address == null ? null : address.phone())
                .param("address", address == null ? null : String.join("\n", address.lines()))
                .param("postalCode", address == null ? null : address.postalCode())
                .param("country", address == null ? null : address.country());
    }

    /** All lines in one statement: an order of 100 lines is one round trip, not 100. */
    private void insertLines(String orderId, List<OrderLine> lines) {
        StringBuilder sql = new StringBuilder("""
                insert into sales_order_line (order_id, line_no, sku, product_id, name, quantity, unit_minor, line_minor, fulfilment)
                values """);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("order", orderId);
        for (int i = 0; i < lines.size(); i++) {
            OrderLine line = lines.get(i);
            if (i > 0) {
                sql.append(", ");
            }
            sql.append("(:order, :no%1$d, :sku%1$d, :product%1$d, :name%1$d, :quantity%1$d, :unit%1$d, :line%1$d, :fulfilment%1$d)"
                    .formatted(i));
            params.put("no" + i, i + 1);
            params.put("sku" + i, line.sku());
            params.put("product" + i, line.productId());
            params.put("name" + i, line.name());
            params.put("quantity" + i, line.quantity());
            params.put("unit" + i, line.unitPrice().minorUnits());
            params.put("line" + i, line.lineTotal().minorUnits());
            params.put("fulfilment" + i, line.fulfilment());
        }
        jdbc.sql(sql.toString()).params(params).update();
    }

    private Map<String, List<OrderLine>> lines(List<String> orderIds) {
        Map<String, List<OrderLine>> lines = new LinkedHashMap<>();
        jdbc.sql("""
                select l.order_id, l.sku, l.product_id, l.name, l.quantity, l.unit_minor, l.line_minor, l.fulfilment, o.currency
                from sales_order_line l join sales_order o on o.id = l.order_id
                where l.order_id in (:ids) order by l.order_id, l.line_no""")
                .param("ids", orderIds)
                .query(rs -> {
                    Currency currency = Money.currency(rs.getString("currency"));
                    lines.computeIfAbsent(rs.getString("order_id"), k -> new ArrayList<>()).add(new OrderLine(
                            rs.getString("sku"), rs.getString("product_id"), rs.getString("name"), rs.getInt("quantity"),
                            Money.ofMinor(rs.getLong("unit_minor"), currency), Money.ofMinor(rs.getLong("line_minor"), currency),
                            rs.getString("fulfilment")));
                });
        return lines;
    }

    private static OrderRow map(ResultSet rs, int row) throws SQLException {
        Currency currency = Money.currency(rs.getString("currency"));
        ShippingAddress address = rs.getString("ship_recipient") == null ? null : new ShippingAddress(
                rs.getString("ship_recipient"), rs.getString("ship_phone"),
                Arrays.asList(rs.getString("ship_address").split("\n")), rs.getString("ship_postal_code"),
                rs.getString("ship_country"));
        Instant confirmedAt = Db.instant(rs, "confirmed_at");
        var confirmation = confirmedAt == null ? null : new OrderDetails.Confirmation(confirmedAt,
                rs.getString("confirmed_by"), rs.getString("confirmed_call_id"), rs.getString("read_back"),
                rs.getString("read_back_language"));
        Instant cancelledAt = Db.instant(rs, "cancelled_at");
        var cancellation = cancelledAt == null ? null
                : new OrderDetails.Cancellation(cancelledAt, rs.getString("cancelled_by"), rs.getString("cancel_reason"));
        String fulfilmentStatus = rs.getString("fulfilment_status");
        var fulfilment = fulfilmentStatus == null ? OrderDetails.Fulfilment.notStarted()
                : new OrderDetails.Fulfilment(fulfilmentStatus, rs.getString("fulfilment_reference"), Db.instant(rs, "fulfilment_at"));
        return new OrderRow(rs.getString("id"), rs.getString("reference"), OrderStatus.valueOf(rs.getString("status")), rs.getString("customer_id"),
                rs.getString("call_id"), rs.getString("agent_id"), List.of(),
                Money.ofMinor(rs.getLong("total_minor"), currency), address, confirmation, cancellation,
                rs.getString("payment_id"), Db.instant(rs, "paid_at"), fulfilment, rs.getString("created_by"),
                Db.instant(rs, "created_at"), Db.instant(rs, "updated_at"));
    }
}
