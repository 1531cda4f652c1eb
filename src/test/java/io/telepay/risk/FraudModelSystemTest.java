package io.telepay.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.telepay.learning.LearnedModel;
import io.telepay.learning.LearnedModels;
import io.telepay.learning.ModelStatus;
import io.telepay.risk.features.Attempt;
import io.telepay.risk.features.Attempts;
import io.telepay.risk.features.FeatureQueries;
import io.telepay.risk.fraud.TrainingRow;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import io.telepay.shared.Money;
import io.telepay.shared.Role;
import io.telepay.testing.ConsoleSession;
import io.telepay.testing.Http;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * The learned fraud model in the risk step: trained through the API on attempts with their features as of their own
 * time, SHADOW then ACTIVE, its score and version stored with the decision and replayed; a model that cannot load
 * leaves the score unknown, so a rule naming it does not fire, with a warning and health {@code fraudModel} UNKNOWN.
 */
@ExtendWith(OutputCaptureExtension.class)
class FraudModelSystemTest extends SystemTest {

    @Autowired
    Attempts attempts;
    @Autowired
    FeatureQueries features;
    @Autowired
    FraudTrainingSet trainingSet;
    @Autowired
    RiskEngine engine;
    @Autowired
    LearnedModels store;
    @Autowired
    FraudModelHealthIndicator health;
    @Autowired
    FraudModels models;

    /** Days of their own in the past, so other tests' attempts are not in range. */
    private final Instant day = Instant.parse("2001-01-01T00:00:00Z")
            .plus(Duration.ofDays(ThreadLocalRandom.current().nextInt(6000))).truncatedTo(ChronoUnit.DAYS);

    private Attempt attempt(Instant at, String card) {
        Attempt a = new Attempt("pay_f" + Ids.randomToken(10), "ord_" + Ids.randomToken(6), at, "cus_f" + Ids.randomToken(6),
                "usr_fraudtest", null, card, "400361", "TW", "TW", null, null, null, null, null, false, "SKU-F", "LINK", "TWD",
                50_000, Double.NaN);
        attempts.record(a);
        return a;
    }

    @Test
    void aTrainingRowSeesTheLabelsGivenBeforeItsAttemptOnly() {
        String card = Ids.randomToken(64).substring(0, 64);
        Attempt before = attempt(day.plus(Duration.ofHours(1)), card);
        jdbc.sql("insert into risk_label (id, kind, item, outcome, source, at) values (:id, 'CARD', :card, 'FRAUD', 'fraud report', :at)")
                .param("id", "lbl_" + Ids.randomToken(8)).param("card", card).param("at", Db.ts(day.plus(Duration.ofHours(2)))).update();
        Attempt after = attempt(day.plus(Duration.ofHours(3)), card);

        List<TrainingRow> rows = new ArrayList<>();
        trainingSet.forEach(day, day.plus(Duration.ofDays(1)), trainingSet.labels(clock.instant()), rows::add);

        assertThat(rows).extracting(r -> r.attempt().paymentId()).containsExactly(before.paymentId(), after.paymentId());
        // both are fraud (the label is known now), but the first attempt's features must not know it
        assertThat(rows).allMatch(TrainingRow::fraud);
        assertThat(rows.get(0).values().number("card.fraudLabels")).isZero();
        assertThat(rows.get(1).values().number("card.fraudLabels")).isEqualTo(1);
        assertThat(rows).allMatch(r -> !r.asOf().isAfter(r.attempt().at()));
        // what a leak would look like: the same attempt's features as of today count the label given after it
        assertThat(features.compute(before, clock.instant()).number("card.fraudLabels")).isEqualTo(1);
        // and labels given after the training's moment are not known to it
        assertThat(trainingSet.labels(day.plus(Duration.ofMinutes(90))).fraud(before)).isFalse();
    }

