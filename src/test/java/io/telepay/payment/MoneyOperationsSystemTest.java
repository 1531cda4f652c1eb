package io.telepay.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.telepay.identity.StaffUser;
import io.telepay.shared.PublicEvent;
import io.telepay.shared.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import io.telepay.testing.GatewayFaults;
import io.telepay.testing.Http;
import io.telepay.testing.RecordedEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Captures, voids and refunds over HTTP: their limits, the order's status, approvals and idempotency. */
class MoneyOperationsSystemTest extends PaymentSystemTest {

    @Autowired
    RecordedEvents events;

    @Autowired
    Ledger ledger;

    PaymentFixtures fixtures;

    @BeforeEach
    void newFixtures() {
        fixtures = fixtures();
    }

    @AfterEach
    void noFaults() {
        gatewayFaults.clear();
    }

    private static Map<String, Object> money(String amount, String currency) {
        return Map.of("amount", amount, "currency", currency);
    }

    private static Map<String, Object> refund(String amount, String currency, String reason) {
        return Map.of("amount", money(amount, currency), "reason", reason);
    }

    private String payment(Http as, String paymentId, String field) {
        var payment = as.get("/api/v1/payments/" + paymentId);
        assertThat(payment.status()).as(payment.toString()).isEqualTo(200);
        var value = payment.json().get(field);
        return value.isObject() ? value.get("amount").asString() : value.asString();
    }

    private String orderStatus(PaymentFixtures.Paid paid) {
        return paid.sale().asAgent().get("/api/v1/orders/" + paid.sale().orderId()).json().get("status").asString();
    }

