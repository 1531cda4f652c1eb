package io.telepay.analytics;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

import io.telepay.call.CallEnded;
import io.telepay.call.TalkOutcome;
import io.telepay.fulfilment.FulfilmentCompleted;
import io.telepay.order.OrderConfirmed;
import io.telepay.order.OrderLine;
import io.telepay.order.OrderView;
import io.telepay.order.Orders;
import io.telepay.payment.ChargebackReceived;
import io.telepay.payment.PaymentCaptured;
import io.telepay.payment.PaymentRefunded;
import io.telepay.payment.PaymentDeclined;
import io.telepay.payment.PaymentSessionCreated;
import io.telepay.shared.Db;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the funnel's counters from the events of the call, order, payment and fulfilment modules. Each
 * listener runs in the publisher's transaction, so the counters commit with what they count, and counts an
 * event once however often it is heard: calls and declines by a seen-key, order stages by a timestamp set once.
 * Events may arrive in any order: whichever comes first for an order records where it counts.
 */
@Component
class FunnelFeed {

    private final JdbcClient jdbc;
    private final DailyCounters counters;
    private final Orders orders;
    private final Clock clock;
    private final ZoneId zone;

    FunnelFeed(JdbcClient jdbc, DailyCounters counters, Orders orders, Clock clock,
               @Value("${telepay.analytics.zone:Asia/Taipei}") ZoneId zone) {
        this.jdbc = jdbc;
        this.counters = counters;
        this.orders = orders;
        this.clock = clock;
        this.zone = zone;
    }

    @EventListener
    void on(CallEnded call) {
        if (!counters.firstTime("call:" + call.callId(), clock.instant())) {
            return;
        }
        counters.add(new DailyCounters.Cell(day(call.endedAt()), call.agentId(), DailyCounters.NO_PRODUCT, DailyCounters.NO_CURRENCY),
                Map.of("calls", 1L, "contacts", call.talkOutcome() == TalkOutcome.CONNECTED ? 1L : 0L,
                        "handle_seconds", call.handleSeconds()));
    }

    @EventListener
    void on(OrderConfirmed confirmed) {
        counted(confirmed.orderId());
    }

    @EventListener
    void on(PaymentSessionCreated session) {
        stage(session.orderId(), "session_at", Map.of("sessions", 1L));
    }

    @EventListener
    void on(PaymentCaptured captured) {
        stage(captured.orderId(), "paid_at", Map.of("paid", 1L, "paid_minor", captured.amount().minorUnits()));
    }

    @EventListener
    void on(PaymentDeclined declined) {
        if (!counters.firstTime("decline:" + declined.paymentId(), clock.instant())) {
            return;
        }
        counted(declined.orderId()).ifPresent(cell -> counters.add(cell, Map.of("declines", 1L)));
    }

    @EventListener
    void on(FulfilmentCompleted completed) {
        stage(completed.orderId(), "fulfilled_at", Map.of("fulfilled", 1L));
    }

    // An order counts once as refunded (or charged back), on its first refund; every refund adds its
    // amount, once however often its event is delivered (the refund id is the seen-key).
    @EventListener
    void on(PaymentRefunded refunded) {
        returned(refunded.orderId(), "refund:" + refunded.refundId(), "refunded", refunded.amount().minorUnits());
    }

    @EventListener
    void on(ChargebackReceived chargeback) {
        returned(chargeback.orderId(), "chargeback:" + chargeback.chargebackId(), "charged_back", chargeback.amount().minorUnits());
    }

    private void returned(String orderId, String seenKey, String stage, long minor) {
        if (!counters.firstTime(seenKey, clock.instant())) {
            return;
        }
        counted(orderId).ifPresent(cell -> {
            int first = jdbc.sql("update analytics_order set " + stage + "_at = :now where order_id = :order and " + stage + "_at is null")
                    .param("now", Db.ts(clock.instant())).param("order", orderId).update();
            counters.add(cell, first == 1 ? Map.of(stage, 1L, stage + "_minor", minor) : Map.of(stage + "_minor", minor));
        });
    }

    /** Counts an order's stage once: the first event to set its timestamp adds to the order's cell. */
    void stage(String orderId, String column, Map<String, Long> deltas) {
        Optional<DailyCounters.Cell> cell = counted(orderId);
        if (cell.isEmpty()) {
            return;
        }
        int first = jdbc.sql("update analytics_order set " + column + " = :now where order_id = :order and " + column + " is null")
                .param("now", Db.ts(clock.instant())).param("order", orderId).update();
        if (first == 1) {
            counters.add(cell.get(), deltas);
        }
    }

    /**
     * Where the order counts, recording it (and counting it as confirmed) the first time any of its events
     * arrives. Empty for an order that was never confirmed.
     */
    Optional<DailyCounters.Cell> counted(String orderId) {
        Optional<DailyCounters.Cell> known = cellOf(orderId);
        if (known.isPresent()) {
            return known;
        }
        OrderView order = orders.read(orderId);
        if (order.confirmedAt() == null || order.lines().isEmpty()) {
            return Optional.empty();
        }
        DailyCounters.Cell cell = new DailyCounters.Cell(day(order.confirmedAt()), order.agentId(), mainProduct(order),
                order.total().currencyCode());
        int inserted = jdbc.sql("""
                insert into analytics_order (order_id, business_day, agent_id, product_id, currency, amount_minor)
                values (:order, :day, :agent, :product, :currency, :amount) on conflict do nothing""")
                .param("order", orderId).param("day", cell.day()).param("agent", cell.agentId())
                .param("product", cell.productId()).param("currency", cell.currency())
                .param("amount", order.total().minorUnits()).update();
        if (inserted == 1) {
            counters.add(cell, Map.of("orders", 1L, "order_minor", order.total().minorUnits()));
        }
        return cellOf(orderId);
    }

    /** The line with the largest amount; the first of equals. */
    static String mainProduct(OrderView order) {
        return order.lines().stream()
                .max(Comparator.comparing((OrderLine line) -> line.lineTotal().amount())
                        .thenComparing(line -> -order.lines().indexOf(line)))
                .orElseThrow().productId();
    }

    private Optional<DailyCounters.Cell> cellOf(String orderId) {
        return jdbc.sql("select business_day, agent_id, product_id, currency from analytics_order where order_id = :order")
                .param("order", orderId)
                .query((rs, n) -> new DailyCounters.Cell(rs.getObject("business_day", LocalDate.class), rs.getString("agent_id"),
                        rs.getString("product_id"), rs.getString("currency")))
                .optional();
    }

    private LocalDate day(Instant at) {
        return at.atZone(zone).toLocalDate();
    }
}