    @Test
    void aModelTrainsShadowsSwitchesAndIsRecordedWithTheDecision() {
        List<TelesalesWorld.Event> world = TelesalesWorld.generate(7, day, 2, "fm" + Ids.randomToken(4) + "_");
        for (TelesalesWorld.Event event : world) {
            write(event);
        }
        Http analyst = as(Role.RISK_ANALYST);
        // trained in-process: two days of recomputed features can outlast the test client's 30 s timeout on a busy machine
        FraudModels.Training trained = models.train(day, day.plus(Duration.ofDays(2)));
        String id = trained.model().id();
        assertThat(trained.model().status()).isEqualTo(ModelStatus.SHADOW);
        assertThat(trained.model().metrics().model().auc()).isGreaterThan(0.6);
        JsonNode listed = analyst.get("/api/v1/risk/fraud-models").json();
        assertThat(listed.get("items").get(0).get("id").asString()).isEqualTo(id);
        assertThat(listed.get("items").get(0).get("metrics").get("baseline").get("auc").isNumber()).isTrue();
        String rule = null;
        try {
            JsonNode shadowed = decide(analyst);
            assertThat(shadowed.get("features").get("model.shadowFraudScore").isNumber()).isTrue();
            assertThat(shadowed.get("features").get("model.shadowFraudVersion").asString()).startsWith("payment-fraud v");
            assertThat(unknown(shadowed.get("features").get("model.fraudScore"))).isTrue();

            assertThat(as(Role.AGENT).post("/api/v1/risk/fraud-models/" + id + "/status", Map.of("status", "ACTIVE")).status())
                    .isEqualTo(403);
            var bad = analyst.post("/api/v1/risk/fraud-models/" + id + "/status", Map.of("status", "FAILED"));
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body()).contains("status");
            // the rules page lists the version and switches it only when the tick confirms it
            ConsoleSession console = new ConsoleSession(base());
            console.signIn(newUser(Role.RISK_ANALYST).username(), PASSWORD);
            assertThat(console.http().get("/console/risk/rules").body()).contains("data-testid=\"fraud-models\"")
                    .contains("/console/risk/rules/models/" + id + "/status");
            var unconfirmed = console.submit("/console/risk/rules", "/console/risk/rules/models/" + id + "/status",
                    Map.of("status", "ACTIVE"));
            assertThat(unconfirmed.status()).isEqualTo(200);
            assertThat(unconfirmed.body()).contains("tick to confirm the switch");
            assertThat(store.get(id).status()).isEqualTo(ModelStatus.SHADOW);
            var confirmed = console.submit("/console/risk/rules", "/console/risk/rules/models/" + id + "/status",
                    Map.of("status", "ACTIVE", "confirm", "true"));
            assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(302);
            assertThat(store.get(id).status()).isEqualTo(ModelStatus.ACTIVE);

            // a rule may name the score; any known score is >= 0 so it fires, in SHADOW (recorded, not acting)
            var created = analyst.post("/api/v1/risk/rules", Map.of("name", "Model says fraud", "expression", "model.fraudScore >= 0",
                    "action", "REVIEW", "mode", "SHADOW", "score", 10));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            rule = created.json().get("id").asString();
            String ruleId = rule;
            JsonNode active = decide(analyst);
            double score = active.get("features").get("model.fraudScore").asDouble();
            assertThat(score).isBetween(0.0, 1.0);
            assertThat(active.get("features").get("model.fraudVersion").asString()).isEqualTo(
                    "payment-fraud v" + store.get(id).version());
            assertThat(active.get("rules")).anySatisfy(r -> {
                assertThat(r.get("ruleId").asString()).isEqualTo(ruleId);
                assertThat(r.get("matched").asBoolean()).isTrue();
            });
            assertThat(active.get("replayed").get("hashVerified").asBoolean()).isTrue();
            assertThat(active.get("replayed").get("sameMatches").asBoolean()).isTrue();
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat(analyst.get("/api/v1/risk/fraud-models").json().get("scoring").get("activeVersion").asString())
                    .startsWith("payment-fraud v");
        } finally {
            cleanUp(id, rule);
        }
    }

    @Test
    void aModelThatCannotLoadLeavesTheScoreUnknownAndSaysSo(CapturedOutput output) {
        List<TelesalesWorld.Event> world = TelesalesWorld.generate(11, day, 2, "fx" + Ids.randomToken(4) + "_");
        for (TelesalesWorld.Event event : world) {
            write(event);
        }
        Http analyst = as(Role.RISK_ANALYST);
        String id = models.train(day, day.plus(Duration.ofDays(2))).model().id();
        String rule = null;
        try {
            jdbc.sql("update learned_model set model = :bytes where id = :id").param("bytes", new byte[] {1, 2, 3}).param("id", id).update();
            assertThat(analyst.post("/api/v1/risk/fraud-models/" + id + "/status", Map.of("status", "ACTIVE")).status()).isEqualTo(200);
            // a rule on the score acts only after it ran in SHADOW
            var straightToActive = analyst.post("/api/v1/risk/rules", Map.of("name", "Model says fraud",
                    "expression", "model.fraudScore >= 0", "action", "BLOCK", "mode", "ACTIVE", "score", 90));
            assertThat(straightToActive.status()).isEqualTo(400);
            assertThat(straightToActive.json().get("errors").get(0).get("field").asString()).isEqualTo("mode");
            assertThat(straightToActive.body()).contains("must be SHADOW first for a rule on model.fraudScore");
            var created = analyst.post("/api/v1/risk/rules", Map.of("name", "Model says fraud", "expression", "model.fraudScore >= 0",
                    "action", "BLOCK", "mode", "SHADOW", "score", 90));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            rule = created.json().get("id").asString();
            assertThat(analyst.put("/api/v1/risk/rules/" + rule, Map.of("mode", "ACTIVE")).status()).isEqualTo(200);

            JsonNode decision = decide(analyst);
            assertThat(decision.get("action").asString()).isNotEqualTo("BLOCK");
            assertThat(unknown(decision.get("features").get("model.fraudScore"))).isTrue();
            assertThat(unknown(decision.get("features").get("model.fraudVersion"))).isTrue();
            String ruleId = rule;
            for (JsonNode hit : decision.get("rules")) {
                assertThat(hit.get("ruleId").asString().equals(ruleId) && hit.get("matched").asBoolean()).as(hit.toString()).isFalse();
            }
            assertThat(output.getAll()).contains("fraud model payment-fraud v").contains("cannot load");
            assertThat(health.health().getStatus()).isEqualTo(Status.UNKNOWN);
            assertThat(health.health().getDetails().get("problem").toString()).contains(id);
            assertThat(analyst.get("/api/v1/risk/fraud-models").json().get("scoring").get("problem").asString()).contains("cannot load");
        } finally {
            cleanUp(id, rule);
        }
        decide(analyst);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void trainingInputIsCheckedField() {
        Http analyst = as(Role.RISK_ANALYST);
        var missing = analyst.post("/api/v1/risk/fraud-models/train", Map.of("from", day.toString()));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("to");
        var reversed = analyst.post("/api/v1/risk/fraud-models/train", Map.of("from", day.toString(), "to", day.minusSeconds(1).toString()));
        assertThat(reversed.status()).isEqualTo(400);
        var empty = analyst.post("/api/v1/risk/fraud-models/train", Map.of("from", day.toString(), "to", day.plusSeconds(60).toString()));
        assertThat(empty.status()).as(empty.toString()).isBetween(400, 499);
        assertThat(as(Role.AGENT).post("/api/v1/risk/fraud-models/train", Map.of("from", day.toString())).status()).isEqualTo(403);
    }

    private static boolean unknown(JsonNode value) {
        return value == null || value.isNull();
    }

    private JsonNode decide(Http analyst) {
        String paymentId = "pay_fm" + Ids.randomToken(10);
        engine.assess(new RiskSubject(paymentId, "ord_fm" + Ids.randomToken(6), "cus_fm" + Ids.randomToken(6), "usr_fraudtest",
                Money.of("12000", "TWD"), Ids.randomToken(64).substring(0, 64), "400361", "+886912000111", "lin@example.tw",
                "+886912000111", "203.69.1.1", "LINK", clock.instant()));
        var decision = analyst.get("/api/v1/risk/decisions/" + paymentId);
        assertThat(decision.status()).as(decision.toString()).isEqualTo(200);
        return decision.json();
    }

    private void cleanUp(String modelId, String ruleId) {
        Http analyst = as(Role.RISK_ANALYST);
        if (ruleId != null) {
            analyst.post("/api/v1/risk/rules/" + ruleId + "/disable", Map.of());
        }
        LearnedModel model = store.get(modelId);
        if (model.status() != ModelStatus.RETIRED) {
            analyst.post("/api/v1/risk/fraud-models/" + modelId + "/status", Map.of("status", "RETIRED"));
        }
    }

    private void write(TelesalesWorld.Event event) {
        switch (event) {
            case TelesalesWorld.Tried t -> attempts.record(t.attempt());
            case TelesalesWorld.Declined d -> attempts.declined(d.paymentId(), d.at());
            case TelesalesWorld.Captured c -> attempts.captured(c.paymentId(), c.at());
            case TelesalesWorld.ChargedBack b -> attempts.chargedBack(b.paymentId(), b.at());
            case TelesalesWorld.Labelled l -> jdbc.sql("""
                            insert into risk_label (id, kind, item, outcome, source, at) values (:id, :kind, :item, 'FRAUD', :source, :at)""")
                    .param("id", "lbl_" + Ids.randomToken(12)).param("kind", l.kind()).param("item", l.item())
                    .param("source", l.source()).param("at", Db.ts(l.at())).update();
        }
    }
}
