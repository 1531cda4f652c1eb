package io.telepay.customer.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class LeadScoringTest {

    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

    private static LeadFacts facts(Duration age, LeadFacts.Conversion campaign, LeadFacts.Conversion source, int orders, int attempts) {
        return new LeadFacts(NOW.minus(age), NOW, campaign, source, orders, attempts);
    }

    @Test
    void explainsEveryPointWithAReason() {
        LeadScore score = LeadScoring.score(facts(Duration.ofHours(3), new LeadFacts.Conversion("春季保險", 100, 12),
                new LeadFacts.Conversion("facebook", 50, 4), 2, 1));
        assertThat(score.reasons()).extracting(LeadScore.Reason::factor).containsExactly(
                "new lead (under a day old)", "campaign 春季保險 conversion 12%", "source facebook conversion 8%",
                "2 past orders", "1 attempt so far");
        assertThat(score.reasons()).extracting(LeadScore.Reason::points).containsExactly(20, 18, 8, 20, -6);
        assertThat(score.points()).isEqualTo(20 + 18 + 8 + 20 - 6);
    }

    @Test
    void aCampaignWithFewContactsIsNotJudgedByItsLuck() {
        LeadScore lucky = LeadScoring.score(facts(Duration.ZERO, new LeadFacts.Conversion("new", 3, 3), null, 0, 0));
        assertThat(lucky.reasons()).extracting(LeadScore.Reason::factor).contains("campaign new too new to rate (3 contacted)");
        assertThat(lucky.points()).isEqualTo(20 + 5);
    }

    @Test
    void conversionPointsAreCapped() {
        LeadScore score = LeadScoring.score(facts(Duration.ofDays(400), new LeadFacts.Conversion("hot", 20, 20),
                new LeadFacts.Conversion("web", 20, 20), 9, 0));
        assertThat(score.reasons()).extracting(LeadScore.Reason::points).containsExactly(0, 30, 20, 30);
    }

    @Test
    void olderLeadsAndMoreAttemptsScoreLower() {
        int fresh = LeadScoring.score(facts(Duration.ofHours(1), null, null, 0, 0)).points();
        int week = LeadScoring.score(facts(Duration.ofDays(6), null, null, 0, 0)).points();
        int month = LeadScoring.score(facts(Duration.ofDays(29), null, null, 0, 0)).points();
        int tried = LeadScoring.score(facts(Duration.ofHours(1), null, null, 0, 3)).points();
        int triedOften = LeadScoring.score(facts(Duration.ofHours(1), null, null, 0, 12)).points();
        assertThat(fresh).isGreaterThan(week);
        assertThat(week).isGreaterThan(month);
        assertThat(tried).isEqualTo(fresh - 18);
        assertThat(triedOften).isEqualTo(fresh - 30);
    }

    @Test
    void theSameFactsAlwaysGiveTheSameScore() {
        LeadFacts facts = facts(Duration.ofDays(2), new LeadFacts.Conversion("c", 40, 10), null, 1, 2);
        assertThat(LeadScoring.score(facts)).isEqualTo(LeadScoring.score(facts));
    }
}
