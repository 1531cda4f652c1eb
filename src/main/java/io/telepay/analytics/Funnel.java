package io.telepay.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.telepay.catalog.Catalog;
import io.telepay.catalog.Product;
import io.telepay.identity.StaffDirectory;
import io.telepay.identity.StaffUser;
import io.telepay.shared.Actor;
import io.telepay.shared.Actors;
import io.telepay.shared.Money;
import io.telepay.shared.NotFound;
import io.telepay.shared.ReportDatabase;
import io.telepay.shared.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the sales funnel from the daily counters: one indexed range scan and one aggregation, whatever
 * the period, so a year answers as fast as a day does. Reach: admins all agents, supervisors their team,
 * agents themselves.
 */
@Service
public class Funnel {

    private static final String SUMS = """
            sum(calls) as calls, sum(contacts) as contacts, sum(handle_seconds) as handle_seconds, sum(orders) as orders,
            sum(order_minor) as order_minor, sum(sessions) as sessions, sum(paid) as paid, sum(paid_minor) as paid_minor,
            sum(declines) as declines, sum(fulfilled) as fulfilled, sum(refunded) as refunded,
            sum(refunded_minor) as refunded_minor, sum(charged_back) as charged_back, sum(charged_back_minor) as charged_back_minor""";

    private final ReportDatabase reports;
    private final StaffDirectory staff;
    private final Catalog catalog;
    private final Clock clock;
    private final ZoneId zone;

    Funnel(ReportDatabase reports, StaffDirectory staff, Catalog catalog, Clock clock,
           @Value("${telepay.analytics.zone:Asia/Taipei}") ZoneId zone) {
        this.reports = reports;
        this.staff = staff;
        this.catalog = catalog;
        this.clock = clock;
        this.zone = zone;
    }

    /** Today in the business time zone, for default periods. */
    public LocalDate today() {
        return clock.instant().atZone(zone).toLocalDate();
    }

    public ZoneId zone() {
        return zone;
    }

    /**
     * The funnel for the current actor's reach.
     *
     * @throws NotFound naming the agent when {@code agentId} is not within reach
     */
    @Transactional(readOnly = true)
    public FunnelReport report(FunnelQuery query) {
        Actor actor = Actors.current();
        List<String> agents = agentsInReach(actor, query.agentId());
        if (agents != null && agents.isEmpty()) {
            return new FunnelReport(query.from(), query.to(), query.groupBy(), zone.getId(), List.of(), Sums.empty().row("total", "total"));
        }
        String key = switch (query.groupBy()) {
            case AGENT -> "agent_id";
            case PRODUCT -> "product_id";
            case DAY -> "business_day";
        };
        StringBuilder sql = new StringBuilder("select ").append(key).append(" as k, currency, ").append(SUMS)
                .append(" from analytics_day where business_day >= :from and business_day <= :to");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("from", query.from());
        params.put("to", query.to());
        if (agents != null) {
            sql.append(" and agent_id in (:agents)");
            params.put("agents", agents);
        }
        sql.append(" group by ").append(key).append(", currency");
        Map<String, Sums> byKey = new TreeMap<>();
        Sums total = Sums.empty();
        // the counters may lag on a replica by seconds: a report shows them, nothing decides on them
        for (Cut cut : reports.jdbc().sql(sql.toString()).params(params).query(Funnel::cut).list()) {
            byKey.computeIfAbsent(cut.key(), k -> Sums.empty()).add(cut);
            total.add(cut);
        }
        List<FunnelRow> rows = new ArrayList<>();
        Map<String, String> labels = labels(query.groupBy(), byKey.keySet());
        byKey.forEach((k, sums) -> rows.add(sums.row(k, labels.getOrDefault(k, k))));
        if (query.groupBy() != GroupBy.DAY) {
            rows.sort(Comparator.comparingLong(FunnelRow::ordersConfirmed).reversed()
                    .thenComparing(Comparator.comparingLong(FunnelRow::calls).reversed())
                    .thenComparing(FunnelRow::label));
        }
        return new FunnelReport(query.from(), query.to(), query.groupBy(), zone.getId(), rows, total.row("total", "total"));
    }

    /** Null for every agent; else the agents whose counters the actor may read (possibly none). */
    private List<String> agentsInReach(Actor actor, String agentId) {
        List<String> reach = switch (actor.role()) {
            case ADMIN -> null;
            case SUPERVISOR -> actor.team() == null ? List.of()
                    : staff.team(actor.team()).stream().map(StaffUser::id).toList();
            case AGENT -> List.of(actor.id());
            default -> List.of();
        };
        if (agentId == null) {
            return reach;
        }
        if (reach != null && !reach.contains(agentId)) {
            throw new NotFound("agent", agentId);
        }
        return List.of(agentId);
    }

