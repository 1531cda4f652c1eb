package io.telepay.risk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import io.telepay.risk.features.Attempt;

/**
 * A seeded telesales world for the fraud model's evaluation: {@code days} of payment attempts on the pay page and
 * the keypad, with what happened to each (declined, captured, charged back) and the fraud reports that came later.
 * The same seed gives the same world. Who is in it (volumes for the default 60 days, ~50,000 attempts):
 * <ul>
 *   <li><b>honest customers</b> (~94 %) buying one of five products from 80 agents in 8 teams, mostly in office
 *   hours; a few decline (funds) and retry, a few pay with a foreign card (travel), a few share a card within a
 *   family, a few send the link to a relative's phone, and 0.15 % of captures are charged back anyway (friendly
 *   fraud: label noise the model must live with);</li>
 *   <li><b>card testers</b>: bursts of 20–60 attempts in half an hour from one address and device with many new
 *   cards, small amounts, most declined (the V141 rules {@code rul_card_declines}, {@code rul_ip_card_testing},
 *   {@code rul_device_many_cards}, {@code rul_small_probe} target them);</li>
 *   <li><b>mules</b>: rings of fake customers behind a shared phone and a pay-link address that receives the links
 *   of many customers, paying with stolen cards whose holder names do not match, often foreign (rules
 *   {@code rul_shared_phone}, {@code rul_sent_to_shared}, {@code rul_phone_many_cards}, {@code rul_holder_name});</li>
 *   <li><b>card-collecting agents</b> (3 of the 80): besides their own sales they take the cards of many
 *   "customers" in a day, cards that are used again days later for other customers through other agents
 *   ({@code rul_agent_harvesting}, {@code rul_card_many_agents}, {@code rul_card_customers_week}); the victims
 *   report the fraud weeks later (labels on the card and the agent);</li>
 *   <li><b>lone fraudsters</b>: one stolen card, one new customer, a large amount, often at night, sometimes a
 *   foreign card or an unlike holder name: each signal alone is common among honest customers, so no single rule
 *   catches them without many false alarms.</li>
 * </ul>
 * Fraud is known late, as in life: chargebacks 10–60 days after the capture, fraud reports 3–40 days after. The
 * rules are not applied while the world is made (as if they ran in SHADOW): declines are the issuers'.
 */
final class TelesalesWorld {

    /** Something that happened: an attempt, its outcome, or a label, at a moment. */
    sealed interface Event permits Tried, Declined, Captured, ChargedBack, Labelled {
        Instant at();
    }

    record Tried(Attempt attempt, boolean fraud, String pattern) implements Event {
        @Override
        public Instant at() {
            return attempt.at();
        }
    }

    record Declined(String paymentId, Instant at) implements Event {
    }

    record Captured(String paymentId, Instant at) implements Event {
    }

    record ChargedBack(String paymentId, Instant at) implements Event {
    }

    /** A FRAUD label as a fraud report or a chargeback leaves it: kind CARD, CUSTOMER, PHONE or AGENT. */
    record Labelled(String kind, String item, String source, Instant at) implements Event {
    }

    private record Product(String sku, long price) {
    }

    private record Customer(String id, String phone, String email, String country, String name, String card, String bin,
                            String binCountry, String ip, String device) {
    }

    private static final Product[] PRODUCTS = {new Product("INS-LIFE-12", 12_000), new Product("HEALTH-SUPP", 3_600),
            new Product("ENG-COURSE", 24_000), new Product("NEWS-MONTH", 990), new Product("AIR-PURIFIER", 6_500)};
    private static final String[] TW_BINS = {"400361", "421345", "524255", "356600", "622700"};
    private static final String[] FOREIGN_BINS = {"414720", "517805", "437772", "622848"};
    private static final String[] FOREIGN = {"US", "GB", "CN", "MY"};

    private final Random random;
    private final Instant start;
    private final int days;
    private final List<Event> events = new ArrayList<>();
    private final List<Customer> customers = new ArrayList<>();
    private final List<String> agents = new ArrayList<>();
    private final List<String> collectors = new ArrayList<>();
    private final List<String> harvested = new ArrayList<>();
    private long payments;
    private long cards;

    private final String prefix;

    private TelesalesWorld(long seed, Instant start, int days, String prefix) {
        this.prefix = prefix;
        this.random = new Random(seed);
        this.start = start;
        this.days = days;
    }

