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
import java.util.concurrent.ConcurrentHashMap;

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
 * Three round trips: velocity and distinct counts per subject (one UNION ALL, one index range per subject, grouped
 * by window), history, labels and sessions (one select of cross-joined aggregates); and the distinct
 * cards of the agent's team today ({@link AgentCards}, one row per team member). Every part reads an index on
 * (subject, at). Staff facts come from {@link StaffLookups}, in memory.
 */
@Component
public class FeatureQueries {

    static final Duration[] WINDOWS = {Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(24), Duration.ofDays(7)};
    static final Duration SESSION_GRACE = Duration.ofMinutes(30);
    /** A phone changed this long or less before a pay link was sent to it counts as changed for the link. */
    static final Duration PHONE_CHANGE_WINDOW = Duration.ofHours(24);
    /** What the subjects' scan sums per subject and window: attempts, amounts, declines, two distinct counts. */
    private static final int PARTS = 5;

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

    private final Map<Integer, String> subjectsSql = new ConcurrentHashMap<>();
    private final JdbcClient jdbc;
    private final StaffLookups staff;
    private final AgentCards agentCards;
    private final StaffFootprints footprints;
    private final ZoneId zone;
    private final FeatureCatalog catalog = FeatureCatalog.standard();

    FeatureQueries(JdbcClient jdbc, StaffLookups staff, AgentCards agentCards, StaffFootprints footprints,
                   @Value("${telepay.risk.time-zone:Asia/Taipei}") String zone) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.agentCards = agentCards;
        this.footprints = footprints;
        this.zone = ZoneId.of(zone);
    }

    public ZoneId zone() {
        return zone;
    }

    /** The attempt's features as of its own time. */
    public FeatureValues compute(Attempt attempt) {
        return compute(attempt, attempt.at());
    }

    /** The attempt's features as of another moment (re-scoring after a late label). */
    public FeatureValues compute(Attempt attempt, Instant asOf) {
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
        agentDay(attempt, asOf, values);
        staffTraces(attempt, asOf, values);
        return values;
    }

    /** Issue 17: a pay page opened from staff's device, address or network; a link sent to a number changed just before. */
    private void staffTraces(Attempt attempt, Instant asOf, FeatureValues values) {
        StaffFootprints.Match match = footprints.match(attempt.ip(), attempt.device(), asOf);
        values.set("payPage.staffDevice", match.device());
        values.set("payPage.staffAddress", match.address());
        values.set("payPage.staffNetwork", match.network());
        values.set("payPage.staff", match.staff().isEmpty() ? null : String.join(", ", match.staff()));
        StaffFootprints.PhoneChange change = footprints.phoneChangeBeforeLink(attempt.orderId(), attempt.customerId(),
                attempt.sentTo(), asOf);
        values.set("session.phoneChangedBeforeLink", change != null && change.beforeLink().compareTo(PHONE_CHANGE_WINDOW) <= 0);
        if (change != null) {
            values.set("session.phoneChangedMinutesBeforeLink", change.beforeLink().toSeconds() / 60.0);
            values.set("session.phoneChangedBy", change.changedBy());
        }
    }

    /**
     * One scan of each subject's week (one index range each, all in one statement), summed per window the attempts
     * fall in: counts, amounts and declines per narrowest window, and each distinct count's values per the narrowest
     * window they were seen in. A window's figure is its own and the narrower ones'. At most four rows per subject
     * and count, whatever the subject's volume, and no distinct aggregate on the server (each is a sort of its own:
     * 64 per decision were most of the statement's time).
     */
    private void subjects(Map<String, Object> params, FeatureValues values, BigDecimal unit) {
        List<Subject> present = new ArrayList<>();
        int mask = 0;
        for (int s = 0; s < SUBJECTS.size(); s++) {
            if (params.get(SUBJECTS.get(s).column()) != null) {
                present.add(SUBJECTS.get(s));
                mask |= 1 << s;
            }
        }
        if (present.isEmpty()) {
            return;
        }
        long[][][] sums = new long[present.size()][PARTS][WINDOWS.length];
        jdbc.sql(subjectsSql.computeIfAbsent(mask, m -> subjectsSql(present))).params(params).query((rs, row) -> {
            long[][] subject = sums[rs.getInt("subject")];
            int part = rs.getInt("part");
            int narrowest = rs.getInt("w");
            if (part == 0) {
                addFrom(subject[0], narrowest, rs.getLong("n"));
                addFrom(subject[1], narrowest, rs.getLong("amount"));
                addFrom(subject[2], narrowest, rs.getLong("declines"));
            } else {
                addFrom(subject[2 + part], narrowest, rs.getLong("n"));
            }
            return row;
        }).list();
        for (int s = 0; s < sums.length; s++) {
            Subject subject = present.get(s);
            long[] attempts = sums[s][0];
            long[] declines = sums[s][2];
            for (int i = 0; i < WINDOWS.length; i++) {
                String window = FeatureCatalog.WINDOWS.get(i);
                if (subject.velocity()) {
                    values.set(subject.name() + ".attempts." + window, attempts[i]);
                    values.set(subject.name() + ".amount." + window, major(sums[s][1][i], unit));
                    values.set(subject.name() + ".declines." + window, declines[i]);
                    values.set(subject.name() + ".declineRatio." + window,
                            attempts[i] == 0 ? 0 : (double) declines[i] / attempts[i]);
                }
                for (int d = 0; d < subject.distincts().length; d++) {
                    values.set(subject.distincts()[d].feature() + "." + window, sums[s][3 + d][i]);
                }
            }
        }
    }

    /** What falls in a window falls in every wider one. */
    private static void addFrom(long[] windows, int narrowest, long value) {
        for (int i = narrowest; i < windows.length; i++) {
            windows[i] += value;
        }
    }

    /**
     * The statement for these subjects (built once per combination of subjects present). Part 0 is the velocity
     * per narrowest window ({@code w}, 0 = 10 min); parts 1 and 2 count the values of the first and second distinct
     * count by the narrowest window each was seen in.
     */
    private static String subjectsSql(List<Subject> present) {
        List<String> parts = new ArrayList<>();
        for (Subject subject : present) {
            Distinct[] distincts = subject.distincts();
            parts.add("select " + parts.size() + " as subject,"
                    + " case when at > :t0 then 0 when at > :t1 then 1 when at > :t2 then 2 else 3 end as w, "
                    + (distincts.length > 0 ? distincts[0].counted() : "cast(null as varchar(64))") + " as x, "
                    + (distincts.length > 1 ? distincts[1].counted() : "cast(null as varchar(64))") + " as y,"
                    + " currency, amount_minor, declined_at"
                    + " from risk_attempt where " + subject.column() + " = :" + subject.column()
                    + " and at > :t3 and at <= :asOf");
        }
        return "with week as (" + String.join(" union all ", parts) + ")"
                + " select subject, w, 0 as part, count(*) as n,"
                + " coalesce(sum(case when currency = :currency then amount_minor end), 0) as amount,"
                + " count(case when declined_at <= :asOf then 1 end) as declines from week group by subject, w"
                + " union all select subject, w, 1, count(*), 0, 0 from"
                + " (select subject, x, min(w) as w from week where x is not null group by subject, x) seen group by subject, w"
                + " union all select subject, w, 2, count(*), 0, 0 from"
                + " (select subject, y, min(w) as w from week where y is not null group by subject, y) seen group by subject, w";
    }

    private void history(Attempt attempt, Map<String, Object> params, FeatureValues values, BigDecimal unit) {
        // one row: each part reads one index range (the labels four), scanned once for all its columns
        jdbc.sql("""
                select * from
                  (select count(*) as card_before from risk_attempt where card_fp = :card_fp and at < :asOf) card
                  cross join (select count(*) as customer_n, sum(amount_minor) as customer_sum, max(amount_minor) as customer_max
                      from risk_attempt where customer_id = :customer_id and captured_at <= :asOf and currency = :currency) customer
                  cross join (select sum(captures) as product_n, sum(amount_minor) as product_sum from risk_product_day
                      where product_sku = :product_sku and currency = :currency and business_day >= :monthAgo and business_day < :today) product
                  cross join (select count(case when kind = 'CARD' then 1 end) as card_labels,
                        count(case when kind = 'CUSTOMER' then 1 end) as customer_labels,
                        count(case when kind = 'AGENT' then 1 end) as agent_labels,
                        count(case when kind = 'PHONE' then 1 end) as phone_labels
                      from risk_label where outcome = 'FRAUD' and at <= :asOf and ((kind = 'CARD' and item = :card_fp)
                        or (kind = 'CUSTOMER' and item = :customer_id) or (kind = 'AGENT' and item = :agent_id) or (kind = 'PHONE' and item = :phone))) labels
                  cross join (select count(case when s.opened_at > :t2 then 1 end) as unfinished_24h, count(*) as unfinished_7d
                      from risk_session s where s.agent_id = :agent_id and s.opened_at > :t3 and s.opened_at <= :graceAgo
                        and not exists (select 1 from risk_attempt x where x.order_id = s.order_id and x.at <= :asOf)) sessions
                  cross join (select count(case when at > :t3 and at <= :asOf and sent_elsewhere then 1 end) as sent_elsewhere,
                        count(case when refunded_at > :t3 and refunded_at <= :asOf and refund_delay_s <= 86400 then 1 end) as quick_refunds
                      from risk_attempt where agent_id = :agent_id and (at > :t3 and at <= :asOf or refunded_at > :t3 and refunded_at <= :asOf)) agent
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
    private void agentDay(Attempt attempt, Instant asOf, FeatureValues values) {
        if (attempt.agentId() == null) {
            return;
        }
        StaffUser agent = staff.user(attempt.agentId());
        if (agent != null) {
            values.set("agent.tenureDays", Math.max(0, Duration.between(agent.createdAt(), asOf).toHours() / 24.0));
        }
        String team = attempt.team();
        Map<String, Long> cardsByAgent = agentCards.today(attempt.agentId(), team, asOf);
        long own = cardsByAgent.getOrDefault(attempt.agentId(), 0L);
        values.set("agent.cardsToday", own);
        List<Long> counts = new ArrayList<>();
        if (team != null) {
            for (StaffUser member : staff.team(team)) {
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

    private static double major(long minor, BigDecimal unit) {
        return BigDecimal.valueOf(minor).divide(unit).doubleValue();
    }
}