    private Map<String, String> labels(GroupBy groupBy, Iterable<String> keys) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String key : keys) {
            switch (groupBy) {
                case AGENT -> staff.find(key).map(StaffUser::displayName).ifPresent(name -> labels.put(key, name));
                case PRODUCT -> {
                    if (DailyCounters.NO_PRODUCT.equals(key)) {
                        labels.put(key, "calls");
                    } else {
                        catalog.find(key).map(Product::name).ifPresent(name -> labels.put(key, name));
                    }
                }
                case DAY -> { }
            }
        }
        return labels;
    }

    /** One (key, currency) line of the aggregation. */
    private record Cut(String key, String currency, long calls, long contacts, long handleSeconds, long orders,
                       long orderMinor, long sessions, long paid, long paidMinor, long declines, long fulfilled,
                       long refunded, long refundedMinor, long chargedBack, long chargedBackMinor) {
    }

    private static Cut cut(ResultSet rs, int n) throws SQLException {
        Object key = rs.getObject("k");
        String text = key instanceof java.sql.Date date ? date.toLocalDate().toString() : key.toString();
        return new Cut(text, rs.getString("currency"), rs.getLong("calls"), rs.getLong("contacts"),
                rs.getLong("handle_seconds"), rs.getLong("orders"), rs.getLong("order_minor"), rs.getLong("sessions"),
                rs.getLong("paid"), rs.getLong("paid_minor"), rs.getLong("declines"), rs.getLong("fulfilled"),
                rs.getLong("refunded"), rs.getLong("refunded_minor"), rs.getLong("charged_back"), rs.getLong("charged_back_minor"));
    }

    /** Counts of one row, and its amounts and order counts per currency. */
    private static final class Sums {
        long calls, contacts, handleSeconds, orders, sessions, paid, declines, fulfilled, refunded, chargedBack;
        final Map<String, long[]> money = new TreeMap<>(); // currency → orders, order, paid, refunded, charged back

        static Sums empty() {
            return new Sums();
        }

        void add(Cut cut) {
            calls += cut.calls();
            contacts += cut.contacts();
            handleSeconds += cut.handleSeconds();
            orders += cut.orders();
            sessions += cut.sessions();
            paid += cut.paid();
            declines += cut.declines();
            fulfilled += cut.fulfilled();
            refunded += cut.refunded();
            chargedBack += cut.chargedBack();
            if (!DailyCounters.NO_CURRENCY.equals(cut.currency())) {
                long[] m = money.computeIfAbsent(cut.currency(), c -> new long[5]);
                m[0] += cut.orders();
                m[1] += cut.orderMinor();
                m[2] += cut.paidMinor();
                m[3] += cut.refundedMinor();
                m[4] += cut.chargedBackMinor();
            }
        }

        FunnelRow row(String key, String label) {
            List<Money> orderAmounts = new ArrayList<>();
            List<Money> paidAmounts = new ArrayList<>();
            List<Money> refundedAmounts = new ArrayList<>();
            List<Money> chargedBackAmounts = new ArrayList<>();
            List<Money> averages = new ArrayList<>();
            money.forEach((code, m) -> {
                var currency = Money.currency(code);
                orderAmounts.add(Money.ofMinor(m[1], currency));
                if (m[2] != 0) {
                    paidAmounts.add(Money.ofMinor(m[2], currency));
                }
                if (m[3] != 0) {
                    refundedAmounts.add(Money.ofMinor(m[3], currency));
                }
                if (m[4] != 0) {
                    chargedBackAmounts.add(Money.ofMinor(m[4], currency));
                }
                if (m[0] > 0) {
                    long average = BigDecimal.valueOf(m[1]).divide(BigDecimal.valueOf(m[0]), 0, RoundingMode.HALF_EVEN).longValueExact();
                    averages.add(Money.ofMinor(average, currency));
                }
            });
            return new FunnelRow(key, label, calls, contacts, handleSeconds, orders, sessions, paid, fulfilled, refunded,
                    chargedBack, declines, orderAmounts, paidAmounts, refundedAmounts, chargedBackAmounts,
                    ratio(orders, contacts), calls == 0 ? null : Math.round((double) handleSeconds / calls),
                    ratio(declines, declines + paid), averages);
        }

        private static BigDecimal ratio(long part, long whole) {
            return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_EVEN);
        }
    }
}
