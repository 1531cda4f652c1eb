package io.telepay.risk.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import io.telepay.identity.StaffUser;
import io.telepay.risk.RiskAction;
import io.telepay.risk.rules.FeatureValues;
import io.telepay.shared.Ids;
import io.telepay.shared.Role;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Feature values computed by SQL over risk_attempt, with attempts written straight into it. */
class FeatureQueriesSystemTest extends SystemTest {

    @Autowired
    Attempts attempts;

    @Autowired
    FeatureQueries features;

    private static final AtomicInteger SEQ = new AtomicInteger();
    // 2026-03-10 14:00 in Taipei
    private final Instant noon = Instant.parse("2026-03-10T06:00:00Z");

    private Attempt attempt(Instant at, String card, String customer, String agent, String team, String ip, long minor) {
        return new Attempt("pay_ft" + Ids.randomToken(6) + SEQ.incrementAndGet(), "ord_" + Ids.randomToken(6), at, customer, agent, team,
                card, "424242", "TW", "TW", "+88691" + customer.hashCode() % 1000000, customer + "@example.tw", ip, null, null, false,
                "SKU-" + card.substring(0, 6), "LINK", "TWD", minor, Double.NaN);
    }

    private FeatureValues record(Attempt a) {
        attempts.record(a);
        return features.compute(a);
    }

    @Test
    void countsVelocityPerWindowAndDistinctCustomersPerCard() {
        String card = "c" + Ids.randomToken(20);
        String ip = "10.9." + SEQ.incrementAndGet() % 250 + ".7";
        record(attempt(noon.minus(Duration.ofDays(3)), card, "cus_a" + card, "usr_x", null, ip, 10_000));
        record(attempt(noon.minus(Duration.ofHours(5)), card, "cus_b" + card, "usr_x", null, ip, 20_000));
        record(attempt(noon.minus(Duration.ofMinutes(30)), card, "cus_b" + card, "usr_y", null, ip, 30_000));
        FeatureValues v = record(attempt(noon, card, "cus_c" + card, "usr_y", null, ip, 40_000));

        assertThat(v.number("card.attempts.10m")).isEqualTo(1);
        assertThat(v.number("card.attempts.1h")).isEqualTo(2);
        assertThat(v.number("card.attempts.24h")).isEqualTo(3);
        assertThat(v.number("card.attempts.7d")).isEqualTo(4);
        assertThat(v.number("card.amount.1h")).isEqualTo(700.00);
        assertThat(v.number("card.amount.7d")).isEqualTo(1000.00);
        // cus_b, seen 5 h and 30 min ago, counts once in every window from the narrowest it was seen in
        assertThat(v.number("card.distinctCustomers.10m")).isEqualTo(1);
        assertThat(v.number("card.distinctCustomers.1h")).isEqualTo(2);
        assertThat(v.number("card.distinctCustomers.24h")).isEqualTo(2);
        assertThat(v.number("card.distinctCustomers.7d")).isEqualTo(3);
        assertThat(v.number("card.distinctAgents.1h")).isEqualTo(1);
        assertThat(v.number("card.distinctAgents.7d")).isEqualTo(2);
        assertThat(v.number("ip.distinctCards.1h")).isEqualTo(1);
        assertThat(v.number("card.firstSeen")).isZero();
        assertThat(v.number("hour")).isEqualTo(14);
        assertThat(v.number("amount")).isEqualTo(400.00);
        assertThat(v.text("card.binCountry")).isEqualTo("TW");
        assertThat(v.number("card.binCountryMismatch")).isZero();

        String fresh = "c" + Ids.randomToken(20);
        assertThat(record(attempt(noon, fresh, "cus_z" + fresh, "usr_x", null, null, 100)).number("card.firstSeen")).isEqualTo(1);
        // no address (keypad): its velocity is unknown, not zero
        assertThat(Double.isNaN(features.compute(attempt(noon, fresh, "cus_z" + fresh, "usr_x", null, null, 100))
                .number("ip.attempts.1h"))).isTrue();
    }

    @Test
    void declinesCountOnlyOnceKnownAtTheMoment() {
        String card = "d" + Ids.randomToken(20);
        Attempt first = attempt(noon.minus(Duration.ofMinutes(20)), card, "cus_d" + card, "usr_x", null, null, 100);
        attempts.record(first);
        attempts.declined(first.paymentId(), noon.minus(Duration.ofMinutes(19)));
        Attempt second = attempt(noon.minus(Duration.ofMinutes(10)), card, "cus_d" + card, "usr_x", null, null, 100);
        attempts.record(second);
        attempts.decided(second.paymentId(), RiskAction.BLOCK, second.at());
        Attempt third = attempt(noon.minus(Duration.ofMinutes(5)), card, "cus_d" + card, "usr_x", null, null, 100);
        attempts.record(third);
        // declined after "now": not known yet
        attempts.declined(third.paymentId(), noon.plus(Duration.ofMinutes(1)));

        FeatureValues v = record(attempt(noon, card, "cus_d" + card, "usr_x", null, null, 100));
        assertThat(v.number("card.declines.1h")).isEqualTo(2);
        assertThat(v.number("card.attempts.1h")).isEqualTo(4);
        assertThat(v.number("card.declineRatio.1h")).isEqualTo(0.5);
        assertThat(v.number("card.declines.10m")).isZero();
    }

