package io.telepay.customer.lead;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import io.telepay.customer.lead.LeadQueue.Disposition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeadFeaturesTest {

    private static final Instant OFFERED = Instant.parse("2026-11-10T02:30:00Z"); // 10:30 in Taipei, a Tuesday

    /** Each order paid two minutes after it was confirmed. */
    private static LeadHistory lead(List<LeadHistory.Contact> contacts, List<Instant> orders, Instant consentAt, Instant dncAt) {
        return new LeadHistory("led_1", "cus_1", "Web", "秋季", OFFERED.minus(Duration.ofDays(5)), "TW", consentAt, dncAt,
                contacts, orders, orders.stream().map(o -> o.plus(Duration.ofMinutes(2))).toList());
    }

    private static LeadHistory.Contact contact(Instant at, Disposition disposition) {
        return new LeadHistory.Contact(at, disposition);
    }

    /** The lead as known at the offer, then the same lead with everything that happened after it. */
    private static LeadHistory before() {
        return lead(List.of(contact(OFFERED.minus(Duration.ofDays(2)), Disposition.NO_ANSWER),
                        contact(OFFERED.minus(Duration.ofDays(1)), Disposition.CALLBACK)),
                List.of(OFFERED.minus(Duration.ofDays(200))), null, null);
    }

    private static LeadHistory withTheFuture(LeadHistory past) {
        List<LeadHistory.Contact> contacts = new ArrayList<>(past.contacts());
        contacts.add(contact(OFFERED, Disposition.SALE)); // the call the offer led to, ending at the same instant
        contacts.add(contact(OFFERED.plus(Duration.ofDays(3)), Disposition.NO_SALE));
        List<Instant> orders = new ArrayList<>(past.orders());
        orders.add(OFFERED.plus(Duration.ofMinutes(4)));
        orders.add(OFFERED.plus(Duration.ofDays(40))); // confirmed, never paid
        List<Instant> payments = new ArrayList<>(past.payments());
        payments.add(OFFERED.plus(Duration.ofMinutes(6))); // the payment that is the label
        return new LeadHistory(past.leadId(), past.customerId(), past.source(), past.campaign(), past.createdAt(), past.region(),
                OFFERED.plus(Duration.ofMinutes(3)), OFFERED.plus(Duration.ofDays(50)), contacts, orders, payments);
    }

    /** Fails when {@code features} reads anything dated at or after the moment. */
    private static void assertNoLeak(BiFunction<LeadHistory, Instant, Map<String, Double>> features) {
        LeadHistory past = before();
        assertThat(features.apply(withTheFuture(past), OFFERED)).as("features with the future added")
                .isEqualTo(features.apply(past, OFFERED));
    }

    @Test
    void nothingDatedAtOrAfterTheOfferReachesAFeature() {
        assertNoLeak((lead, at) -> LeadFeatures.at(lead, at, 40));
    }

    @Test
    void theLeakCheckCatchesAFeatureReadFromAfterTheLabelTime() {
        // a careless feature that counts the customer's orders without asking "as of when"
        BiFunction<LeadHistory, Instant, Map<String, Double>> leaky = (lead, at) -> {
            Map<String, Double> f = new java.util.HashMap<>(LeadFeatures.at(lead, at, 40));
            f.put("orders", (double) lead.orders().size());
            return f;
        };
        assertThatThrownBy(() -> assertNoLeak(leaky)).isInstanceOf(AssertionError.class);
    }

    @Test
    void readsTheLeadsStoryAsOfTheOffer() {
        Map<String, Double> f = LeadFeatures.at(withTheFuture(before()), OFFERED, 43);

        assertThat(f).containsEntry("age.week", 1.0).containsEntry("source=web", 1.0).containsEntry("region=TW", 1.0)
                .containsEntry("hour.morning", 1.0).containsEntry("contacts", 2.0).containsEntry("noAnswers", 1.0)
                .containsEntry("callbacksAsked", 1.0).containsEntry("recentContact", 1.0).containsEntry("orders", 1.0)
                .containsEntry("handScore", 43.0).doesNotContainKeys("consent", "recentOrder", "weekend", "noSales");
        assertThat(LeadFeatures.at(withTheFuture(before()), OFFERED.plus(Duration.ofDays(1)), 43))
                .as("a day later the call, the order and the consent are known").containsEntry("consent", 1.0)
                .containsEntry("orders", 2.0).containsEntry("recentOrder", 1.0).containsEntry("contacts", 3.0);
    }

    @Test
    void noFeatureIsAProtectedAttribute() {
        Map<String, Double> f = LeadFeatures.at(withTheFuture(before()), OFFERED.plus(Duration.ofDays(60)), 43);
        assertThat(f.keySet()).allMatch(name -> name.matches(
                "(age\\.(day|week|month|quarter|old)|source=.*|region=.*|hour\\.(morning|afternoon|evening|off)|weekend"
                        + "|contacts|noAnswers|callbacksAsked|noSales|recentContact|orders|recentOrder|consent|handScore)"));
    }

    @Test
    void theLabelIsAPaidOrderWithinTheWindowAfterTheOffer() {
        LeadHistory lead = withTheFuture(before());
        assertThat(LeadModelTraining.paidWithin(lead, OFFERED, Duration.ofDays(7))).isTrue();
        assertThat(LeadModelTraining.paidWithin(lead, OFFERED.plus(Duration.ofMinutes(7)), Duration.ofDays(7))).isFalse();
        assertThat(LeadModelTraining.paidWithin(before(), OFFERED, Duration.ofDays(7))).as("only an old order").isFalse();
        assertThat(LeadModelTraining.paidWithin(lead, OFFERED.plus(Duration.ofDays(39)), Duration.ofDays(7)))
                .as("an order confirmed in the window and never paid is no sale").isFalse();
    }

    @Test
    void aCustomerWhoAskedNotToBeCalledIsNeverScored() {
        LeadHistory lead = lead(List.of(), List.of(), null, OFFERED.minus(Duration.ofHours(1)));
        LeadModel.Scorer scorer = new LeadModel.Scorer(null, null);
        assertThat(scorer.score(lead, OFFERED, 90)).isEmpty();
    }
}
