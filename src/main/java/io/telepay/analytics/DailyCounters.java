package io.telepay.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.telepay.shared.Db;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes the funnel's counters. Every write is an increment of one row, made race-safe without a lock
 * on anything but that row: update it, insert it when it is missing ({@code on conflict do nothing},
 * which PostgreSQL and H2 both read), and update again if another transaction inserted it first.
 */
@Component
class DailyCounters {

    static final String NO_PRODUCT = "-";
    static final String NO_CURRENCY = "-";

    /** The counters a row has; {@link #add} takes only these names. */
    static final Set<String> COUNTERS = Set.of("calls", "contacts", "handle_seconds", "orders", "order_minor", "sessions",
            "paid", "paid_minor", "declines", "fulfilled", "refunded", "refunded_minor", "charged_back", "charged_back_minor");

    /** Where a count goes. */
    record Cell(LocalDate day, String agentId, String productId, String currency) {
    }

    private final JdbcClient jdbc;

    DailyCounters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds {@code deltas} (counter name → amount) to the cell's row, creating it at zero first. */
    void add(Cell cell, Map<String, Long> deltas) {
        if (!COUNTERS.containsAll(deltas.keySet())) {
            throw new IllegalArgumentException("unknown counter in " + deltas.keySet());
        }
        if (update(cell, deltas) == 1) {
            return;
        }
        jdbc.sql("""
                insert into analytics_day (business_day, agent_id, product_id, currency) values (:day, :agent, :product, :currency)
                on conflict do nothing""")
                .param("day", cell.day()).param("agent", cell.agentId()).param("product", cell.productId())
                .param("currency", cell.currency()).update();
        update(cell, deltas);
    }

    private int update(Cell cell, Map<String, Long> deltas) {
        StringBuilder set = new StringBuilder();
        Map<String, Object> params = new LinkedHashMap<>();
        deltas.forEach((counter, delta) -> {
            if (!set.isEmpty()) {
                set.append(", ");
            }
            set.append(counter).append(" = ").append(counter).append(" + :").append(counter);
            params.put(counter, delta);
        });
        return jdbc.sql("update analytics_day set " + set
                        + " where business_day = :day and agent_id = :agent and product_id = :product and currency = :currency")
                .params(params).param("day", cell.day()).param("agent", cell.agentId()).param("product", cell.productId())
                .param("currency", cell.currency()).update();
    }

    /** True the first time a key is seen; false for an event delivered again. */
    boolean firstTime(String key, Instant now) {
        return jdbc.sql("insert into analytics_seen (event_key, seen_at) values (:key, :now) on conflict do nothing")
                .param("key", key).param("now", Db.ts(now)).update() == 1;
    }
}
