package io.telepay.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.telepay.risk.features.Attempt;
import io.telepay.risk.features.Attempts;
import io.telepay.shared.Ids;
import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Backtests judge each stored attempt on its features as of its own time, not on today's data. */
class BacktestSystemTest extends SystemTest {

    @Autowired
    Attempts attempts;

    /** A day of its own in the past, so other tests' attempts are not in range. */
    private final Instant day = Instant.parse("2001-01-01T00:00:00Z").plus(Duration.ofDays(ThreadLocalRandom.current().nextInt(6000)));

    private Attempt attempt(Instant at, String card, String customer) {
        Attempt a = new Attempt("pay_b" + Ids.randomToken(10), "ord_" + Ids.randomToken(6), at, customer, "usr_backtest", null, card,
                "411111", null, "TW", null, null, null, null, null, false, "SKU-B", "LINK", "TWD", 50_000, Double.NaN);
        attempts.record(a);
        return a;
    }

    private JsonNode backtest(Http analyst, String expression, Instant from, Instant to) {
        var response = analyst.post("/api/v1/risk/rules/backtest", Map.of("expression", expression, "from", from.toString(), "to", to.toString()));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    @Test
    void distinctCountsAreRecomputedAsOfEachAttempt() {
        String card = Ids.randomToken(32).substring(0, 52) + "0123456789ab";
        Instant t0 = day.plus(Duration.ofHours(1));
        attempt(t0, card, "cus_ba");
        attempt(t0.plus(Duration.ofHours(1)), card, "cus_bb");
        Attempt third = attempt(t0.plus(Duration.ofHours(2)), card, "cus_bc");
        attempt(t0.plus(Duration.ofHours(30)), card, "cus_bd");
        jdbc.sql("insert into risk_label (id, kind, item, outcome, source, at) values (:id, 'CARD', :card, 'FRAUD', 'chargeback', :at)")
                .param("id", "lbl_" + Ids.randomToken(8)).param("card", card).param("at", java.time.OffsetDateTime.now()).update();

        // today the card has 4 customers; as of each attempt it had 1, 2, 3 and (in the 24 h before the last) 1
        JsonNode result = backtest(as(Role.RISK_ANALYST), "card.distinctCustomers.24h >= 3", day, day.plus(Duration.ofDays(3)));
        assertThat(result.get("evaluated").asLong()).isEqualTo(4);
        assertThat(result.get("matched").asLong()).isEqualTo(1);
        assertThat(result.get("fraud").asLong()).isEqualTo(1);
        assertThat(result.get("legitimate").asLong()).isZero();
        JsonNode example = result.get("examples").get(0);
        assertThat(example.get("paymentId").asString()).isEqualTo(third.paymentId());
        assertThat(example.get("label").asString()).isEqualTo("FRAUD");
        assertThat(example.get("features").get("card.distinctCustomers.24h").asLong()).isEqualTo(3);

        assertThat(backtest(as(Role.RISK_ANALYST), "card.distinctCustomers.7d >= 3", day, day.plus(Duration.ofDays(3)))
                .get("matched").asLong()).isEqualTo(2);
    }

    @Test
    void aDeclineCountsOnlyForAttemptsAfterItWasKnown() {
        String card = Ids.randomToken(32).substring(0, 52) + "abcdefabcdef";
        Instant t0 = day.plus(Duration.ofHours(12));
        Attempt first = attempt(t0, card, "cus_bx");
        attempt(t0.plus(Duration.ofMinutes(10)), card, "cus_bx");
        attempts.declined(first.paymentId(), t0.plus(Duration.ofMinutes(20)));
        Attempt third = attempt(t0.plus(Duration.ofMinutes(30)), card, "cus_bx");

        JsonNode result = backtest(as(Role.RISK_ANALYST), "card.declines.1h >= 1 and card.attempts.1h >= 2",
                t0, t0.plus(Duration.ofHours(1)));
        assertThat(result.get("evaluated").asLong()).isEqualTo(3);
        assertThat(result.get("matched").asLong()).isEqualTo(1);
        assertThat(result.get("examples").get(0).get("paymentId").asString()).isEqualTo(third.paymentId());
        assertThat(result.get("examples").get(0).get("label").asString()).isEqualTo("NONE");
    }

    @Test
    void aBadExpressionOrRangeIsRefused() {
        Http analyst = as(Role.RISK_ANALYST);
        var bad = analyst.post("/api/v1/risk/rules/backtest", Map.of("expression", "card.attempts.1h >=", "from", day.toString(),
                "to", day.plusSeconds(60).toString()));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("message").asString()).startsWith("column 20:");
        assertThat(analyst.post("/api/v1/risk/rules/backtest", Map.of("expression", "hour > 3", "from", day.toString(),
                "to", day.minusSeconds(60).toString())).status()).isEqualTo(400);
        assertThat(as(Role.AGENT).post("/api/v1/risk/rules/backtest", Map.of("expression", "hour > 3", "from", day.toString(),
                "to", day.plusSeconds(60).toString())).status()).isEqualTo(403);
    }
}