    /**
     * The world's events in time order.
     *
     * @param prefix starts every id (payments, customers, agents, cards), so several worlds can share a database
     */
    static List<Event> generate(long seed, Instant start, int days, String prefix) {
        TelesalesWorld world = new TelesalesWorld(seed, start, days, prefix);
        world.make();
        world.events.sort(Comparator.comparing(Event::at));
        return world.events;
    }

    private void make() {
        for (int t = 0; t < 8; t++) {
            for (int a = 0; a < 10; a++) {
                agents.add("usr_" + prefix + t + "_" + a);
            }
        }
        collectors.addAll(List.of(agents.get(13), agents.get(47), agents.get(71)));
        for (int c = 0; c < days * 250; c++) {
            customers.add(honestCustomer());
        }
        for (int day = 0; day < days; day++) {
            for (int i = 0; i < 770; i++) {
                honestSale(day);
            }
            if (random.nextDouble() < 0.45) {
                cardTesting(day);
            }
            if (day % 5 == 2) {
                muleRing(day);
            }
            for (String collector : collectors) {
                if (random.nextDouble() < 0.35) {
                    collect(collector, day);
                }
            }
            if (day > 4 && !harvested.isEmpty()) {
                for (int i = 0; i < 4; i++) {
                    reuseHarvested(day);
                }
            }
            for (int i = 0; i < 7; i++) {
                loneFraud(day);
            }
        }
    }

    private Customer honestCustomer() {
        int n = customers.size();
        boolean foreignCard = random.nextDouble() < 0.03;
        String country = random.nextDouble() < 0.95 ? "TW" : "HK";
        // from 0950 000 000 up: the suite's other risk tests number their phones from 0910 000 000, in the same database
        return new Customer("cus_" + prefix + n, "+8869" + String.format("%08d", 50_000_000 + n), prefix + "c" + n + "@example.tw", country,
                "王小明" + n, newCard(), foreignCard ? pick(FOREIGN_BINS) : pick(TW_BINS),
                foreignCard ? pick(FOREIGN) : "TW", "203.69." + (n % 250) + "." + (n / 250 % 250), "dev_" + prefix + "c" + n);
    }

    private void honestSale(int day) {
        int index = skewed(customers.size());
        Customer c = customers.get(index);
        String agent = agents.get(random.nextInt(agents.size()));
        if (collectors.contains(agent) && random.nextBoolean()) {
            agent = agents.get(0);
        }
        Product product = pick(PRODUCTS);
        Instant at = officeHours(day);
        String card = c.card();
        String customerId = c.id();
        if (random.nextDouble() < 0.02) {
            // a family card: a relative's, paying for this customer too
            Customer relative = customers.get(Math.max(0, index - 1));
            card = relative.card();
        }
        String sentTo = random.nextDouble() < 0.02 ? "+8869" + String.format("%08d", random.nextInt(100_000_000)) : c.phone();
        boolean keypad = random.nextDouble() < 0.25;
        Attempt attempt = attempt(at, customerId, agent, card, c.bin(), c.binCountry(), c.country(), c.phone(), c.email(),
                keypad ? null : c.ip(), keypad ? null : c.device(), keypad ? null : sentTo, product.sku(), keypad ? "IVR" : "LINK",
                amount(product.price(), 0.15), 0.9 + random.nextDouble() * 0.1);
        if (random.nextDouble() < 0.04) {
            tried(attempt, false, "honest");
            events.add(new Declined(attempt.paymentId(), at.plusSeconds(3)));
            if (random.nextDouble() < 0.6) {
                Attempt retry = copyAt(attempt, at.plus(Duration.ofMinutes(2 + random.nextInt(30))));
                settle(retry, false, "honest");
            }
            return;
        }
        settle(attempt, false, "honest");
    }

