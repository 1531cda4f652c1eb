package io.telepay.customer.lead;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.telepay.shared.Db;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads {@link LeadHistory}s: a few leads for the live queue, or every lead offered in a window for training. */
@Component
class LeadHistories {

    private static final int CHUNK = 500;
    private static final String LEADS = """
            select l.id, l.customer_id, l.source, l.campaign, l.created_at, c.country, c.marketing_consent, c.consent_at,
                   c.created_at as customer_created_at, c.do_not_call, c.do_not_call_at
            from lead l join customer c on c.id = l.customer_id""";

    private final JdbcClient jdbc;

    LeadHistories(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The histories of these leads, by lead id (unknown ids are missing). */
    Map<String, LeadHistory> ofLeads(List<String> leadIds) {
        Map<String, LeadHistory> all = new HashMap<>();
        for (int i = 0; i < leadIds.size(); i += CHUNK) {
            List<String> chunk = leadIds.subList(i, Math.min(leadIds.size(), i + CHUNK));
            Map<String, Builder> leads = leads(LEADS + " where l.id in (:ids)", Map.of("ids", chunk));
            contacts("select k.lead_id, k.ended_at, k.disposition from lead_contact k where k.lead_id in (:ids)",
                    Map.of("ids", chunk), leads);
            Map<String, List<Builder>> byCustomer = byCustomer(leads);
            if (!byCustomer.isEmpty()) {
                orders("select o.customer_id, o.recorded_at, o.paid_at from customer_order o where o.customer_id in (:customers)",
                        Map.of("customers", List.copyOf(byCustomer.keySet())), byCustomer);
            }
            leads.values().forEach(b -> all.put(b.leadId, b.build()));
        }
        return all;
    }

    /** The histories of every lead offered to an agent in {@code [from, to)}, by lead id. */
    Map<String, LeadHistory> offeredBetween(Instant from, Instant to) {
        String offered = " exists (select 1 from lead_offer o where o.lead_id = %s and o.offered_at >= :from and o.offered_at < :to)";
        Map<String, Object> window = Map.of("from", Db.ts(from), "to", Db.ts(to));
        Map<String, Builder> leads = leads(LEADS + " where" + offered.formatted("l.id"), window);
        contacts("select k.lead_id, k.ended_at, k.disposition from lead_contact k where" + offered.formatted("k.lead_id"),
                window, leads);
        orders("select c.customer_id, c.recorded_at, c.paid_at from customer_order c where exists (select 1 from lead l where"
                        + " l.customer_id = c.customer_id and" + offered.formatted("l.id") + ")",
                window, byCustomer(leads));
        Map<String, LeadHistory> all = new HashMap<>();
        leads.values().forEach(b -> all.put(b.leadId, b.build()));
        return all;
    }

    private Map<String, Builder> leads(String sql, Map<String, ?> params) {
        Map<String, Builder> leads = new LinkedHashMap<>();
        jdbc.sql(sql).params(params).query((ResultSet rs) -> {
            Builder b = new Builder(rs);
            leads.put(b.leadId, b);
        });
        return leads;
    }

    private void contacts(String sql, Map<String, ?> params, Map<String, Builder> leads) {
        jdbc.sql(sql).params(params).query((ResultSet rs) -> {
            Builder b = leads.get(rs.getString("lead_id"));
            if (b != null) {
                b.contacts.add(new LeadHistory.Contact(Db.instant(rs, "ended_at"),
                        LeadQueue.Disposition.valueOf(rs.getString("disposition"))));
            }
        });
    }

    private void orders(String sql, Map<String, ?> params, Map<String, List<Builder>> byCustomer) {
        jdbc.sql(sql).params(params).query((ResultSet rs) -> {
            Instant at = Db.instant(rs, "recorded_at");
            Instant paid = Db.instant(rs, "paid_at");
            for (Builder b : byCustomer.getOrDefault(rs.getString("customer_id"), List.of())) {
                b.orders.add(at);
                if (paid != null) {
                    b.payments.add(paid);
                }
            }
        });
    }

    private static Map<String, List<Builder>> byCustomer(Map<String, Builder> leads) {
        Map<String, List<Builder>> byCustomer = new HashMap<>();
        leads.values().forEach(b -> byCustomer.computeIfAbsent(b.customerId, k -> new ArrayList<>()).add(b));
        return byCustomer;
    }

    private static final class Builder {
        final String leadId;
        final String customerId;
        final String source;
        final String campaign;
        final Instant createdAt;
        final String region;
        final Instant consentAt;
        final Instant doNotCallAt;
        final List<LeadHistory.Contact> contacts = new ArrayList<>();
        final List<Instant> orders = new ArrayList<>();
        final List<Instant> payments = new ArrayList<>();

        Builder(ResultSet rs) throws SQLException {
            leadId = rs.getString("id");
            customerId = rs.getString("customer_id");
            source = rs.getString("source");
            campaign = rs.getString("campaign");
            createdAt = Db.instant(rs, "created_at");
            region = rs.getString("country");
            Instant consented = Db.instant(rs, "consent_at");
            consentAt = rs.getBoolean("marketing_consent") ? (consented != null ? consented : Db.instant(rs, "customer_created_at")) : null;
            Instant dnc = Db.instant(rs, "do_not_call_at");
            // a flag without a date is older than anything we know: it counts from the beginning
            doNotCallAt = rs.getBoolean("do_not_call") ? (dnc != null ? dnc : Instant.EPOCH) : null;
        }

        LeadHistory build() {
            contacts.sort(Comparator.comparing(LeadHistory.Contact::endedAt));
            orders.sort(Comparator.naturalOrder());
            payments.sort(Comparator.naturalOrder());
            return new LeadHistory(leadId, customerId, source, campaign, createdAt, region, consentAt, doNotCallAt, contacts,
                    orders, payments);
        }
    }
}
