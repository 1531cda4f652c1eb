package io.telepay.learning;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.telepay.shared.Ids;
import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LearnedModelsSystemTest extends SystemTest {

    @Autowired
    LearnedModels models;

    private static Classifier tiny() {
        SplittableRandom random = new SplittableRandom(11);
        List<Example> rows = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            double x = random.nextDouble();
            rows.add(new Example(Map.of("x", x), random.nextDouble() < x));
        }
        return LogisticTraining.train(rows, rows, LogisticTraining.Options.DEFAULT);
    }

    private LearnedModel store(String kind, Classifier classifier) {
        Instant now = clock.instant();
        Evaluation evaluation = Evaluation.ofProbabilities(new double[]{0.2, 0.8}, new boolean[]{false, true});
        return models.save(new NewModel(kind, ModelStatus.SHADOW, now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(14)),
                now.minus(Duration.ofDays(14)), now, classifier.features(),
                new ModelMetrics(400, 200, evaluation, Evaluation.ofScores(new double[]{1, 1}, new boolean[]{false, true}), 12),
                classifier.toBytes(), null));
    }

    @Test
    void versionsCountUpPerKindAndKeepTheirFiguresAndBytes() {
        String kind = "test-" + Ids.randomToken(3);
        Classifier classifier = tiny();
        LearnedModel first = store(kind, classifier);
        LearnedModel second = store(kind, classifier);

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.status()).isEqualTo(ModelStatus.SHADOW);
        assertThat(second.metrics().model().auc()).isEqualTo(1.0);
        assertThat(second.metrics().baseline().auc()).isEqualTo(0.5);
        assertThat(second.metrics().baseline().brier()).as("NaN survives the JSON column").isNaN();
        assertThat(models.classifier(second.id()).probability(Map.of("x", 0.9))).isEqualTo(classifier.probability(Map.of("x", 0.9)));
        assertThat(models.shadow(kind)).map(LearnedModel::id).contains(second.id());
        assertThat(models.active(kind)).isEmpty();
    }

    @Test
    void anAdminSwitchesAVersionOnAndTheFormerActiveOneRetires() {
        String kind = "test-" + Ids.randomToken(3);
        LearnedModel first = store(kind, tiny());
        LearnedModel second = store(kind, tiny());
        Http admin = as(newUser(Role.ADMIN));

        assertThat(admin.post("/api/v1/learned-models/" + first.id() + "/status", Map.of("status", "ACTIVE")).status()).isEqualTo(200);
        Http.Response switched = admin.post("/api/v1/learned-models/" + second.id() + "/status", Map.of("status", "active"));
        assertThat(switched.status()).as(switched.toString()).isEqualTo(200);
        assertThat(switched.json().get("status").asString()).isEqualTo("ACTIVE");

        JsonNode list = admin.get("/api/v1/learned-models?kind=" + kind).json();
        assertThat(list.valueStream().map(m -> m.get("version").asInt() + ":" + m.get("status").asString()).toList())
                .containsExactly("2:ACTIVE", "1:RETIRED");
        assertThat(list.get(0).get("metrics").get("model").get("calibration")).isNotEmpty();
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'learned-model.status-changed' and subject = :id")
                .param("id", first.id()).query(Long.class).single()).isEqualTo(2);

        assertThat(admin.post("/api/v1/learned-models/" + second.id() + "/status", Map.of("status", "RETIRED")).status()).isEqualTo(200);
        assertThat(models.active(kind)).isEmpty();
    }

    @Test
    void onlyAnAdminSwitchesAndSupervisorsRead() {
        String kind = "test-" + Ids.randomToken(3);
        LearnedModel model = store(kind, tiny());

        assertThat(as(newUser(Role.SUPERVISOR)).post("/api/v1/learned-models/" + model.id() + "/status",
                Map.of("status", "ACTIVE")).status()).isEqualTo(403);
        assertThat(as(newUser(Role.AGENT)).get("/api/v1/learned-models?kind=" + kind).status()).isEqualTo(403);
        assertThat(as(newUser(Role.SUPERVISOR)).get("/api/v1/learned-models/" + model.id()).json().get("kind").asString())
                .isEqualTo(kind);
        assertThat(models.get(model.id()).status()).isEqualTo(ModelStatus.SHADOW);
    }

    @Test
    void badRequestsNameTheFieldAndUnknownOrFailedModelsAreRefused() {
        Http admin = as(newUser(Role.ADMIN));
        String kind = "test-" + Ids.randomToken(3);
        LearnedModel model = store(kind, tiny());
        LearnedModel failed = models.save(new NewModel(kind, ModelStatus.FAILED, null, null, null, null, List.of(), null, null,
                "only 3 labelled rows"));

        Http.Response noKind = admin.get("/api/v1/learned-models");
        assertThat(noKind.status()).isEqualTo(400);
        assertThat(noKind.json().get("errors").get(0).get("field").asString()).isEqualTo("kind");
        for (String status : new String[]{"FAILED", "LIVE", ""}) {
            Http.Response bad = admin.post("/api/v1/learned-models/" + model.id() + "/status", Map.of("status", status));
            assertThat(bad.status()).as(status).isEqualTo(400);
            assertThat(bad.contentType()).startsWith("application/problem+json");
            assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo("status");
        }
        assertThat(admin.post("/api/v1/learned-models/mdl_nosuch/status", Map.of("status", "ACTIVE")).status()).isEqualTo(404);
        assertThat(admin.post("/api/v1/learned-models/" + failed.id() + "/status", Map.of("status", "ACTIVE")).status()).isEqualTo(409);
        assertThat(admin.post("/api/v1/learned-models/" + model.id() + "/status", Map.of("status", "SHADOW")).status()).isEqualTo(409);
        assertThatThrownBy(() -> models.classifier(failed.id())).isInstanceOf(ModelUnreadable.class);
    }
}