    /** One address, one device, many new cards in half an hour; small amounts; most declined. */
    private void cardTesting(int day) {
        Instant at = anyHour(day);
        String ip = "185.220." + random.nextInt(250) + "." + random.nextInt(250);
        String device = "dev_" + prefix + "t" + payments;
        String customer = "cus_" + prefix + "t" + payments;
        String agent = agents.get(random.nextInt(agents.size()));
        int tries = 20 + random.nextInt(41);
        for (int i = 0; i < tries; i++) {
            at = at.plusSeconds(10 + random.nextInt(50));
            boolean foreign = random.nextDouble() < 0.4;
            String bin = foreign ? pick(FOREIGN_BINS) : pick(TW_BINS);
            Product product = PRODUCTS[3];
            Attempt attempt = attempt(at, random.nextDouble() < 0.5 ? customer : "cus_" + prefix + "t" + payments + "_" + i, agent, newCard(), bin,
                    foreign ? pick(FOREIGN) : "TW", "TW", "+8869" + String.format("%08d", random.nextInt(100_000_000)),
                    prefix + "t" + payments + "@mail.example", ip, device, null, product.sku(), "LINK",
                    Math.max(100, amount(product.price() / 10, 0.5)), random.nextDouble());
            if (random.nextDouble() < 0.7) {
                tried(attempt, true, "card-testing");
                events.add(new Declined(attempt.paymentId(), at.plusSeconds(2)));
            } else {
                settle(attempt, true, "card-testing");
            }
        }
    }

    /** Fake customers behind one phone and one link address, stolen cards with unlike holder names. */
    private void muleRing(int day) {
        String phone = "+8869" + String.format("%08d", random.nextInt(100_000_000));
        String dropAddress = prefix + "drop" + payments + "@mail.example";
        int members = 3 + random.nextInt(4);
        for (int m = 0; m < members; m++) {
            String customer = "cus_" + prefix + "m" + payments + "_" + m;
            int buys = 2 + random.nextInt(5);
            for (int b = 0; b < buys; b++) {
                Instant at = anyHour(day + random.nextInt(4));
                boolean foreign = random.nextDouble() < 0.5;
                Product product = PRODUCTS[random.nextBoolean() ? 0 : 2];
                Attempt attempt = attempt(at, customer, agents.get(random.nextInt(agents.size())), newCard(),
                        foreign ? pick(FOREIGN_BINS) : pick(TW_BINS), foreign ? pick(FOREIGN) : "TW", "TW", phone,
                        customer + "@mail.example", "49.12." + random.nextInt(250) + "." + random.nextInt(250), "dev_" + prefix + "m" + payments,
                        dropAddress, product.sku(), "LINK", amount(product.price(), 0.3), random.nextDouble() * 0.5);
                if (random.nextDouble() < 0.2) {
                    tried(attempt, true, "mule");
                    events.add(new Declined(attempt.paymentId(), at.plusSeconds(3)));
                } else {
                    settle(attempt, true, "mule");
                }
            }
        }
    }

    /** A card-collecting agent takes 10–25 customers' cards in a day; the cards are sold on. */
    private void collect(String agent, int day) {
        int victims = 10 + random.nextInt(16);
        for (int v = 0; v < victims; v++) {
            Customer c = customers.get(random.nextInt(customers.size()));
            String card = newCard();
            harvested.add(card + "|" + pick(TW_BINS));
            Product product = PRODUCTS[3];
            Attempt attempt = attempt(officeHours(day), c.id(), agent, card, pick(TW_BINS), "TW", c.country(), c.phone(), c.email(),
                    null, null, null, product.sku(), "IVR", amount(product.price(), 0.2), Double.NaN);
            settle(attempt, true, "collecting-agent");
            // the victim finds out and reports it, weeks later
            if (random.nextDouble() < 0.7) {
                Instant reported = attempt.at().plus(Duration.ofDays(3 + random.nextInt(38)));
                events.add(new Labelled("CARD", card, "fraud report (victim)", reported));
                events.add(new Labelled("AGENT", agent, "fraud report (victim)", reported));
            }
        }
    }

    /** A harvested card used for a stranger, by another agent, days later. */
    private void reuseHarvested(int day) {
        String[] card = harvested.get(random.nextInt(harvested.size())).split("\\|");
        String customer = "cus_" + prefix + "h" + payments;
        Product product = PRODUCTS[random.nextBoolean() ? 0 : 4];
        Attempt attempt = attempt(anyHour(day), customer, agents.get(random.nextInt(agents.size())), card[0], card[1], "TW", "TW",
                "+8869" + String.format("%08d", random.nextInt(100_000_000)), customer + "@mail.example",
                "101.8." + random.nextInt(250) + "." + random.nextInt(250), "dev_" + prefix + "h" + payments, null, product.sku(), "LINK",
                amount(product.price(), 0.3), random.nextDouble() * 0.6);
        settle(attempt, true, "harvested-card");
    }

