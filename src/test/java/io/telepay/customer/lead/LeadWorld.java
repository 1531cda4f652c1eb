package io.telepay.customer.lead;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A seeded telesales world for measuring the learned lead model against the hand-written score (issue 18).
 *
 * <p><b>What it makes.</b> {@code leads} leads, one customer each, created evenly over {@code days} days ending at
 * {@code end}. Sources: web 35%, partner 20%, list 20%, event 15%, referral 10%; campaigns are a source and the
 * week the lead came in. Regions: TW 60%, CN 25%, HK 10%, MO 5%. 55% consented to marketing before the lead came.
 * 25% are earlier customers with 1–3 orders in the 400 days before. Honest agents call every lead the queue offers:
 * the first call 0–3 days (exponential, mean 1.5) after the lead came, at a uniformly random time between 08:00 and
 * 22:00 Taipei time, any day of the week (all four regions are UTC+8, so this is the customer's local time too).
 *
 * <p><b>What happens on a call.</b> The customer answers with probability
 * σ(0.3 + hour + 0.3·weekend − 0.2·unanswered so far), hour = evening (18–21) +0.6, morning (9–12) 0, afternoon
 * (12–18) −0.2, otherwise −1.0. If they answer, they buy with their <i>latent propensity</i>
 * <pre>
 *   logit p = −2.6 + source + region + hour + 0.3·weekend + 0.8·min(callbacks asked, 2) − 0.35·unanswered
 *             − 0.9·calls without a sale + 0.6·min(past orders, 3) + 0.4·(ordered in the last 90 days)
 *             + 0.7·consent − 0.25·ln(1 + lead age in days) + u
 *   source:  referral +1.0, event +0.5, web +0.2, partner 0, list −0.6
 *   region:  HK +0.2, TW 0, MO 0, CN −0.3
 *   hour:    evening +0.5, morning +0.2, afternoon 0, otherwise −0.6
 *   u:       the customer's own taste, Normal(0, 0.8), drawn once, seen by neither score
 * </pre>
 * A sale is an order 2–20 minutes into the call (SALE, the lead closes). Otherwise: 30% ask for a callback
 * (CALLBACK, called again 1–5 days later), 2% ask never to be called (DO_NOT_CALL), the rest decline (NO_SALE,
 * closed); after a CALLBACK or NO_SALE the customer still orders on their own within 1–6 days with probability
 * 0.15·p. An unanswered call (NO_ANSWER) is tried again 4 hours to 3 days later, at most 6 calls a lead.
 *
 * <p><b>What is recorded</b> is what Telepay records: customers, leads, each call's outcome ({@code lead_contact}),
 * each offer with the hand-written score the queue computed at that moment from the campaign's and source's
 * conversion so far, the lead's age, past orders and attempts ({@code lead_offer}), and orders
 * ({@code customer_order}). No model score is recorded: the world is before any model.
 */
final class LeadWorld {

    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final String[] SOURCES = {"web", "partner", "list", "event", "referral"};
    private static final double[] SOURCE_SHARE = {0.35, 0.20, 0.20, 0.15, 0.10};
    private static final double[] SOURCE_EFFECT = {0.2, 0.0, -0.6, 0.5, 1.0};
    private static final String[] REGIONS = {"TW", "CN", "HK", "MO"};
    private static final double[] REGION_SHARE = {0.60, 0.25, 0.10, 0.05};
    private static final double[] REGION_EFFECT = {0.0, -0.3, 0.2, 0.0};
    private static final int MAX_CALLS = 6;
    private static final int BATCH = 5_000;

    /** What was written. */
    record Written(int leads, int offers, int orders, long millis) {
    }

    private static final class Lead {
        int index;
        int source;
        int region;
        String campaign;
        Instant createdAt;
        Instant consentAt;
        double taste;
        final List<Instant> orders = new ArrayList<>();
        int calls;
        int unanswered;
        int callbacks;
        int noSales;
        boolean closed;
        boolean converted;
        String outcome;
        LeadQueue.Disposition last;
        Instant lastAt;
        Instant doNotCallAt;
    }

    private record Event(Instant at, int lead, boolean order) {
    }

    private final SplittableRandom random;
    private final Map<String, long[]> campaignStats = new HashMap<>();
    private final Map<String, long[]> sourceStats = new HashMap<>();

    LeadWorld(long seed) {
        random = new SplittableRandom(seed);
    }

    Written write(JdbcTemplate db, int count, int days, Instant end) {
        long started = System.nanoTime();
        Instant start = end.minus(Duration.ofDays(days));
        List<Lead> leads = new ArrayList<>(count);
        PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.at().compareTo(b.at()));
        for (int i = 0; i < count; i++) {
            Lead lead = new Lead();
            lead.index = i;
            lead.source = pick(SOURCE_SHARE);
            lead.region = pick(REGION_SHARE);
            lead.createdAt = start.plusSeconds((long) ((double) i / count * days * 86_400)).plusSeconds(random.nextInt(600));
            LocalDate week = lead.createdAt.atZone(TAIPEI).toLocalDate().with(DayOfWeek.MONDAY);
            lead.campaign = SOURCES[lead.source] + "-" + week;
            if (random.nextDouble() < 0.55) {
                lead.consentAt = lead.createdAt.minus(Duration.ofDays(1 + random.nextInt(300)));
            }
            lead.taste = random.nextGaussian() * 0.8;
            if (random.nextDouble() < 0.25) {
                int past = 1 + random.nextInt(3);
                for (int k = 0; k < past; k++) {
                    lead.orders.add(lead.createdAt.minus(Duration.ofDays(1 + random.nextInt(400))));
                }
                lead.orders.sort(null);
            }
            leads.add(lead);
            events.add(new Event(workingTime(lead.createdAt.plusSeconds((long) (-Math.log(1 - random.nextDouble()) * 1.5 * 86_400))),
                    i, false));
        }
        List<Object[]> offers = new ArrayList<>();
        List<Object[]> contacts = new ArrayList<>();
        List<Object[]> orders = new ArrayList<>();
        while (!events.isEmpty()) {
            Event event = events.poll();
            if (!event.at().isBefore(end)) {
                continue;
            }
            Lead lead = leads.get(event.lead());
            if (event.order()) {
                order(lead, event.at(), orders);
                continue;
            }
            if (lead.closed) {
                continue;
            }
            call(lead, event.at(), offers, contacts, orders, events);
        }
        insert(db, leads, offers, contacts, orders, end);
        return new Written(count, offers.size(), orders.size(), (System.nanoTime() - started) / 1_000_000);
    }

    private void call(Lead lead, Instant at, List<Object[]> offers, List<Object[]> contacts, List<Object[]> orders,
                      PriorityQueue<Event> events) {
        String offerId = "lof_w" + offers.size();
        long[] campaign = campaignStats.computeIfAbsent(lead.campaign, k -> new long[2]);
        long[] source = sourceStats.computeIfAbsent(SOURCES[lead.source], k -> new long[2]);
        int pastOrders = (int) lead.orders.stream().filter(o -> o.isBefore(at)).count();
        LeadScore hand = LeadScoring.score(new LeadFacts(lead.createdAt, at,
                new LeadFacts.Conversion(lead.campaign, campaign[0], campaign[1]),
                new LeadFacts.Conversion(SOURCES[lead.source], source[0], source[1]), pastOrders, lead.calls));
        if (lead.calls == 0 && !lead.converted) {
            campaign[0]++;
            source[0]++;
        }
        ZonedDateTime local = at.atZone(TAIPEI);
        int h = local.getHour();
        boolean weekend = local.getDayOfWeek() == DayOfWeek.SATURDAY || local.getDayOfWeek() == DayOfWeek.SUNDAY;
        double answerHour = h >= 18 && h < 21 ? 0.6 : h >= 9 && h < 12 ? 0 : h >= 12 && h < 18 ? -0.2 : -1.0;
        double buyHour = h >= 18 && h < 21 ? 0.5 : h >= 9 && h < 12 ? 0.2 : h >= 12 && h < 18 ? 0 : -0.6;
        boolean answered = random.nextDouble() < sigmoid(0.3 + answerHour + (weekend ? 0.3 : 0) - 0.2 * lead.unanswered);
        double ageDays = Math.max(0, Duration.between(lead.createdAt, at).toSeconds() / 86_400.0);
        boolean recentOrder = pastOrders > 0 && Duration.between(lead.orders.get(pastOrders - 1), at).toDays() <= 90;
        double p = sigmoid(-2.6 + SOURCE_EFFECT[lead.source] + REGION_EFFECT[lead.region] + buyHour + (weekend ? 0.3 : 0)
                + 0.8 * Math.min(lead.callbacks, 2) - 0.35 * lead.unanswered - 0.9 * lead.noSales
                + 0.6 * Math.min(pastOrders, 3) + (recentOrder ? 0.4 : 0) + (lead.consentAt != null ? 0.7 : 0)
                - 0.25 * Math.log1p(ageDays) + lead.taste);
        Instant ended = at.plusSeconds(60 + random.nextInt(420));
        LeadQueue.Disposition disposition;
        lead.calls++;
        if (!answered) {
            disposition = LeadQueue.Disposition.NO_ANSWER;
            lead.unanswered++;
            if (lead.calls >= MAX_CALLS) {
                close(lead, "EXHAUSTED");
            } else {
                events.add(new Event(workingTime(ended.plus(Duration.ofHours(4 + random.nextInt(68)))), lead.index, false));
            }
        } else if (random.nextDouble() < p) {
            disposition = LeadQueue.Disposition.SALE;
            order(lead, at.plusSeconds(120 + random.nextInt(1080)), orders);
            close(lead, "SALE");
        } else {
            double r = random.nextDouble();
            if (r < 0.30 && lead.calls < MAX_CALLS) {
                disposition = LeadQueue.Disposition.CALLBACK;
                lead.callbacks++;
                events.add(new Event(workingTime(ended.plus(Duration.ofDays(1 + random.nextInt(5)))), lead.index, false));
            } else if (r < 0.32) {
                disposition = LeadQueue.Disposition.DO_NOT_CALL;
                lead.doNotCallAt = ended;
                close(lead, "DO_NOT_CALL");
            } else {
                disposition = LeadQueue.Disposition.NO_SALE;
                lead.noSales++;
                close(lead, "NO_SALE");
            }
            if (disposition != LeadQueue.Disposition.DO_NOT_CALL && random.nextDouble() < 0.15 * p) {
                events.add(new Event(ended.plus(Duration.ofHours(24 + random.nextInt(120))), lead.index, true));
            }
        }
        lead.last = disposition;
        lead.lastAt = ended;
        offers.add(new Object[]{offerId, lead(lead), customer(lead), "usr_world" + (lead.index % 40), ts(at), "SCORED",
                hand.points(), ts(ended), disposition.name()});
        contacts.add(new Object[]{"lct_w" + contacts.size(), lead(lead), customer(lead), "usr_world" + (lead.index % 40),
                ts(ended), disposition.name()});
    }

    private void order(Lead lead, Instant at, List<Object[]> orders) {
        lead.orders.add(at);
        if (!lead.converted) {
            lead.converted = true;
            campaignStats.computeIfAbsent(lead.campaign, k -> new long[2])[1]++;
            sourceStats.computeIfAbsent(SOURCES[lead.source], k -> new long[2])[1]++;
        }
        // paid on the pay link ten minutes after the call: the world's orders are all paid (the label is a paid order)
        orders.add(new Object[]{"ord_w" + orders.size(), customer(lead), new java.math.BigDecimal("990.00"), "TWD", ts(at),
                ts(at.plus(java.time.Duration.ofMinutes(10)))});
    }

    private static void close(Lead lead, String outcome) {
        lead.closed = true;
        lead.outcome = outcome;
    }

    private void insert(JdbcTemplate db, List<Lead> leads, List<Object[]> offers, List<Object[]> contacts, List<Object[]> orders,
                        Instant end) {
        List<Object[]> customers = new ArrayList<>();
        List<Object[]> leadRows = new ArrayList<>();
        for (Lead lead : leads) {
            Instant customerSince = lead.orders.isEmpty() || lead.orders.getFirst().isAfter(lead.createdAt) ? lead.createdAt
                    : lead.orders.getFirst().minus(Duration.ofDays(1));
            if (lead.consentAt != null && lead.consentAt.isBefore(customerSince)) {
                customerSince = lead.consentAt;
            }
            Instant lastOrder = lead.orders.isEmpty() ? null : lead.orders.getLast();
            customers.add(new Object[]{customer(lead), "客戶" + lead.index, "+8862" + (10_000_000 + lead.index), REGIONS[lead.region],
                    lead.consentAt != null, ts(lead.consentAt), lead.doNotCallAt != null, ts(lead.doNotCallAt),
                    lead.doNotCallAt != null ? "asked on a call" : null, lead.orders.size(), ts(lastOrder), ts(customerSince),
                    ts(end)});
            leadRows.add(new Object[]{lead(lead), customer(lead), SOURCES[lead.source], lead.campaign, lead.closed ? "CLOSED" : "OPEN",
                    lead.outcome, ts(lead.lastAt != null ? lead.lastAt : lead.createdAt), lead.calls, ts(lead.lastAt),
                    lead.last == null ? null : lead.last.name(), ts(lead.converted ? firstAfter(lead) : null), ts(lead.createdAt), ts(end)});
        }
        batch(db, """
                insert into customer (id, name, phone, country, marketing_consent, consent_at, do_not_call, do_not_call_at,
                    do_not_call_reason, order_count, last_order_at, created_by, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'world', ?, ?)""", customers);
        batch(db, """
                insert into lead (id, customer_id, source, campaign, status, outcome, available_at, attempts, last_attempt_at,
                    last_disposition, converted_at, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", leadRows);
        batch(db, """
                insert into lead_offer (id, lead_id, customer_id, agent_id, offered_at, kind, hand_score, contacted_at, disposition)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", offers);
        batch(db, "insert into lead_contact (id, lead_id, customer_id, agent_id, ended_at, disposition) values (?, ?, ?, ?, ?, ?)",
                contacts);
        batch(db, "insert into customer_order (order_id, customer_id, amount, currency, recorded_at, paid_at) values (?, ?, ?, ?, ?, ?)",
                orders);
    }

    private static Instant firstAfter(Lead lead) {
        return lead.orders.stream().filter(o -> o.isAfter(lead.createdAt)).findFirst().orElse(null);
    }

    private static void batch(JdbcTemplate db, String sql, List<Object[]> rows) {
        for (int i = 0; i < rows.size(); i += BATCH) {
            db.batchUpdate(sql, rows.subList(i, Math.min(rows.size(), i + BATCH)));
        }
    }

    /** The first moment from {@code at} within 08:00–22:00 Taipei time, at a random minute of that day's shift. */
    private Instant workingTime(Instant at) {
        ZonedDateTime local = at.atZone(TAIPEI);
        ZonedDateTime shiftStart = local.toLocalDate().atTime(8, 0).atZone(TAIPEI);
        ZonedDateTime candidate = shiftStart.plusMinutes(random.nextInt(14 * 60));
        if (candidate.isBefore(local)) {
            candidate = candidate.plusDays(1);
        }
        return candidate.toInstant();
    }

    private int pick(double[] shares) {
        double r = random.nextDouble();
        for (int i = 0; i < shares.length; i++) {
            r -= shares[i];
            if (r < 0) {
                return i;
            }
        }
        return shares.length - 1;
    }

    private static String lead(Lead lead) {
        return "led_w" + lead.index;
    }

    private static String customer(Lead lead) {
        return "cus_w" + lead.index;
    }

    private static java.time.OffsetDateTime ts(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
