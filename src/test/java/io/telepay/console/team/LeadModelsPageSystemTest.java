package io.telepay.console.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.telepay.console.ConsolePageSupport;
import io.telepay.learning.Classifier;
import io.telepay.learning.Evaluation;
import io.telepay.learning.Example;
import io.telepay.learning.LearnedModel;
import io.telepay.learning.LearnedModels;
import io.telepay.learning.LogisticTraining;
import io.telepay.learning.ModelMetrics;
import io.telepay.learning.ModelStatus;
import io.telepay.learning.NewModel;
import io.telepay.shared.Role;
import io.telepay.testing.ConsoleSession;
import io.telepay.testing.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code /console/team/lead-models}: supervisors read the versions with their figures against the hand-written
 * score and the calibration plot; only an admin switches one, and only with the confirmation ticked.
 */
class LeadModelsPageSystemTest extends ConsolePageSupport {

    private static final String PAGE = "/console/team/lead-models";
    private static final String KIND = "lead-conversion";

    @Autowired
    LearnedModels models;

    @AfterEach
    void backToTheHandWrittenScore() {
        models.active(KIND).ifPresent(active -> models.changeStatus(active.id(), ModelStatus.RETIRED));
    }

    private LearnedModel version() {
        SplittableRandom random = new SplittableRandom(3);
        List<Example> rows = new ArrayList<>();
        double[] p = new double[600];
        boolean[] y = new boolean[600];
        for (int i = 0; i < 600; i++) {
            double orders = random.nextInt(3);
            y[i] = random.nextDouble() < 0.1 + 0.2 * orders;
            p[i] = 0.1 + 0.2 * orders;
            rows.add(new Example(Map.of("orders", orders), y[i]));
        }
        Classifier classifier = LogisticTraining.train(rows, rows, LogisticTraining.Options.DEFAULT);
        Instant now = clock.instant();
        double[] hand = new double[600];
        return models.save(new NewModel(KIND, ModelStatus.SHADOW, now.minus(Duration.ofDays(90)), now.minus(Duration.ofDays(28)),
                now.minus(Duration.ofDays(21)), now.minus(Duration.ofDays(7)), classifier.features(),
                new ModelMetrics(600, 120, Evaluation.ofProbabilities(p, y), Evaluation.ofScores(hand, y), 420),
                classifier.toBytes(), "page test"));
    }

    @Test
    void supervisorsReadTheVersionsFiguresAndCalibrationInTheirLanguage() {
        LearnedModel version = version();
        assertThat(signedIn(Role.AGENT).http().get(PAGE).status()).isEqualTo(403);
        ConsoleSession supervisor = signedIn(Role.SUPERVISOR);

        String body = page(supervisor, PAGE + "?version=" + version.id(), 200).body();
        assertThat(body).contains("data-version=\"" + version.version() + "\"").contains("Top-decile lift")
                .contains("The queue is ordered by the hand-written score.")
                .contains(String.format(java.util.Locale.ROOT, "%.3f", version.metrics().model().auc()))
                .contains("<svg").contains("<circle").doesNotContain("Use to order the queue");
        assertThat(body.split("<circle", -1).length - 1).isEqualTo(version.metrics().model().calibration().size());
        assertThat(page(supervisor, PAGE + "?lang=zh-TW", 200).body()).contains("名單模型").contains("前十分位提升");
        assertThat(page(supervisor, PAGE + "?lang=zh-CN", 200).body()).contains("线索模型").contains("手写评分");

        Http.Response refused = supervisor.http().postForm(PAGE + "/" + version.id() + "/status",
                Map.of("_csrf", supervisor.csrf(PAGE), "status", "ACTIVE", "confirm", "yes"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(models.get(version.id()).status()).isEqualTo(ModelStatus.SHADOW);
    }

    @Test
    void theAgentsDeskShowsTheModelsChanceAndReasonsInTheirLanguage() {
        LearnedModel version = version();
        io.telepay.identity.StaffUser agentUser = newUser(Role.AGENT);
        String csv = "name,phone,source,campaign\n陳模型," + io.telepay.customer.CustomerFixtures.taiwanMobile() + ",web,桌面\n";
        String job = io.telepay.customer.LeadUploads.importAndWait(as(Role.ADMIN), csv, Map.of("ownerId", agentUser.id()))
                .get("id").asString();
        try {
            ConsoleSession agent = signedIn(agentUser);
            String desk = "/console/desk?lang=zh-TW";
            Http.Response next = post(agent, desk, "/console/desk/next", List.of());
            String body = next.status() == 302 ? page(agent, next.header("Location"), 200).body() : next.body();
            assertThat(body).contains("陳模型").contains("學習模型（影子模式，第 " + version.version() + " 版）")
                    .contains("過去沒有訂單");
        } finally {
            jdbc.sql("update lead set status = 'CLOSED', outcome = 'TEST' where import_id = :job").param("job", job).update();
        }
    }

    @Test
    void anAdminSwitchesAVersionOnOnlyWithTheConfirmationTicked() {
        LearnedModel version = version();
        ConsoleSession admin = signedIn(Role.ADMIN);
        String action = PAGE + "/" + version.id() + "/status";

        Http.Response unconfirmed = post(admin, PAGE, action, List.of(field("status", "ACTIVE")));
        assertThat(unconfirmed.status()).isEqualTo(200);
        assertThat(unconfirmed.body()).contains("alert error").contains("tick the box to confirm the switch");
        assertThat(models.get(version.id()).status()).isEqualTo(ModelStatus.SHADOW);

        Http.Response switched = post(admin, PAGE, action, List.of(field("status", "ACTIVE"), field("confirm", "yes")));
        assertThat(switched.status()).as(switched.body()).isEqualTo(302);
        assertThat(models.get(version.id()).status()).isEqualTo(ModelStatus.ACTIVE);
        assertThat(page(admin, PAGE, 200).body()).contains("The queue is ordered by the learned model, version " + version.version());
    }
}