    /** One stolen card, one new customer, large and often at night. */
    private void loneFraud(int day) {
        boolean foreign = random.nextDouble() < 0.35;
        Product product = pick(PRODUCTS);
        String customer = "cus_" + prefix + "l" + payments;
        Instant at = random.nextDouble() < 0.5 ? night(day) : anyHour(day);
        Attempt attempt = attempt(at, customer, agents.get(random.nextInt(agents.size())), newCard(),
                foreign ? pick(FOREIGN_BINS) : pick(TW_BINS), foreign ? pick(FOREIGN) : "TW", "TW",
                "+8869" + String.format("%08d", random.nextInt(100_000_000)), customer + "@mail.example",
                "36.224." + random.nextInt(250) + "." + random.nextInt(250), "dev_" + prefix + "l" + payments, null, product.sku(), "LINK",
                amount(product.price() * (2 + random.nextInt(3)), 0.2), random.nextDouble() < 0.5 ? random.nextDouble() * 0.3 : 0.95);
        settle(attempt, true, "lone");
    }

    /** Captured, and for fraud (and a little honest noise) charged back later. */
    private void settle(Attempt attempt, boolean fraud, String pattern) {
        tried(attempt, fraud, pattern);
        Instant captured = attempt.at().plusSeconds(4);
        events.add(new Captured(attempt.paymentId(), captured));
        boolean chargeback = fraud ? random.nextDouble() < 0.8 : random.nextDouble() < 0.0015;
        if (chargeback) {
            Instant back = captured.plus(Duration.ofDays(10 + random.nextInt(51)));
            events.add(new ChargedBack(attempt.paymentId(), back));
            events.add(new Labelled("CARD", attempt.cardFingerprint(), "chargeback " + attempt.paymentId(), back));
        }
    }

    private void tried(Attempt attempt, boolean fraud, String pattern) {
        events.add(new Tried(attempt, fraud, pattern));
    }

    private Attempt attempt(Instant at, String customer, String agent, String card, String bin, String binCountry, String country,
                            String phone, String email, String ip, String device, String sentTo, String sku, String channel,
                            long amountMajor, double similarity) {
        boolean sentToOther = sentTo != null && !sentTo.equals(phone) && !sentTo.equals(email);
        String team = agent == null ? null : prefix + "team-" + agent.charAt(4 + prefix.length());
        return new Attempt("pay_" + prefix + (payments++), "ord_" + prefix + payments, at, customer, agent, team, card, bin, binCountry, country,
                phone, email, ip, device, sentTo, sentToOther, sku, channel, "TWD", amountMajor * 100, similarity);
    }

    private Attempt copyAt(Attempt a, Instant at) {
        return new Attempt("pay_" + prefix + (payments++), a.orderId(), at, a.customerId(), a.agentId(), a.team(), a.cardFingerprint(),
                a.cardBin(), a.binCountry(), a.customerCountry(), a.phone(), a.email(), a.ip(), a.device(), a.sentTo(), a.sentToOther(),
                a.productSku(), a.channel(), a.currency(), a.amountMinor(), a.holderSimilarity());
    }

    /** A keyed-fingerprint-like hex string: the world never holds a card number. */
    private String newCard() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("world-card-" + prefix + (cards++)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private long amount(long price, double spread) {
        return Math.max(1, Math.round(price * Math.exp(random.nextGaussian() * spread)));
    }

    /** Returning customers: the lower indexes buy more often. */
    private int skewed(int n) {
        return (int) Math.min(n - 1, Math.floor(Math.pow(random.nextDouble(), 1.6) * n));
    }

    /** 09:00–21:00 Taipei (01:00–13:00 UTC). */
    private Instant officeHours(int day) {
        return start.plus(Duration.ofDays(day)).plus(Duration.ofHours(1)).plusSeconds(random.nextInt(12 * 3600));
    }

    private Instant anyHour(int day) {
        return start.plus(Duration.ofDays(day)).plusSeconds(random.nextInt(24 * 3600));
    }

    /** 00:00–05:00 Taipei. */
    private Instant night(int day) {
        return start.plus(Duration.ofDays(day)).minus(Duration.ofHours(8)).plusSeconds(random.nextInt(5 * 3600));
    }

    private <T> T pick(T[] options) {
        return options[random.nextInt(options.length)];
    }
}