    @Test
    void amountAgainstTheCustomersCapturedHistory() {
        String card = "h" + Ids.randomToken(20);
        String customer = "cus_h" + card;
        for (long minor : new long[] {10_000, 30_000}) {
            Attempt past = attempt(noon.minus(Duration.ofDays(2)), card, customer, "usr_x", null, null, minor);
            attempts.record(past);
            attempts.captured(past.paymentId(), past.at());
            attempts.countCapture(past.paymentId(), features.zone());
        }
        Attempt declined = attempt(noon.minus(Duration.ofDays(1)), card, customer, "usr_x", null, null, 900_000);
        attempts.record(declined);
        FeatureValues v = record(attempt(noon, card, customer, "usr_x", null, null, 100_000));
        assertThat(v.number("customer.priorPayments")).isEqualTo(2);
        assertThat(v.number("customer.averageAmount")).isEqualTo(200.00);
        assertThat(v.number("customer.maxAmount")).isEqualTo(300.00);
        assertThat(v.number("amount.customerRatio")).isEqualTo(5.0);
        assertThat(v.asMap().get("customer.averageAmount")).isEqualTo("200 TWD");

        String newcomer = "cus_n" + card;
        FeatureValues first = record(attempt(noon, card, newcomer, "usr_x", null, null, 100_000));
        assertThat(first.number("customer.priorPayments")).isZero();
        assertThat(Double.isNaN(first.number("amount.customerRatio"))).isTrue();
    }

    @Test
    void anAgentsCardsTodayAgainstTheTeamMedian() {
        String team = "team-" + Ids.randomToken(3);
        StaffUser busy = newUser(Role.AGENT, team);
        StaffUser calm = newUser(Role.AGENT, team);
        newUser(Role.AGENT, team); // no sales today: counts as zero in the median
        newUser(Role.SUPERVISOR, team); // not an agent: not in the median
        Instant now = clock.instant();
        for (int i = 0; i < 2; i++) {
            record(attempt(now.plusSeconds(1 + i), "t" + Ids.randomToken(20), "cus_t" + i, calm.id(), team, null, 100));
        }
        FeatureValues v = null;
        for (int i = 0; i < 6; i++) {
            v = record(attempt(now.plusSeconds(10 + i), "t" + Ids.randomToken(20), "cus_u" + i, busy.id(), team, null, 100));
        }
        assertThat(v.number("agent.cardsToday")).isEqualTo(6);
        assertThat(v.number("agent.teamMedianCardsToday")).isEqualTo(2);
        assertThat(v.number("agent.distinctCards.24h")).isEqualTo(6);
        assertThat(v.number("agent.tenureDays")).isLessThan(1);
    }

    @Test
    void anAgentsCardsTodayAsOfAnEarlierMomentCountOnlyTheCardsSeenByThen() {
        String team = "team-" + Ids.randomToken(3);
        StaffUser agent = newUser(Role.AGENT, team);
        String again = "r" + Ids.randomToken(20);
        // the evening before (another business day), then three cards this afternoon, one of them twice
        record(attempt(noon.minus(Duration.ofHours(20)), "r" + Ids.randomToken(20), "cus_r0", agent.id(), team, null, 100));
        Attempt early = attempt(noon.minus(Duration.ofHours(2)), again, "cus_r1", agent.id(), team, null, 100);
        record(early);
        record(attempt(noon.minus(Duration.ofHours(1)), "r" + Ids.randomToken(20), "cus_r2", agent.id(), team, null, 100));
        record(attempt(noon.plus(Duration.ofHours(1)), again, "cus_r1", agent.id(), team, null, 100));
        record(attempt(noon.plus(Duration.ofHours(2)), "r" + Ids.randomToken(20), "cus_r3", agent.id(), team, null, 100));

        assertThat(features.compute(early).number("agent.cardsToday")).isEqualTo(1);
        assertThat(features.compute(attempt(noon, again, "cus_r1", agent.id(), team, null, 100)).number("agent.cardsToday"))
                .isEqualTo(2);
        assertThat(features.compute(attempt(noon.plus(Duration.ofHours(3)), again, "cus_r1", agent.id(), team, null, 100))
                .number("agent.cardsToday")).isEqualTo(3);
    }

