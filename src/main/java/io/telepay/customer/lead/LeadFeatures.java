package io.telepay.customer.lead;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The learned lead model's features of one lead as of one moment: the one function that training, the
 * evaluation and the live queue all use, so that what the model learnt is what it is shown.
 *
 * <p>It reads only {@link LeadHistory#asOf}{@code (moment)}: nothing dated at or after the moment (a later
 * contact, the order the call led to, a later do-not-call) can reach a feature. Protected attributes are not in
 * the history at all.
 *
 * <p>The features (a one-hot feature is 1 for its value and absent otherwise):
 * <ul>
 *   <li>{@code age.day|week|month|quarter|old}: the lead's age (under 1 day, 1–7, 8–30, 31–90, over 90 days);</li>
 *   <li>{@code source=<name>}: where the lead came from (lower case);</li>
 *   <li>{@code region=TW|CN|HK|MO|other}: the customer's country;</li>
 *   <li>{@code hour.morning|afternoon|evening|off} and {@code weekend}: the customer's local time (09–12, 12–18,
 *       18–21, otherwise);</li>
 *   <li>{@code contacts}, {@code noAnswers}, {@code callbacksAsked}, {@code noSales}: earlier contacts and their
 *       dispositions (counts, at most 10); {@code recentContact}: one in the last 3 days;</li>
 *   <li>{@code orders}: past orders (at most 10); {@code recentOrder}: one in the last 90 days;</li>
 *   <li>{@code consent}: the customer consented to marketing;</li>
 *   <li>{@code handScore}: the hand-written score's points at that moment ({@link LeadScoring}), so the model
 *       learns what to add to them (the hour, consent, callbacks asked…) rather than learning them again.</li>
 * </ul>
 */
final class LeadFeatures {

    static final Set<String> REGIONS = Set.of("TW", "CN", "HK", "MO");
    private static final int CAP = 10;

    private LeadFeatures() {
    }

    /** The features of {@code lead} as of {@code moment}, when the hand-written score gave it {@code handScore} points. */
    static Map<String, Double> at(LeadHistory lead, Instant moment, int handScore) {
        LeadHistory known = lead.asOf(moment);
        Map<String, Double> f = new LinkedHashMap<>();
        long days = Math.max(0, Duration.between(known.createdAt(), moment).toDays());
        f.put(days < 1 ? "age.day" : days <= 7 ? "age.week" : days <= 30 ? "age.month" : days <= 90 ? "age.quarter" : "age.old", 1.0);
        if (known.source() != null && !known.source().isBlank()) {
            f.put("source=" + known.source().strip().toLowerCase(Locale.ROOT), 1.0);
        }
        String region = known.region() != null && REGIONS.contains(known.region()) ? known.region() : "other";
        f.put("region=" + region, 1.0);
        ZonedDateTime local = moment.atZone(zone(region));
        int hour = local.getHour();
        f.put(hour >= 9 && hour < 12 ? "hour.morning" : hour >= 12 && hour < 18 ? "hour.afternoon"
                : hour >= 18 && hour < 21 ? "hour.evening" : "hour.off", 1.0);
        if (local.getDayOfWeek() == DayOfWeek.SATURDAY || local.getDayOfWeek() == DayOfWeek.SUNDAY) {
            f.put("weekend", 1.0);
        }
        int noAnswers = 0;
        int callbacks = 0;
        int noSales = 0;
        Instant last = null;
        for (LeadHistory.Contact contact : known.contacts()) {
            switch (contact.disposition()) {
                case NO_ANSWER -> noAnswers++;
                case CALLBACK -> callbacks++;
                case NO_SALE -> noSales++;
                default -> {
                }
            }
            last = contact.endedAt();
        }
        put(f, "contacts", Math.min(CAP, known.contacts().size()));
        put(f, "noAnswers", Math.min(CAP, noAnswers));
        put(f, "callbacksAsked", Math.min(CAP, callbacks));
        put(f, "noSales", Math.min(CAP, noSales));
        if (last != null && Duration.between(last, moment).compareTo(Duration.ofDays(3)) <= 0) {
            f.put("recentContact", 1.0);
        }
        put(f, "orders", Math.min(CAP, known.orders().size()));
        if (!known.orders().isEmpty() && Duration.between(known.orders().getLast(), moment).compareTo(Duration.ofDays(90)) <= 0) {
            f.put("recentOrder", 1.0);
        }
        if (known.consentAt() != null) {
            f.put("consent", 1.0);
        }
        put(f, "handScore", handScore);
        return f;
    }

    static ZoneId zone(String region) {
        return switch (region) {
            case "CN" -> ZoneId.of("Asia/Shanghai");
            case "HK" -> ZoneId.of("Asia/Hong_Kong");
            case "MO" -> ZoneId.of("Asia/Macau");
            default -> ZoneId.of("Asia/Taipei");
        };
    }

    private static void put(Map<String, Double> features, String name, int value) {
        if (value != 0) {
            features.put(name, (double) value);
        }
    }
}