    @Test
    void refundsInPartsNeverAboveTheCapturedAmountAndTheOrderFollows() {
        PaymentFixtures.Paid paid = fixtures.captured("1999.00", "TWD");
        Http agent = paid.sale().asAgent();
        String path = "/api/v1/payments/" + paid.paymentId() + "/refunds";

        var first = agent.post(path, refund("500.00", "TWD", "客戶退回一堂課"));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().get("id").asString()).startsWith("ref_");
        assertThat(first.json().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(first.json().get("amount").get("amount").asString()).isEqualTo("500.00");
        assertThat(first.header("Location")).isEqualTo("/api/v1/refunds/" + first.json().get("id").asString());
        assertThat(payment(agent, paid.paymentId(), "status")).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(payment(agent, paid.paymentId(), "refundedAmount")).isEqualTo("500.00");
        assertThat(orderStatus(paid)).isEqualTo("PARTIALLY_REFUNDED");

        var tooMuch = agent.post(path, refund("1499.01", "TWD", "too much"));
        assertThat(tooMuch.status()).as(tooMuch.toString()).isEqualTo(422);
        assertThat(tooMuch.json().get("type").asString()).endsWith("refund-exceeds-capture");

        var rest = agent.post(path, refund("1499.00", "TWD", "全額退款"));
        assertThat(rest.json().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(payment(agent, paid.paymentId(), "status")).isEqualTo("REFUNDED");
        assertThat(orderStatus(paid)).isEqualTo("REFUNDED");

        var again = agent.post(path, refund("1.00", "TWD", "once more"));
        assertThat(again.status()).as(again.toString()).isEqualTo(409);

        List<JsonNode> refunded = published(PaymentRefunded.class, paid.paymentId());
        assertThat(refunded).extracting(e -> e.get("refundId").asString())
                .containsExactlyInAnyOrder(first.json().get("id").asString(), rest.json().get("id").asString());
        assertThat(refunded).extracting(e -> e.get("fully").asBoolean()).containsExactlyInAnyOrder(false, true);
        assertThat(PublicEvent.typeOf(PaymentRefunded.class)).isEqualTo("payment.refunded");
        assertThat(ledger.balances(paid.paymentId()).get(LedgerAccount.REFUNDED).amount()).isEqualByComparingTo("1999.00");
        assertThat(ledger.balances(paid.paymentId()).get(LedgerAccount.CAPTURED).isZero()).isTrue();
    }

    @Test
    void refusesMalformedRefundsAndOthersSales() {
        PaymentFixtures.Paid paid = fixtures.captured("880.00", "TWD");
        Http agent = paid.sale().asAgent();
        String path = "/api/v1/payments/" + paid.paymentId() + "/refunds";
        assertThat(agent.post(path, refund("10.00", "CNY", "wrong currency")).status()).isEqualTo(400);
        assertThat(agent.post(path, refund("0.00", "TWD", "nothing")).status()).isEqualTo(400);
        assertThat(agent.post(path, refund("-5.00", "TWD", "negative")).status()).isEqualTo(400);
        assertThat(agent.post(path, Map.of("amount", money("5.00", "TWD"))).status()).isEqualTo(400);
        assertThat(agent.post(path, Map.of("amount", 5, "reason", "float")).status()).isEqualTo(400);
        var withCard = agent.post(path, refund("5.00", "TWD", "客戶說卡號是 4242 4242 4242 4242，請退款"));
        assertThat(withCard.status()).as(withCard.toString()).isEqualTo(400);
        assertThat(withCard.body()).doesNotContain("4242 4242").contains("card number");
        assertThat(agent.post(path, refund("5.00", "TWD", "UnionPay 6200000000000005 refund")).status()).isEqualTo(400);
        Http otherAgent = as(newUser(Role.AGENT));
        assertThat(otherAgent.post(path, refund("5.00", "TWD", "not mine")).status()).isEqualTo(404);
        assertThat(as(Role.AUDITOR).post(path, refund("5.00", "TWD", "auditors read")).status()).isEqualTo(403);
        assertThat(agent.post("/api/v1/payments/pay_unknown/refunds", refund("5.00", "TWD", "?")).status()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from payment_operation where payment_id = :p and kind = 'REFUND'")
                .param("p", paid.paymentId()).query(Long.class).single()).isZero();
    }

    @Test
    void capturesInSeveralPartsNeverAboveTheAuthorization() {
        PaymentFixtures.Paid held = fixtures.authorized("1000.00", "TWD", "ALLOW");
        Http agent = held.sale().asAgent();
        String path = "/api/v1/payments/" + held.paymentId() + "/capture";
        assertThat(payment(agent, held.paymentId(), "status")).isEqualTo("AUTHORIZED");
        assertThat(orderStatus(held)).isEqualTo("CONFIRMED");

        var first = agent.post(path, Map.of("amount", money("300.00", "TWD")));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().get("id").asString()).startsWith("cap_");
        assertThat(first.json().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(payment(agent, held.paymentId(), "status")).isEqualTo("CAPTURED");
        assertThat(payment(agent, held.paymentId(), "capturedAmount")).isEqualTo("300.00");
        assertThat(orderStatus(held)).isEqualTo("PAID");

        var tooMuch = agent.post(path, Map.of("amount", money("700.01", "TWD")));
        assertThat(tooMuch.status()).as(tooMuch.toString()).isEqualTo(422);
        assertThat(tooMuch.json().get("type").asString()).endsWith("capture-exceeds-authorization");

        var rest = agent.post(path, Map.of());
        assertThat(rest.json().get("amount").get("amount").asString()).isEqualTo("700.00");
        assertThat(payment(agent, held.paymentId(), "capturedAmount")).isEqualTo("1000.00");
        assertThat(agent.post(path, Map.of("amount", money("1.00", "TWD"))).status()).isEqualTo(409);
        assertThat(agent.post("/api/v1/payments/" + held.paymentId() + "/void", Map.of()).status()).isEqualTo(409);

        List<PaymentCaptured> captured = events.of(PaymentCaptured.class).stream()
                .filter(e -> e.paymentId().equals(held.paymentId())).toList();
        assertThat(captured).extracting(PaymentCaptured::captureId)
                .containsExactlyInAnyOrder(first.json().get("id").asString(), rest.json().get("id").asString());
        assertThat(jdbc.sql("select captured_minor from sandbox_charge where reference = :r").param("r", held.paymentId())
                .query(Long.class).single()).isEqualTo(100000L);

        // the customer's receipt shows what was charged in all, and the second part was told to them once
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select amount_minor from trust_receipt where payment_id = :p")
                .param("p", held.paymentId()).query(Long.class).optional().orElse(0L), total -> total == 100000L);
        List<String> sms = await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                        "select body from notify_message where purpose = 'PAYMENT_RECEIPT' and channel = 'SMS' and reference = :p")
                .param("p", held.paymentId()).query(String.class).list(), list -> list.size() == 2);
        assertThat(sms).anySatisfy(body -> assertThat(body).contains("NT$300").doesNotContain("further"))
                .anySatisfy(body -> assertThat(body).contains("a further NT$700").contains("NT$1,000 in all"));
    }

    @Test
    void voidsAnAuthorizationBeforeCaptureOnly() {
        PaymentFixtures.Paid held = fixtures.authorized("450.00", "TWD", "ALLOW");
        StaffUser supervisor = newUser(Role.SUPERVISOR, staff.get(held.sale().agent().id()).team());
        var voided = as(supervisor).post("/api/v1/payments/" + held.paymentId() + "/void", Map.of());
        assertThat(voided.status()).as(voided.toString()).isEqualTo(200);
        assertThat(voided.json().get("id").asString()).startsWith("vod_");
        assertThat(voided.json().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(payment(held.sale().asAgent(), held.paymentId(), "status")).isEqualTo("VOIDED");
        assertThat(held.sale().asAgent().post("/api/v1/payments/" + held.paymentId() + "/capture", Map.of()).status())
                .isEqualTo(409);
        assertThat(events.of(PaymentVoided.class)).anyMatch(e -> e.paymentId().equals(held.paymentId())
                && e.voidId().equals(voided.json().get("id").asString()));
        assertThat(jdbc.sql("select voided from sandbox_charge where reference = :r").param("r", held.paymentId())
                .query(Boolean.class).single()).isTrue();
        assertThat(ledger.balances(held.paymentId()).get(LedgerAccount.AUTHORIZED).isZero()).isTrue();

        PaymentFixtures.Paid paid = fixtures.captured("450.00", "TWD");
        var late = paid.sale().asAgent().post("/api/v1/payments/" + paid.paymentId() + "/void", Map.of());
        assertThat(late.status()).as(late.toString()).isEqualTo(409);
    }

    @Test
    void aVoidAfterAPartialCaptureReleasesTheRestOfTheAuthorization() {
        PaymentFixtures.Paid held = fixtures.authorized("1000.00", "TWD", "ALLOW");
        Http agent = held.sale().asAgent();
        String payment = "/api/v1/payments/" + held.paymentId();
        assertThat(agent.post(payment + "/capture", Map.of("amount", money("600.00", "TWD"))).status()).isEqualTo(200);

        var release = agent.post(payment + "/void", Map.of());
        assertThat(release.status()).as(release.toString()).isEqualTo(200);
        assertThat(release.json().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(release.json().get("amount").get("amount").asString()).isEqualTo("400.00");
        // still a captured payment of 600, the card no longer holds the other 400, and nothing more can be captured
        assertThat(payment(agent, held.paymentId(), "status")).isEqualTo("CAPTURED");
        assertThat(payment(agent, held.paymentId(), "capturedAmount")).isEqualTo("600.00");
        assertThat(ledger.balances(held.paymentId()).get(LedgerAccount.AUTHORIZED).isZero()).isTrue();
        assertThat(ledger.balances(held.paymentId()).get(LedgerAccount.CAPTURED).amount()).isEqualByComparingTo("600.00");
        assertThat(jdbc.sql("select voided from sandbox_charge where reference = :r").param("r", held.paymentId())
                .query(Boolean.class).single()).isTrue();
        assertThat(agent.post(payment + "/capture", Map.of()).status()).isEqualTo(409);
        assertThat(agent.post(payment + "/void", Map.of()).status()).as("released once").isEqualTo(409);
        assertThat(events.of(PaymentVoided.class)).noneMatch(e -> e.paymentId().equals(held.paymentId()));
        assertThat(orderStatus(held)).isEqualTo("PAID");
        // the captured part is refunded as usual
        assertThat(agent.post(payment + "/refunds", Map.of("amount", money("600.00", "TWD"), "reason", "退貨")).json()
                .get("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void largeRefundsWaitForASecondPersonOfTheTeam() {
        PaymentFixtures.Paid paid = fixtures.captured("25000.00", "TWD");
        String team = staff.get(paid.sale().agent().id()).team();
        StaffUser supervisor = newUser(Role.SUPERVISOR, team);
        StaffUser otherSupervisor = newUser(Role.SUPERVISOR);
        Http agent = paid.sale().asAgent();
        String path = "/api/v1/payments/" + paid.paymentId() + "/refunds";

        var requested = agent.post(path, refund("12000.00", "TWD", "客戶取消年約"));
        assertThat(requested.status()).as(requested.toString()).isEqualTo(201);
        assertThat(requested.json().get("status").asString()).isEqualTo("PENDING_APPROVAL");
        String refundId = requested.json().get("id").asString();
        assertThat(payment(agent, paid.paymentId(), "status")).isEqualTo("CAPTURED");
        assertThat(jdbc.sql("select count(*) from sandbox_operation where operation_reference = :r").param("r", refundId)
                .query(Long.class).single()).isZero();
        assertThat(events.of(RefundRequested.class)).anyMatch(e -> e.refundId().equals(refundId));

        // the pending refund counts: 25000 - 12000 leaves 13000
        assertThat(agent.post(path, refund("13000.01", "TWD", "too much")).status()).isEqualTo(422);

        assertThat(as(supervisor).get("/api/v1/refunds?status=PENDING_APPROVAL").json().findValuesAsString("id")).contains(refundId);
        assertThat(as(otherSupervisor).get("/api/v1/refunds?status=PENDING_APPROVAL").json().findValuesAsString("id"))
                .doesNotContain(refundId);
        assertThat(agent.post("/api/v1/refunds/" + refundId + "/approve", Map.of()).status()).isEqualTo(403);
        assertThat(as(otherSupervisor).post("/api/v1/refunds/" + refundId + "/approve", Map.of()).status()).isEqualTo(404);

        var approved = as(supervisor).post("/api/v1/refunds/" + refundId + "/approve", Map.of("note", "核准"));
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(approved.json().get("decidedBy").asString()).isEqualTo(supervisor.id());
        assertThat(payment(agent, paid.paymentId(), "refundedAmount")).isEqualTo("12000.00");
        assertThat(as(supervisor).post("/api/v1/refunds/" + refundId + "/approve", Map.of()).status()).isEqualTo(409);

        // a supervisor's own request needs someone else; a rejection frees the amount again
        var own = as(supervisor).post(path, refund("13000.00", "TWD", "rest"));
        String ownId = own.json().get("id").asString();
        var self = as(supervisor).post("/api/v1/refunds/" + ownId + "/approve", Map.of());
        assertThat(self.status()).as(self.toString()).isEqualTo(403);
        assertThat(self.json().get("type").asString()).endsWith("second-person-required");
        var rejected = as(Role.ADMIN).post("/api/v1/refunds/" + ownId + "/reject", Map.of("note", "請先確認"));
        assertThat(rejected.json().get("status").asString()).isEqualTo("REJECTED");
        // what counts is the payment's refunds in total: 12000 done and 9000 more is above the threshold
        var more = agent.post(path, refund("9000.00", "TWD", "partial"));
        assertThat(more.json().get("status").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(payment(agent, paid.paymentId(), "refundedAmount")).isEqualTo("12000.00");
    }

    @Test
    void splittingARefundDoesNotAvoidTheSecondPerson() {
        PaymentFixtures.Paid paid = fixtures.captured("15000.00", "TWD");
        Http agent = paid.sale().asAgent();
        String path = "/api/v1/payments/" + paid.paymentId() + "/refunds";
        var first = agent.post(path, refund("10000.00", "TWD", "退一部分"));
        assertThat(first.json().get("status").asString()).as("at the threshold, not above it").isEqualTo("SUCCEEDED");
        var second = agent.post(path, refund("5000.00", "TWD", "再退其餘"));
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(second.json().get("status").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(payment(agent, paid.paymentId(), "refundedAmount")).isEqualTo("10000.00");
        assertThat(jdbc.sql("select count(*) from sandbox_operation where operation_reference = :r")
                .param("r", second.json().get("id").asString()).query(Long.class).single()).isZero();
    }

    @Test
    void aRefundReplaysForTheSameKeyAndIsRefusedForAnotherBody() {
        PaymentFixtures.Paid paid = fixtures.captured("600.00", "TWD");
        Http agent = paid.sale().asAgent().header("Idempotency-Key", "refund-" + paid.paymentId());
        String path = "/api/v1/payments/" + paid.paymentId() + "/refunds";
        var first = agent.post(path, refund("100.00", "TWD", "壞掉"));
        var replay = agent.post(path, refund("100.00", "TWD", "壞掉"));
        assertThat(replay.status()).isEqualTo(first.status());
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        var other = agent.post(path, refund("200.00", "TWD", "壞掉"));
        assertThat(other.status()).as(other.toString()).isEqualTo(409);
        assertThat(refunds(paid.paymentId())).isEqualTo(1);
    }

    @Test
    void concurrentDuplicatesOfOneKeyRefundOnce() throws Exception {
        PaymentFixtures.Paid paid = fixtures.captured("600.00", "TWD");
        Http agent = paid.sale().asAgent().header("Idempotency-Key", "dup-" + paid.paymentId());
        String path = "/api/v1/payments/" + paid.paymentId() + "/refunds";
        List<Integer> statuses = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(10)) {
            List<Future<Http.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                answers.add(pool.submit(() -> agent.post(path, refund("50.00", "TWD", "duplicate"))));
            }
            for (Future<Http.Response> answer : answers) {
                statuses.add(answer.get().status());
            }
        }
        // a duplicate that arrives while the first runs is 409 (in progress), one that arrives after it is its replay (201)
        assertThat(statuses).isSubsetOf(201, 409).contains(201);
        assertThat(refunds(paid.paymentId())).isEqualTo(1);
        assertThat(payment(paid.sale().asAgent(), paid.paymentId(), "refundedAmount")).isEqualTo("50.00");
    }

    @Test
    void aRefundWhoseAnswerIsLostStaysUnknownAndIsNeverSentAgainUnderANewReference() {
        PaymentFixtures.Paid paid = fixtures.captured("700.00", "TWD");
        gatewayFaults.onOperations(GatewayFaults.Fault.LOSE_ANSWER);
        var lost = paid.sale().asAgent().post("/api/v1/payments/" + paid.paymentId() + "/refunds", refund("100.00", "TWD", "timeout"));
        assertThat(lost.status()).as(lost.toString()).isEqualTo(201);
        assertThat(lost.json().get("status").asString()).isEqualTo("UNKNOWN");
        String refundId = lost.json().get("id").asString();
        // it counts against the refundable amount while unknown
        assertThat(paid.sale().asAgent().post("/api/v1/payments/" + paid.paymentId() + "/refunds",
                refund("600.01", "TWD", "too much")).status()).isEqualTo(422);
        assertThat(payment(paid.sale().asAgent(), paid.paymentId(), "refundedAmount")).isEqualTo("0.00");
        assertThat(jdbc.sql("select count(*) from sandbox_operation where charge_reference = :p and kind = 'REFUND'")
                .param("p", paid.paymentId()).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select operation_reference from sandbox_operation where charge_reference = :p and kind = 'REFUND'")
                .param("p", paid.paymentId()).query(String.class).single()).isEqualTo(refundId);

        gatewayFaults.onOperations(GatewayFaults.Fault.BREAK_BEFORE);
        PaymentFixtures.Paid held = fixtures.authorized("300.00", "TWD", "ALLOW");
        var capture = held.sale().asAgent().post("/api/v1/payments/" + held.paymentId() + "/capture", Map.of());
        assertThat(capture.json().get("status").asString()).isEqualTo("UNKNOWN");
        assertThat(payment(held.sale().asAgent(), held.paymentId(), "status")).isEqualTo("AUTHORIZED");
        // a second capture cannot take the amount a capture of unknown outcome may have taken
        assertThat(held.sale().asAgent().post("/api/v1/payments/" + held.paymentId() + "/capture", Map.of()).status())
                .isEqualTo(409);
    }

    /** The events of the type about the payment, as a listener hears them. */
    private List<JsonNode> published(Class<?> type, String paymentId) {
        return events.of(type).stream().map(JSON::valueToTree).map(JsonNode.class::cast)
                .filter(e -> e.get("paymentId").asString().equals(paymentId)).toList();
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private long refunds(String paymentId) {
        return jdbc.sql("select count(*) from payment_operation where payment_id = :p and kind = 'REFUND'")
                .param("p", paymentId).query(Long.class).single();
    }
}