    @Test
    void concurrentAttemptsOfOneAgentCountEachCardOnce(@Autowired org.springframework.transaction.support.TransactionTemplate tx)
            throws Exception {
        StaffUser agent = newUser(Role.AGENT, "team-" + Ids.randomToken(3));
        String[] cards = new String[12];
        for (int c = 0; c < cards.length; c++) {
            cards[c] = "k" + Ids.randomToken(20);
        }
        // 48 payments on 12 cards, four at a time, each in its own transaction as in the payment step
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var done = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < 48; i++) {
                Attempt a = attempt(noon.plusSeconds(i), cards[i % cards.length], "cus_k" + i, agent.id(), agent.team(), null, 100);
                done.add(pool.submit(() -> tx.executeWithoutResult(status -> attempts.record(a))));
            }
            for (var future : done) {
                future.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.sql("select cards from risk_agent_day where agent_id = :a").param("a", agent.id()).query(Long.class).single())
                .isEqualTo(12);
        assertThat(features.compute(attempt(noon.plusSeconds(60), cards[0], "cus_k0", agent.id(), agent.team(), null, 100))
                .number("agent.cardsToday")).isEqualTo(12);
    }

    @Test
    void theBackfillRebuildsAnAgentsDailyCardsFromTheStoredAttempts(@Autowired javax.sql.DataSource dataSource) throws Exception {
        StaffUser agent = newUser(Role.AGENT, "team-" + Ids.randomToken(3));
        String card = "b" + Ids.randomToken(20);
        for (Instant at : new Instant[] {noon.minus(Duration.ofDays(1)), noon, noon.plusSeconds(60)}) {
            record(attempt(at, card, "cus_b1", agent.id(), agent.team(), null, 100));
        }
        record(attempt(noon.plusSeconds(120), "b" + Ids.randomToken(20), "cus_b2", agent.id(), agent.team(), null, 100));
        String days = "select business_day, team, cards, last_at from risk_agent_day where agent_id = :agent order by business_day";
        String cards = "select business_day, card_fp, first_at from risk_agent_card where agent_id = :agent order by business_day, card_fp";
        var daysBefore = jdbc.sql(days).param("agent", agent.id()).query().listOfRows();
        var cardsBefore = jdbc.sql(cards).param("agent", agent.id()).query().listOfRows();
        assertThat(daysBefore).hasSize(2);
        assertThat(daysBefore.get(1).get("cards")).isEqualTo(2L);
        jdbc.sql("delete from risk_agent_day where agent_id = :agent").param("agent", agent.id()).update();
        jdbc.sql("delete from risk_agent_card where agent_id = :agent").param("agent", agent.id()).update();

        try (java.sql.Connection connection = dataSource.getConnection()) {
            new AgentCardsBackfill(features.zone().getId()).migrate(new org.flywaydb.core.api.migration.Context() {
                @Override
                public org.flywaydb.core.api.configuration.Configuration getConfiguration() {
                    return null;
                }

                @Override
                public java.sql.Connection getConnection() {
                    return connection;
                }
            });
        }
        assertThat(jdbc.sql(days).param("agent", agent.id()).query().listOfRows()).isEqualTo(daysBefore);
        assertThat(jdbc.sql(cards).param("agent", agent.id()).query().listOfRows()).isEqualTo(cardsBefore);
    }

    @Test
    void payLinksSentToAnAddressSharedByCustomers() {
        String shared = "+8869" + (10_000_000 + SEQ.incrementAndGet());
        FeatureValues v = null;
        for (int i = 0; i < 3; i++) {
            String card = "s" + Ids.randomToken(20);
            Attempt a = new Attempt("pay_st" + Ids.randomToken(8), "ord_" + Ids.randomToken(6), noon.plusSeconds(i), "cus_s" + card,
                    "usr_s" + shared, null, card, "490000", "NG", "TW", shared, null, "10.1.1.1", "dev" + shared, shared, i == 2,
                    "SKU-S", "LINK", "TWD", 100, 0.1);
            v = record(a);
        }
        assertThat(v.number("sentTo.distinctCustomers.7d")).isEqualTo(3);
        assertThat(v.number("phone.distinctCustomers.7d")).isEqualTo(3);
        assertThat(v.number("device.distinctCards.24h")).isEqualTo(3);
        assertThat(v.number("session.sentToOther")).isEqualTo(1);
        // the first link to the address was not yet "shared" when it was sent; the next two were
        assertThat(v.number("agent.sessionsSentElsewhere.7d")).isEqualTo(2);
        assertThat(v.number("card.binCountryMismatch")).isEqualTo(1);
        assertThat(v.number("card.holderNameMismatch")).isEqualTo(1);
    }
}
