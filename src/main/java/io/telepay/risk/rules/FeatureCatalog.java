package io.telepay.risk.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The features a rule may name, with their types: the rules language checks expressions against it
 * when a rule is saved, and the feature queries fill exactly these (one list, one place to add a feature).
 */
public final class FeatureCatalog {

    /** The subjects velocity is counted per, as the rules name them. */
    public static final List<String> SUBJECTS = List.of("card", "customer", "phone", "agent", "ip", "device", "email");

    /** The windows, as the rules name them. */
    public static final List<String> WINDOWS = List.of("10m", "1h", "24h", "7d");

    private static final FeatureCatalog STANDARD = standardCatalog();

    private final Map<String, Feature> features;
    private final int numberSlots;
    private final int textSlots;

    private FeatureCatalog(Map<String, Feature> features, int numberSlots, int textSlots) {
        this.features = Collections.unmodifiableMap(features);
        this.numberSlots = numberSlots;
        this.textSlots = textSlots;
    }

    public static FeatureCatalog standard() {
        return STANDARD;
    }

    public Optional<Feature> find(String name) {
        return Optional.ofNullable(features.get(name));
    }

    public Feature require(String name) {
        Feature feature = features.get(name);
        if (feature == null) {
            throw new IllegalArgumentException("no feature " + name);
        }
        return feature;
    }

    public List<Feature> all() {
        return List.copyOf(features.values());
    }

    int numberSlots() {
        return numberSlots;
    }

    int textSlots() {
        return textSlots;
    }

