package io.telepay.risk.features;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.telepay.identity.StaffDirectory;
import io.telepay.identity.StaffUser;
import io.telepay.risk.rules.FeatureCatalog;
import io.telepay.risk.rules.FeatureValues;
import io.telepay.shared.Db;
import io.telepay.shared.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Computes every feature of the catalog for one attempt, as of a moment, by SQL over risk's own tables:
 * the same code for the live decision (as of now, the attempt already written) and for a backtest (as of
 * each stored attempt's time), so a backtest sees exactly what the engine would have seen. Outcomes
 * count only once they were known at that moment (declined_at, captured_at ≤ as-of).
 * Three round trips: velocity and distinct counts per subject (one UNION ALL, one index range per subject),
 * history, labels and sessions (one select of scalar subqueries); and the distinct cards of the agent's team today
 * ({@link AgentCards}, one row per team member). Every part reads an index on (subject, at).
 */
@Component
public class FeatureQueries {

    static final Duration[] WINDOWS = {Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(24), Duration.ofDays(7)};
    static final Duration SESSION_GRACE = Duration.ofMinutes(30);

    /** A subject's attempts over the week: its velocity features (unless only counted) and its distinct counts. */
    private record Subject(String name, String column, boolean velocity, Distinct... distincts) {
    }

    /** A distinct count: the feature's name before its window, and the column counted. */
    private record Distinct(String feature, String counted) {
    }

    private static final List<Subject> SUBJECTS = List.of(
            new Subject("card", "card_fp", true, new Distinct("card.distinctCustomers", "customer_id"),
                    new Distinct("card.distinctAgents", "agent_id")),
            new Subject("customer", "customer_id", true, new Distinct("customer.distinctCards", "card_fp")),
            new Subject("phone", "phone", true, new Distinct("phone.distinctCards", "card_fp"),
                    new Distinct("phone.distinctCustomers", "customer_id")),
            new Subject("agent", "agent_id", true, new Distinct("agent.distinctCards", "card_fp")),
            new Subject("ip", "ip", true, new Distinct("ip.distinctCards", "card_fp")),
            new Subject("device", "device", true, new Distinct("device.distinctCards", "card_fp")),
            new Subject("email", "email", true),
            new Subject("sentTo", "sent_to", false, new Distinct("sentTo.distinctCustomers", "customer_id")));

    private final JdbcClient jdbc;
    private final StaffDirectory staff;
    private final AgentCards agentCards;
    private final ZoneId zone;
    private final FeatureCatalog catalog = FeatureCatalog.standard();

    FeatureQueries(JdbcClient jdbc, StaffDirectory staff, AgentCards agentCards,
                   @Value("${telepay.risk.time-zone:Asia/Taipei}") String zone) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.agentCards = agentCards;
        this.zone = ZoneId.of(zone);
    }

    public ZoneId zone() {
        return zone;
    }

    /** The attempt's features as of its own time. */
    public FeatureValues compute(Attempt attempt) {
        return compute(attempt, new StaffCache(staff));
    }

    /** The same, reusing staff lookups across many attempts (backtests). */
    public FeatureValues compute(Attempt attempt, StaffCache staffCache) {
        return compute(attempt, attempt.at(), staffCache);
    }

    /** The attempt's features as of another moment (re-scoring after a late label). */
    public FeatureValues compute(Attempt attempt, Instant asOf, StaffCache staffCache) {
        FeatureValues values = new FeatureValues(catalog, attempt.currency());
        int digits = Math.max(0, Currency.getInstance(attempt.currency()).getDefaultFractionDigits());
        BigDecimal unit = BigDecimal.TEN.pow(digits);
        values.set("amount", major(attempt.amountMinor(), unit));
        values.set("hour", asOf.atZone(zone).getHour());
        values.set("channel", attempt.channel());
        values.set("card.bin", attempt.cardBin());
        values.set("card.binCountry", attempt.binCountry());
        values.set("customer.country", attempt.customerCountry());
        values.set("card.binCountryMismatch", attempt.binCountry() != null && attempt.customerCountry() != null
                && !attempt.binCountry().equalsIgnoreCase(attempt.customerCountry()));
        values.set("card.holderNameSimilarity", attempt.holderSimilarity());
        values.set("card.holderNameMismatch", !Double.isNaN(attempt.holderSimilarity()) && attempt.holderSimilarity() < 0.3);
        values.set("session.sentToOther", attempt.sentToOther());

        Map<String, Object> params = params(attempt, asOf);
        subjects(params, values, unit);
        history(attempt, params, values, unit);
        agentDay(attempt, asOf, values, staffCache);
        return values;
    }

    /**
     * One scan of each subject's week (one index range each, all in one statement): attempts, amounts and
     * declines per window, and the subject's distinct counts per window (columns x and y; 0 where it has fewer).
     */
    private void subjects(Map<String, Object> params, FeatureValues values, BigDecimal unit) {
        List<String> parts = new ArrayList<>();
        List<Subject> present = new ArrayList<>();
        for (Subject subject : SUBJECTS) {
            if (params.get(subject.column()) == null) {
                continue;
            }
            present.add(subject);
            String[] distinct = {"x", "y"};
            StringBuilder columns = new StringBuilder();
            for (int d = 0; d < distinct.length; d++) {
                String counted = d < subject.distincts().length ? subject.distincts()[d].counted() : null;
                String name = distinct[d];
                columns.append(windows(i -> counted == null ? "0 as " + name + i
                        : "count(distinct case when at > :t" + i + " then " + counted + " end) as " + name + i));
            }
            parts.add("select " + (present.size() - 1) + " as subject"
                    + windows(i -> "count(case when at > :t" + i + " then 1 end) as a" + i)
                    + windows(i -> "coalesce(sum(case when at > :t" + i + " and currency = :currency then amount_minor end), 0) as s" + i)
                    + windows(i -> "count(case when at > :t" + i + " and declined_at <= :asOf then 1 end) as d" + i)
                    + columns
                    + " from risk_attempt where " + subject.column() + " = :" + subject.column() + " and at > :t3 and at <= :asOf");
        }
        if (parts.isEmpty()) {
            return;
        }
        jdbc.sql(String.join(" union all ", parts)).params(params).query((rs, row) -> {
            Subject subject = present.get(rs.getInt("subject"));
            for (int i = 0; i < WINDOWS.length; i++) {
                String window = FeatureCatalog.WINDOWS.get(i);
                if (subject.velocity()) {
                    long attempts = rs.getLong("a" + i);
                    long declines = rs.getLong("d" + i);
                    values.set(subject.name() + ".attempts." + window, attempts);
                    values.set(subject.name() + ".amount." + window, major(rs.getLong("s" + i), unit));
                    values.set(subject.name() + ".declines." + window, declines);
                    values.set(subject.name() + ".declineRatio." + window, attempts == 0 ? 0 : (double) declines / attempts);
                }
                for (int d = 0; d < subject.distincts().length; d++) {
                    values.set(subject.distincts()[d].feature() + "." + window, rs.getLong((d == 0 ? "x" : "y") + i));
                }
            }
            return subject;
        }).list();
    }

    private void history(Attempt attempt, Map<String, Object> params, FeatureValues values, BigDecimal unit) {
        jdbc.sql("""
                select
                  (select count(*) from risk_attempt where card_fp = :card_fp and at < :asOf) as card_before,
                  (select count(*) from risk_attempt where customer_id = :customer_id and captured_at <= :asOf and currency = :currency) as customer_n,
                  (select sum(amount_minor) from risk_attempt where customer_id = :customer_id and captured_at <= :asOf and currency = :currency) as customer_sum,
                  (select max(amount_minor) from risk_attempt where customer_id = :customer_id and captured_at <= :asOf and currency = :currency) as customer_max,
                  (select sum(captures) from risk_product_day where product_sku = :product_sku and currency = :currency
                      and business_day >= :monthAgo and business_day < :today) as product_n,
                  (select sum(amount_minor) from risk_product_day where product_sku = :product_sku and currency = :currency
                      and business_day >= :monthAgo and business_day < :today) as product_sum,
                  (select count(*) from risk_label where kind = 'CARD' and item = :card_fp and outcome = 'FRAUD' and at <= :asOf) as card_labels,
                  (select count(*) from risk_label where kind = 'CUSTOMER' and item = :customer_id and outcome = 'FRAUD' and at <= :asOf) as customer_labels,
                  (select count(*) from risk_label where kind = 'AGENT' and item = :agent_id and outcome = 'FRAUD' and at <= :asOf) as agent_labels,
                  (select count(*) from risk_label where kind = 'PHONE' and item = :phone and outcome = 'FRAUD' and at <= :asOf) as phone_labels,
                  (select count(*) from risk_session s where s.agent_id = :agent_id and s.opened_at > :t2 and s.opened_at <= :graceAgo
                      and not exists (select 1 from risk_attempt x where x.order_id = s.order_id and x.at <= :asOf)) as unfinished_24h,
                  (select count(*) from risk_session s where s.agent_id = :agent_id and s.opened_at > :t3 and s.opened_at <= :graceAgo
                      and not exists (select 1 from risk_attempt x where x.order_id = s.order_id and x.at <= :asOf)) as unfinished_7d,
                  (select count(*) from risk_attempt where agent_id = :agent_id and at > :t3 and at <= :asOf and sent_elsewhere) as sent_elsewhere,
                  (select count(*) from risk_attempt where agent_id = :agent_id and refunded_at > :t3 and refunded_at <= :asOf
                      and refund_delay_s <= 86400) as quick_refunds
                """).params(params).query((rs, row) -> {
            values.set("card.firstSeen", attempt.cardFingerprint() != null && rs.getLong("card_before") == 0);
            long customerPayments = rs.getLong("customer_n");
            values.set("customer.priorPayments", customerPayments);
            if (customerPayments > 0) {
                double average = major(rs.getLong("customer_sum"), unit) / customerPayments;
                values.set("customer.averageAmount", average);
                values.set("customer.maxAmount", major(rs.getLong("customer_max"), unit));
                values.set("amount.customerRatio", average == 0 ? Double.NaN : major(attempt.amountMinor(), unit) / average);
            }
            long productPayments = rs.getLong("product_n");
            values.set("product.priorPayments", productPayments);
            if (productPayments > 0) {
                double average = major(rs.getLong("product_sum"), unit) / productPayments;
                values.set("product.averageAmount", average);
                values.set("amount.productRatio", average == 0 ? Double.NaN : major(attempt.amountMinor(), unit) / average);
            }
            values.set("card.fraudLabels", rs.getLong("card_labels"));
            values.set("customer.fraudLabels", rs.getLong("customer_labels"));
            values.set("agent.fraudLabels", rs.getLong("agent_labels"));
            values.set("phone.fraudLabels", rs.getLong("phone_labels"));
            values.set("agent.sessionsUnfinished.24h", rs.getLong("unfinished_24h"));
            values.set("agent.sessionsUnfinished.7d", rs.getLong("unfinished_7d"));
            values.set("agent.sessionsSentElsewhere.7d", rs.getLong("sent_elsewhere"));
            values.set("agent.quickRefunds.7d", rs.getLong("quick_refunds"));
            return row;
        }).single();
    }

    /** Distinct cards on the agent's sales today against the median of their team's agents (zeros included). */
    private void agentDay(Attempt attempt, Instant asOf, FeatureValues values, StaffCache staffCache) {
        if (attempt.agentId() == null) {
            return;
        }
        StaffUser agent = staffCache.user(attempt.agentId());
        if (agent != null) {
            values.set("agent.tenureDays", Math.max(0, Duration.between(agent.createdAt(), asOf).toHours() / 24.0));
        }
        String team = attempt.team();
        Map<String, Long> cardsByAgent = agentCards.today(attempt.agentId(), team, asOf);
        long own = cardsByAgent.getOrDefault(attempt.agentId(), 0L);
        values.set("agent.cardsToday", own);
        List<Long> counts = new ArrayList<>();
        if (team != null) {
            for (StaffUser member : staffCache.team(team)) {
                if (member.role() == Role.AGENT && !member.createdAt().isAfter(asOf)) {
                    counts.add(cardsByAgent.getOrDefault(member.id(), 0L));
                }
            }
        }
        if (counts.isEmpty()) {
            counts.add(own);
        }
        values.set("agent.teamMedianCardsToday", median(counts));
    }

    static double median(List<Long> counts) {
        List<Long> sorted = counts.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    private Map<String, Object> params(Attempt attempt, Instant asOf) {
        Map<String, Object> params = new HashMap<>();
        params.put("card_fp", attempt.cardFingerprint());
        params.put("customer_id", attempt.customerId());
        params.put("phone", attempt.phone());
        params.put("agent_id", attempt.agentId());
        params.put("ip", attempt.ip());
        params.put("device", attempt.device());
        params.put("email", attempt.email());
        params.put("sent_to", attempt.sentTo());
        params.put("product_sku", attempt.productSku());
        params.put("currency", attempt.currency());
        params.put("asOf", Db.ts(asOf));
        params.put("graceAgo", Db.ts(asOf.minus(SESSION_GRACE)));
        java.time.LocalDate today = asOf.atZone(zone).toLocalDate();
        params.put("today", today);
        params.put("monthAgo", today.minusDays(30));
        for (int i = 0; i < WINDOWS.length; i++) {
            params.put("t" + i, Db.ts(asOf.minus(WINDOWS[i])));
        }
        return params;
    }

    private static String windows(java.util.function.IntFunction<String> column) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < WINDOWS.length; i++) {
            sql.append(", ").append(column.apply(i));
        }
        return sql.toString();
    }

    private static double major(long minor, BigDecimal unit) {
        return BigDecimal.valueOf(minor).divide(unit).doubleValue();
    }

    /** Staff look-ups for one computation or one backtest run (a team does not change within one). */
    public static final class StaffCache {
        private final StaffDirectory staff;
        private final Map<String, StaffUser> users = new HashMap<>();
        private final Map<String, List<StaffUser>> teams = new HashMap<>();

        public StaffCache(StaffDirectory staff) {
            this.staff = staff;
        }

        public StaffUser user(String id) {
            return users.computeIfAbsent(id, key -> staff.find(key).orElse(null));
        }

        List<StaffUser> team(String team) {
            return teams.computeIfAbsent(team, staff::team);
        }
    }
}
