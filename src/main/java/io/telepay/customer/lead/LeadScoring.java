package io.telepay.customer.lead;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lead score: a sum of small named factors, each explaining its points. Higher comes first.
 * Pure: the same facts always give the same score.
 */
final class LeadScoring {

    /** Below this many contacted leads a conversion rate says more about luck than about the campaign. */
    static final int MIN_CONTACTED = 20;

    /** One factor of the score; empty when it has nothing to say about this lead. */
    interface Factor {
        Optional<LeadScore.Reason> judge(LeadFacts facts);
    }

    private LeadScoring() {
    }

    static List<Factor> allFactors() {
        return List.of(LeadScoring::recency, LeadScoring::campaignConversion, LeadScoring::sourceConversion,
                LeadScoring::pastOrders, LeadScoring::attempts);
    }

    static LeadScore score(LeadFacts facts) {
        List<LeadScore.Reason> reasons = new ArrayList<>();
        for (Factor factor : allFactors()) {
            factor.judge(facts).ifPresent(reasons::add);
        }
        return LeadScore.of(reasons);
    }

    /** Fresh leads remember they asked; interest fades within weeks. */
    static Optional<LeadScore.Reason> recency(LeadFacts facts) {
        long days = Math.max(0, Duration.between(facts.createdAt(), facts.now()).toDays());
        int points = days < 1 ? 20 : days <= 7 ? 15 : days <= 30 ? 8 : days <= 90 ? 3 : 0;
        String age = days < 1 ? "new lead (under a day old)" : "lead " + days + (days == 1 ? " day old" : " days old");
        return Optional.of(new LeadScore.Reason(age, points));
    }

    /** 1.5 points per percent the campaign converted so far, at most 30. */
    static Optional<LeadScore.Reason> campaignConversion(LeadFacts facts) {
        return conversion("campaign", facts.campaign(), 1.5, 30);
    }

    /** 1 point per percent the source converted so far, at most 20. */
    static Optional<LeadScore.Reason> sourceConversion(LeadFacts facts) {
        return conversion("source", facts.source(), 1.0, 20);
    }

    private static Optional<LeadScore.Reason> conversion(String kind, LeadFacts.Conversion conversion, double perPercent, int max) {
        if (conversion == null) {
            return Optional.empty();
        }
        if (conversion.contacted() < MIN_CONTACTED) {
            return Optional.of(new LeadScore.Reason(kind + " " + conversion.name() + " too new to rate ("
                    + conversion.contacted() + " contacted)", 5));
        }
        long percent = Math.round(conversion.rate() * 100);
        int points = (int) Math.min(max, Math.round(percent * perPercent));
        return Optional.of(new LeadScore.Reason(kind + " " + conversion.name() + " conversion " + percent + "%", points));
    }

    /** Customers who bought before buy again: 10 points an order, at most 30. */
    static Optional<LeadScore.Reason> pastOrders(LeadFacts facts) {
        if (facts.pastOrders() == 0) {
            return Optional.empty();
        }
        int points = Math.min(30, facts.pastOrders() * 10);
        return Optional.of(new LeadScore.Reason(facts.pastOrders() + (facts.pastOrders() == 1 ? " past order" : " past orders"), points));
    }

    /** Every unanswered try makes the next less likely to help: minus 6 an attempt, at most minus 30. */
    static Optional<LeadScore.Reason> attempts(LeadFacts facts) {
        if (facts.attempts() == 0) {
            return Optional.empty();
        }
        int points = -Math.min(30, facts.attempts() * 6);
        return Optional.of(new LeadScore.Reason(facts.attempts() + (facts.attempts() == 1 ? " attempt" : " attempts") + " so far", points));
    }
}