    /** The catalog's names closest to a misspelt one, for the error message. */
    List<String> near(String name) {
        String lower = name.toLowerCase();
        List<String> near = features.keySet().stream().filter(c -> distance(c.toLowerCase(), lower) <= 3)
                .sorted(java.util.Comparator.comparingInt(c -> distance(c.toLowerCase(), lower))).limit(3).toList();
        if (!near.isEmpty()) {
            return near;
        }
        String prefix = name.contains(".") ? name.substring(0, name.indexOf('.') + 1) : name;
        return features.keySet().stream().filter(n -> n.startsWith(prefix)).limit(6).toList();
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Builds a catalog; tests and benchmarks may make their own. */
    public static final class Builder {
        private final Map<String, Feature> features = new LinkedHashMap<>();
        private int numbers;
        private int texts;

        public Builder add(String name, ValueType type, String unit, String description) {
            int slot = type == ValueType.TEXT ? texts++ : numbers++;
            if (features.putIfAbsent(name, new Feature(name, type, slot, description, unit)) != null) {
                throw new IllegalArgumentException("feature " + name + " twice");
            }
            return this;
        }

        public FeatureCatalog build() {
            return new FeatureCatalog(new LinkedHashMap<>(features), numbers, texts);
        }
    }

    private static FeatureCatalog standardCatalog() {
        Builder b = new Builder();
        b.add("amount", ValueType.MONEY, "", "the amount of this payment");
        b.add("hour", ValueType.NUMBER, "", "hour of the day (0-23) in the configured time zone");
        b.add("channel", ValueType.TEXT, "", "LINK (pay page) or IVR (keypad)");
        for (String subject : SUBJECTS) {
            String of = subjectWords(subject);
            for (String window : WINDOWS) {
                b.add(subject + ".attempts." + window, ValueType.NUMBER, "attempts",
                        "payment attempts with this " + of + " in the last " + window + " (this one included)");
                b.add(subject + ".amount." + window, ValueType.MONEY, "",
                        "sum of attempted amounts with this " + of + " in the last " + window + ", in this payment's currency");
                b.add(subject + ".declines." + window, ValueType.NUMBER, "declines",
                        "declined attempts with this " + of + " in the last " + window);
                b.add(subject + ".declineRatio." + window, ValueType.NUMBER, "",
                        "declines / attempts with this " + of + " in the last " + window + " (0 to 1)");
            }
        }
        for (String window : WINDOWS) {
            b.add("card.distinctCustomers." + window, ValueType.NUMBER, "customers", "customers who paid with this card in the last " + window);
            b.add("card.distinctAgents." + window, ValueType.NUMBER, "agents", "agents whose sales this card paid in the last " + window);
            b.add("customer.distinctCards." + window, ValueType.NUMBER, "cards", "cards this customer paid with in the last " + window);
            b.add("phone.distinctCards." + window, ValueType.NUMBER, "cards", "cards used for customers with this phone in the last " + window);
            b.add("phone.distinctCustomers." + window, ValueType.NUMBER, "customers", "customers sharing this phone number in the last " + window);
            b.add("ip.distinctCards." + window, ValueType.NUMBER, "cards", "cards entered from this address in the last " + window);
            b.add("device.distinctCards." + window, ValueType.NUMBER, "cards", "cards entered from this device in the last " + window);
            b.add("agent.distinctCards." + window, ValueType.NUMBER, "cards", "cards used on this agent's sales in the last " + window);
            b.add("sentTo.distinctCustomers." + window, ValueType.NUMBER, "customers",
                    "customers whose pay links went to the address this one went to, in the last " + window);
        }
        b.add("card.firstSeen", ValueType.BOOLEAN, "", "the card was never used before");
        b.add("card.bin", ValueType.TEXT, "", "first six digits of the card");
        b.add("card.binCountry", ValueType.TEXT, "", "issuing country of the card's BIN (ISO 3166 alpha-2), from the BIN table");
        b.add("customer.country", ValueType.TEXT, "", "the customer's country (ISO 3166 alpha-2)");
        b.add("card.binCountryMismatch", ValueType.BOOLEAN, "", "the card's country is known and differs from the customer's");
        b.add("card.holderNameMismatch", ValueType.BOOLEAN, "", "the name on the card is given and unlike the customer's");
        b.add("card.holderNameSimilarity", ValueType.NUMBER, "", "0 (unlike) to 1 (same) between the name on the card and the customer's");
        b.add("card.fraudLabels", ValueType.NUMBER, "labels", "FRAUD labels on this card before now");
        b.add("customer.fraudLabels", ValueType.NUMBER, "labels", "FRAUD labels on this customer before now");
        b.add("agent.fraudLabels", ValueType.NUMBER, "labels", "FRAUD labels on this agent (their cards, alerts) before now");
        b.add("phone.fraudLabels", ValueType.NUMBER, "labels", "FRAUD labels on this phone number before now");
        b.add("customer.priorPayments", ValueType.NUMBER, "payments", "captured payments of this customer before");
        b.add("customer.averageAmount", ValueType.MONEY, "", "average captured amount of this customer before (unknown without history)");
        b.add("customer.maxAmount", ValueType.MONEY, "", "largest captured amount of this customer before");
        b.add("amount.customerRatio", ValueType.NUMBER, "", "this amount / the customer's average (unknown without history)");
        b.add("product.priorPayments", ValueType.NUMBER, "payments", "captured payments for this product in the 30 days before today");
        b.add("product.averageAmount", ValueType.MONEY, "", "average captured amount for this product in the 30 days before today");
        b.add("amount.productRatio", ValueType.NUMBER, "", "this amount / the product's average (unknown without history)");
        b.add("agent.cardsToday", ValueType.NUMBER, "cards", "distinct cards on this agent's sales today (configured time zone)");
        b.add("agent.teamMedianCardsToday", ValueType.NUMBER, "cards", "median of agent.cardsToday over the agents of the team");
        b.add("agent.tenureDays", ValueType.NUMBER, "days", "days since the agent's account was created");
        b.add("agent.sessionsUnfinished.24h", ValueType.NUMBER, "sessions", "payment sessions the agent opened in the last 24h (older than 30 min) that never reached a payment");
        b.add("agent.sessionsUnfinished.7d", ValueType.NUMBER, "sessions", "the same over 7 days");
        b.add("agent.sessionsSentElsewhere.7d", ValueType.NUMBER, "sessions", "this agent's attempts in 7 days whose pay link went to an address not the customer's or shared by other customers");
        b.add("agent.quickRefunds.7d", ValueType.NUMBER, "refunds", "payments of this agent refunded within 24 h of capture, last 7 days");
        b.add("session.sentToOther", ValueType.BOOLEAN, "", "the pay link went to a phone or e-mail that is not the customer's");
        b.add("payPage.staffDevice", ValueType.BOOLEAN, "", "the pay page was opened on a device a staff member's console used");
        b.add("payPage.staffAddress", ValueType.BOOLEAN, "",
                "the pay page was opened from an address a staff member's console or API key used (public addresses only)");
        b.add("payPage.staffNetwork", ValueType.BOOLEAN, "",
                "the pay page was opened from the network (/24 IPv4, /48 IPv6) of an address staff used");
        b.add("payPage.staff", ValueType.TEXT, "", "the staff members whose device, address or network the pay page was opened from");
        b.add("session.phoneChangedBeforeLink", ValueType.BOOLEAN, "",
                "the customer's phone was changed to the number the pay link went to within 24 h before the link was sent");
        b.add("session.phoneChangedMinutesBeforeLink", ValueType.NUMBER, "minutes",
                "minutes between that phone change and the link (unknown without one)");
        b.add("session.phoneChangedBy", ValueType.TEXT, "", "who changed the customer's phone to the number the link went to");
        b.add("model.fraudScore", ValueType.NUMBER, "",
                "the ACTIVE fraud model's probability of fraud (0 to 1); unknown while no model is active or it cannot load");
        b.add("model.fraudVersion", ValueType.TEXT, "", "the version of the fraud model that gave model.fraudScore");
        b.add("model.shadowFraudScore", ValueType.NUMBER, "",
                "the SHADOW fraud model's probability of fraud, recorded beside the active one before it is switched on");
        b.add("model.shadowFraudVersion", ValueType.TEXT, "", "the version of the fraud model that gave model.shadowFraudScore");
        return b.build();
    }

    private static String subjectWords(String subject) {
        return switch (subject) {
            case "card" -> "card";
            case "customer" -> "customer";
            case "phone" -> "customer phone number";
            case "agent" -> "agent";
            case "ip" -> "pay-page address";
            case "device" -> "device cookie";
            default -> "customer e-mail";
        };
    }
}
