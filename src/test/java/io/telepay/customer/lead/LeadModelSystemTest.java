package io.telepay.customer.lead;

import static io.telepay.customer.CustomerFixtures.taiwanMobile;
import static io.telepay.customer.LeadUploads.importAndWait;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.telepay.customer.CustomerDirectory;
import io.telepay.identity.StaffUser;
import io.telepay.learning.Classifier;
import io.telepay.learning.Example;
import io.telepay.learning.LearnedModel;
import io.telepay.learning.LearnedModels;
import io.telepay.learning.LogisticTraining;
import io.telepay.learning.ModelStatus;
import io.telepay.learning.NewModel;
import io.telepay.shared.Ids;
import io.telepay.shared.Money;
import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

@ExtendWith(OutputCaptureExtension.class)
class LeadModelSystemTest extends SystemTest {

    @Autowired
    CustomerDirectory customers;

    @Autowired
    LearnedModels models;

    @Autowired
    LeadQueue queue;

    private final List<String> jobs = new ArrayList<>();

    @AfterEach
    void backToTheHandWrittenScore() {
        models.active(LeadModel.KIND).ifPresent(active -> models.changeStatus(active.id(), ModelStatus.RETIRED));
        jobs.forEach(job -> jdbc.sql("update lead set status = 'CLOSED', outcome = 'TEST' where import_id = :job")
                .param("job", job).update());
    }

    /** A model that learnt that customers who never ordered are the ones who buy: the opposite of the points. */
    private static Classifier firstTimeBuyers() {
        SplittableRandom random = new SplittableRandom(18);
        List<Example> rows = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            double orders = random.nextInt(3);
            double p = orders == 0 ? 0.6 : 0.05;
            rows.add(new Example(Map.of("orders", orders, "age.day", 1.0, "source=web", 1.0), random.nextDouble() < p));
        }
        return LogisticTraining.train(rows, rows, LogisticTraining.Options.DEFAULT);
    }

    private LearnedModel store(byte[] bytes, List<String> features) {
        return models.save(new NewModel(LeadModel.KIND, ModelStatus.SHADOW, null, null, null, null, features, null, bytes, "test"));
    }

    private String importLeads(String owner, String... names) {
        StringBuilder csv = new StringBuilder("name,phone,source,campaign\n");
        for (String name : names) {
            csv.append(name).append(',').append(taiwanMobile()).append(",web,模型-").append(Ids.randomToken(3)).append('\n');
        }
        JsonNode job = importAndWait(as(Role.ADMIN), csv.toString(), Map.of("ownerId", owner));
        assertThat(job.get("imported").asInt()).as(job.toString()).isEqualTo(names.length);
        jobs.add(job.get("id").asString());
        return job.get("id").asString();
    }

    private String customerOf(String jobId, String name) {
        return jdbc.sql("select id from customer where import_id = :job and name = :name")
                .param("job", jobId).param("name", name).query(String.class).single();
    }

    private static void complete(Http agent, JsonNode lead) {
        assertThat(agent.post("/api/v1/leads/" + lead.get("id").asString() + "/complete", Map.of("disposition", "NO_SALE"))
                .status()).isEqualTo(204);
    }

    @Test
    void anActiveModelOrdersTheQueueWithReasonsAndNeverHandsOutACustomerWhoMustNotBeCalled() {
        StaffUser agentUser = newUser(Role.AGENT);
        Http agent = as(agentUser);
        Http admin = as(newUser(Role.ADMIN));
        String job = importLeads(agentUser.id(), "王新客", "王老客", "王勿擾");
        String fresh = customerOf(job, "王新客");
        String loyal = customerOf(job, "王老客");
        String doNotCall = customerOf(job, "王勿擾");
        customers.recordOrder(loyal, "ord_" + Ids.randomToken(8), Money.of("990.00", "TWD"));
        // the flag alone, its lead still open: the queue itself must keep the customer out
        jdbc.sql("update customer set do_not_call = true, do_not_call_at = :now where id = :id")
                .param("now", io.telepay.shared.Db.ts(clock.instant())).param("id", doNotCall).update();
        Classifier classifier = firstTimeBuyers();
        LearnedModel model = store(classifier.toBytes(), classifier.features());

        JsonNode byPoints = agent.get("/api/v1/leads/next").json();
        assertThat(byPoints.get("customer").get("id").asString()).as("in SHADOW the points decide").isEqualTo(loyal);
        assertThat(byPoints.get("model").get("mode").asString()).isEqualTo("SHADOW");
        assertThat(agent.post("/api/v1/leads/" + byPoints.get("id").asString() + "/release", Map.of()).status()).isEqualTo(204);

        assertThat(admin.post("/api/v1/learned-models/" + model.id() + "/status", Map.of("status", "ACTIVE")).status()).isEqualTo(200);
        Http.Response next = agent.header("Accept-Language", "zh-TW").get("/api/v1/leads/next");
        JsonNode lead = next.json();
        assertThat(lead.get("customer").get("id").asString()).as(next.toString()).isEqualTo(fresh);
        JsonNode learned = lead.get("model");
        assertThat(learned.get("mode").asString()).isEqualTo("ACTIVE");
        assertThat(learned.get("modelId").asString()).isEqualTo(model.id());
        assertThat(learned.get("probability").asDouble()).isBetween(0.4, 0.8);
        assertThat(learned.get("reasons").get(0).get("feature").asString()).isEqualTo("orders");
        assertThat(learned.get("reasons").get(0).get("text").asString()).isEqualTo("過去沒有訂單");
        assertThat(lead.get("score").get("points").asInt()).as("the hand-written score is still given")
                .isLessThan(queue.score(jdbc.sql("select id from lead where customer_id = :c").param("c", loyal)
                        .query(String.class).single(), clock.instant()).points());
        Map<String, Object> offer = jdbc.sql("select model_mode, model_probability, hand_score from lead_offer where lead_id = :id")
                .param("id", lead.get("id").asString()).query().singleRow();
        assertThat(offer.get("model_mode")).isEqualTo("ACTIVE");
        assertThat(((Number) offer.get("hand_score")).intValue()).isEqualTo(lead.get("score").get("points").asInt());

        complete(agent, lead);
        JsonNode second = agent.get("/api/v1/leads/next").json();
        assertThat(second.get("customer").get("id").asString()).isEqualTo(loyal);
        complete(agent, second);
        Http.Response third = agent.get("/api/v1/leads/next");
        assertThat(third.status() == 204 || !third.json().get("customer").get("id").asString().equals(doNotCall))
                .as("never the do-not-call customer: " + third).isTrue();

        queue.rescoreModel(new LeadModel.Scorer(models.get(model.id()), models.classifier(model.id())), clock.instant());
        assertThat(jdbc.sql("select model_score from lead where customer_id = :c").param("c", doNotCall)
                .query(Double.class).optional()).as("never scored").isEmpty();
    }

    @Test
    void aModelThatCannotBeReadLeavesTheQueueOnTheHandWrittenScoreWithAWarning(CapturedOutput output) {
        StaffUser agentUser = newUser(Role.AGENT);
        Http agent = as(agentUser);
        Http supervisor = as(newUser(Role.SUPERVISOR));
        String job = importLeads(agentUser.id(), "李新客", "李老客");
        String loyal = customerOf(job, "李老客");
        customers.recordOrder(loyal, "ord_" + Ids.randomToken(8), Money.of("990.00", "TWD"));
        LearnedModel broken = store("not a model at all".getBytes(), List.of("orders"));
        models.changeStatus(broken.id(), ModelStatus.ACTIVE);

        Http.Response next = agent.get("/api/v1/leads/next");
        assertThat(next.status()).as(next.toString()).isEqualTo(200);
        assertThat(next.json().get("customer").get("id").asString()).isEqualTo(loyal);
        assertThat(next.json().has("model")).as("no model, no model score").isFalse();
        assertThat(output.getAll()).contains("lead model " + broken.id()).contains("cannot be read")
                .contains("the queue uses the hand-written score");

        JsonNode overview = supervisor.get("/api/v1/leads/models").json();
        assertThat(overview.get("ordering").asString()).isEqualTo("HAND_WRITTEN");
        assertThat(overview.get("activeModel").asString()).isEqualTo(broken.id());
        assertThat(overview.get("warning").asString()).contains("cannot be read");
    }

    @Test
    void anAdminTrainsAVersionNowAndTooFewLabelsGiveAFailedVersionWhileTheQueueKeepsItsScore() {
        Http admin = as(newUser(Role.ADMIN));
        Http supervisor = as(newUser(Role.SUPERVISOR));

        assertThat(supervisor.post("/api/v1/leads/models", Map.of()).status()).isEqualTo(403);
        assertThat(as(newUser(Role.AGENT)).get("/api/v1/leads/models").status()).isEqualTo(403);
        Http.Response trained = admin.post("/api/v1/leads/models", Map.of());
        assertThat(trained.status()).as(trained.toString()).isEqualTo(201);
        assertThat(trained.json().get("status").asString()).isEqualTo("FAILED");
        assertThat(trained.json().get("note").asString()).contains("too few labels");
        assertThat(Duration.between(java.time.Instant.parse(trained.json().get("validateTo").asString()), clock.instant()))
                .as("no offer younger than the label window").isGreaterThanOrEqualTo(Duration.ofDays(7));

        JsonNode overview = supervisor.get("/api/v1/leads/models").json();
        assertThat(overview.get("ordering").asString()).isEqualTo("HAND_WRITTEN");
        assertThat(overview.get("versions").get(0).get("id").asString()).isEqualTo(trained.json().get("id").asString());
        assertThat(admin.post("/api/v1/learned-models/" + trained.json().get("id").asString() + "/status",
                Map.of("status", "ACTIVE")).status()).isEqualTo(409);
        assertThat(supervisor.get("/api/v1/leads/models/mdl_nosuch/lift").status()).isEqualTo(404);
    }
}
