package io.telepay.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.telepay.identity.StaffUser;
import io.telepay.shared.Ids;
import io.telepay.shared.Money;
import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.Sales;
import io.telepay.testing.SystemTest;
import io.telepay.testing.TestCards;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Each harvesting signal: a case that raises its alert and one that must not. */
class RiskAlertsSystemTest extends SystemTest {

    @Autowired
    RiskEngine engine;

    @Autowired
    RiskAlerts alerts;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    ApplicationEventPublisher events;

    private final Sales sales = new Sales(this);
    private static final AtomicInteger SEQ = new AtomicInteger();

    /** A payment outcome as payment's events carry it, published by the test. */
    record TestOutcome(String paymentId, Kind outcomeKind) implements PaymentOutcome {
    }

    private List<AlertView> openOn(AlertSubject kind, String subject) {
        return alerts.openOn(kind, subject);
    }

    private List<AlertView> awaitAlert(AlertSubject kind, String subject, AlertSignal signal) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> openOn(kind, subject).stream()
                .filter(a -> a.signal() == signal).toList(), list -> !list.isEmpty());
    }

    private String callOf(Http agent) {
        String customer = sales.customer(agent);
        var call = agent.post("/api/v1/calls", Map.of("customerId", customer, "direction", "OUTBOUND"));
        assertThat(call.status()).as(call.toString()).isEqualTo(201);
        return call.json().get("id").asString();
    }

    private void note(Http agent, String callId, String text) {
        var note = agent.post("/api/v1/calls/" + callId + "/notes", Map.of("text", text));
        assertThat(note.status()).as(note.toString()).isEqualTo(201);
    }

    /** Screens an attempt as Checkout does, in a transaction of its own. */
    private RiskDecision assess(String agentId, String customerId, String card, String ip, String sentTo, String customerPhone,
                                String holder, String customerName) {
        String paymentId = "pay_t" + Ids.randomToken(8) + SEQ.incrementAndGet();
        return tx.execute(status -> engine.assess(new RiskSubject(paymentId, "ord_" + Ids.randomToken(6), customerId, agentId,
                Money.of("300.00", "TWD"), card, "411111", customerPhone, null, sentTo, ip, "LINK", clock.instant(),
                customerName, "TW", holder, null, "SKU-ALERT")));
    }

    private String lastPayment(String agentId) {
        return jdbc.sql("select payment_id from risk_attempt where agent_id = :a order by at desc limit 1").param("a", agentId)
                .query(String.class).single();
    }

    private static String fingerprint() {
        return Ids.randomToken(32).substring(0, 50) + "0123456789abcd";
    }

    // --- from call notes -------------------------------------------------------------------------

    @Test
    void anAgentAskingForAnSmsCodeInANoteHasAnOpenAlertWithinSeconds() {
        StaffUser asking = newUser(Role.AGENT);
        StaffUser honest = newUser(Role.AGENT);
        note(as(honest), callOf(as(honest)), "客戶想要年繳方案，12/05 下午三點回電，金額 1,999 元。");
        String callId = callOf(as(asking));
        note(as(asking), callId, "請客戶提供簡訊驗證碼，我幫他完成開通。");

        AlertView alert = awaitAlert(AlertSubject.AGENT, asking.id(), AlertSignal.SECRET_REQUESTED).getFirst();
        assertThat(alert.open()).isTrue();
        assertThat(alert.severity()).isEqualTo(95);
        assertThat(alert.evidence().getFirst()).contains(callId).contains("one-time code").doesNotContain("簡訊驗證碼，我幫他");
        var seen = as(Role.RISK_ANALYST).get("/api/v1/risk/alerts/" + alert.id());
        assertThat(seen.json().get("subject").get("kind").asString()).isEqualTo("AGENT");
        assertThat(seen.json().get("signal").asString()).isEqualTo("SECRET_REQUESTED");
        assertThat(openOn(AlertSubject.AGENT, honest.id())).isEmpty();
    }

    @Test
    void cardCollectionLanguageAndACardNumberInANoteRaiseAlerts() {
        StaffUser agent = newUser(Role.AGENT);
        String callId = callOf(as(agent));
        note(as(agent), callId, "我們會派快遞到府取卡，再把錢轉到安全帳戶，不要告訴銀行。");
        note(as(agent), callId, "客戶念了信用卡號 4111 1111 1111 1111，已請他改用付款連結。");
        AlertView language = awaitAlert(AlertSubject.AGENT, agent.id(), AlertSignal.CARD_COLLECTION_LANGUAGE).getFirst();
        assertThat(language.evidence().getFirst()).contains("快遞取卡").contains("安全帳戶");
        AlertView number = awaitAlert(AlertSubject.AGENT, agent.id(), AlertSignal.CARD_NUMBER_IN_NOTE).getFirst();
        assertThat(number.evidence().toString()).contains("card number").doesNotContain("4111").doesNotContain("1111 1111");

        StaffUser other = newUser(Role.AGENT);
        note(as(other), callOf(as(other)), "Customer will collect the parcel at the 7-11 counter; card payment by link.");
        StaffUser marker = newUser(Role.AGENT);
        note(as(marker), callOf(as(marker)), "please tell me the PIN of your card");
        awaitAlert(AlertSubject.AGENT, marker.id(), AlertSignal.SECRET_REQUESTED);
        assertThat(openOn(AlertSubject.AGENT, other.id())).isEmpty();
    }

    // --- from payments ---------------------------------------------------------------------------

    @Test
    void oneCardForSeveralCustomersRaisesAnAlertOnTheCardButRepeatPurchasesDoNot() {
        String shared = TestCards.fresh();
        String first = http().header("Accept", "application/json").post("/pay/" + sales.payToken(sales.confirmedOrder("300.00", "TWD")),
                Sales.card(shared, "123")).json().get("paymentId").asString();
        http().header("Accept", "application/json").post("/pay/" + sales.payToken(sales.confirmedOrder("300.00", "TWD")),
                Sales.card(shared, "123"));
        String fingerprint = as(Role.ADMIN).get("/api/v1/payments/" + first).json().get("card").get("fingerprint").asString();
        AlertView alert = awaitAlert(AlertSubject.CARD, fingerprint, AlertSignal.CARD_MANY_CUSTOMERS).getFirst();
        assertThat(alert.evidence().getFirst()).startsWith("card paid for 2 customers in 7 days");

        Sales.Sale loyal = sales.confirmedOrder("300.00", "TWD");
        String own = TestCards.fresh();
        String repeat = http().header("Accept", "application/json").post("/pay/" + sales.payToken(loyal), Sales.card(own, "123"))
                .json().get("paymentId").asString();
        http().header("Accept", "application/json").post("/pay/" + sales.payToken(sales.confirmedOrderFor(loyal)), Sales.card(own, "123"));
        String ownFingerprint = as(Role.ADMIN).get("/api/v1/payments/" + repeat).json().get("card").get("fingerprint").asString();
        assertThat(openOn(AlertSubject.CARD, ownFingerprint)).isEmpty();
    }

    @Test
    void anAgentTakingFarMoreCardsThanTheTeamRaisesAnAlert() {
        String team = "team-" + Ids.randomToken(3);
        StaffUser busy = newUser(Role.AGENT, team);
        StaffUser calm = newUser(Role.AGENT, team);
        StaffUser quiet = newUser(Role.AGENT, team);
        assess(calm.id(), "cus_c" + Ids.randomToken(4), fingerprint(), null, null, null, null, null);
        assess(quiet.id(), "cus_q" + Ids.randomToken(4), fingerprint(), null, null, null, null, null);
        for (int i = 0; i < 10; i++) {
            assess(busy.id(), "cus_b" + Ids.randomToken(4), fingerprint(), null, null, null, null, null);
        }
        AlertView alert = openOn(AlertSubject.AGENT, busy.id()).stream().filter(a -> a.signal() == AlertSignal.AGENT_CARD_INTAKE)
                .findFirst().orElseThrow();
        assertThat(alert.evidence().getFirst()).startsWith("agent took 10 distinct cards today; team median 1.0");
        // a new agent (days old) with that intake is its own signal
        assertThat(openOn(AlertSubject.AGENT, busy.id())).extracting(AlertView::signal).contains(AlertSignal.NEW_AGENT_INTAKE);
    }

    @Test
    void aSeasonedAgentInABusyTeamRaisesNoIntakeAlert() {
        String team = "team-" + Ids.randomToken(3);
        StaffUser seasoned = newUser(Role.AGENT, team);
        jdbc.sql("update staff_user set created_at = :at where id = :id").param("at", clock.instant().minus(Duration.ofDays(400))
                .atOffset(java.time.ZoneOffset.UTC)).param("id", seasoned.id()).update();
        for (StaffUser peer : List.of(newUser(Role.AGENT, team), newUser(Role.AGENT, team))) {
            for (int i = 0; i < 4; i++) {
                assess(peer.id(), "cus_p" + Ids.randomToken(4), fingerprint(), null, null, null, null, null);
            }
        }
        for (int i = 0; i < 10; i++) {
            assess(seasoned.id(), "cus_s" + Ids.randomToken(4), fingerprint(), null, null, null, null, null);
        }
        assertThat(openOn(AlertSubject.AGENT, seasoned.id())).isEmpty();
    }

    @Test
    void aCardholderNameUnlikeTheCustomersRaisesAnAlertOnTheCustomer() {
        StaffUser agent = newUser(Role.AGENT);
        String stranger = "cus_n" + Ids.randomToken(6);
        assess(agent.id(), stranger, fingerprint(), null, null, null, "WANG DA MING", "Lin Chih Ling");
        assertThat(openOn(AlertSubject.CUSTOMER, stranger)).extracting(AlertView::signal).containsExactly(AlertSignal.HOLDER_NAME_MISMATCH);
        String same = "cus_n" + Ids.randomToken(6);
        assess(agent.id(), same, fingerprint(), null, null, null, "LIN CHIH-LING", "Lin Chih Ling");
        String chinese = "cus_n" + Ids.randomToken(6);
        assess(agent.id(), chinese, fingerprint(), null, null, null, "LIN CHIH LING", "林志玲");
        assertThat(openOn(AlertSubject.CUSTOMER, same)).isEmpty();
        assertThat(openOn(AlertSubject.CUSTOMER, chinese)).isEmpty();
    }

    @Test
    void payLinksSentToNumbersThatAreNotTheCustomersRaiseAnAlertOnTheAgent() {
        StaffUser agent = newUser(Role.AGENT);
        String mule = "+88693" + (1_000_000 + SEQ.incrementAndGet());
        for (int i = 0; i < 3; i++) {
            String own = "+88691" + (1_000_000 + SEQ.incrementAndGet());
            assess(agent.id(), "cus_m" + Ids.randomToken(4), fingerprint(), null, mule, own, null, null);
        }
        assertThat(openOn(AlertSubject.AGENT, agent.id())).extracting(AlertView::signal).contains(AlertSignal.SESSIONS_SENT_ELSEWHERE);

        StaffUser honest = newUser(Role.AGENT);
        for (int i = 0; i < 3; i++) {
            String own = "+88691" + (1_000_000 + SEQ.incrementAndGet());
            assess(honest.id(), "cus_h" + Ids.randomToken(4), fingerprint(), null, own, own, null, null);
        }
        assertThat(openOn(AlertSubject.AGENT, honest.id())).isEmpty();
    }

    @Test
    void aRefundSoonAfterCaptureRaisesAnAlertALateOneDoesNot() {
        StaffUser quick = newUser(Role.AGENT);
        assess(quick.id(), "cus_r" + Ids.randomToken(4), fingerprint(), null, null, null, null, null);
        String paymentId = lastPayment(quick.id());
        tx.executeWithoutResult(s -> events.publishEvent(new TestOutcome(paymentId, PaymentOutcome.Kind.CAPTURED)));
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select captured_at from risk_attempt where payment_id = :p")
                .param("p", paymentId).query(java.time.OffsetDateTime.class).optional().isPresent());
        tx.executeWithoutResult(s -> events.publishEvent(new TestOutcome(paymentId, PaymentOutcome.Kind.REFUNDED)));
        AlertView alert = awaitAlert(AlertSubject.AGENT, quick.id(), AlertSignal.QUICK_REFUND).getFirst();
        assertThat(alert.evidence().getFirst()).contains(paymentId).contains("after capture");

        StaffUser patient = newUser(Role.AGENT);
        assess(patient.id(), "cus_r" + Ids.randomToken(4), fingerprint(), null, null, null, null, null);
        String late = lastPayment(patient.id());
        jdbc.sql("update risk_attempt set outcome = 'CAPTURED', captured_at = :at where payment_id = :p")
                .param("at", clock.instant().minus(Duration.ofDays(20)).atOffset(java.time.ZoneOffset.UTC)).param("p", late).update();
        tx.executeWithoutResult(s -> events.publishEvent(new TestOutcome(late, PaymentOutcome.Kind.REFUNDED)));
        await().atMost(Duration.ofSeconds(10)).until(() -> "REFUNDED".equals(jdbc.sql("select outcome from risk_attempt where payment_id = :p")
                .param("p", late).query(String.class).single()));
        assertThat(openOn(AlertSubject.AGENT, patient.id())).isEmpty();
    }

    @Test
    void manyDeclinesOnSeveralCardsFromOneAddressIsCardTesting() {
        StaffUser agent = newUser(Role.AGENT);
        String testing = "10.77." + SEQ.incrementAndGet() % 250 + "." + (1 + SEQ.incrementAndGet() % 250);
        String fewer = "10.78." + SEQ.incrementAndGet() % 250 + "." + (1 + SEQ.incrementAndGet() % 250);
        for (int i = 0; i < 5; i++) {
            assess(agent.id(), "cus_x" + Ids.randomToken(4), fingerprint(), testing, null, null, null, null);
            String paymentId = lastPayment(agent.id());
            tx.executeWithoutResult(s -> events.publishEvent(new TestOutcome(paymentId, PaymentOutcome.Kind.DECLINED)));
            if (i < 4) {
                assess(agent.id(), "cus_y" + Ids.randomToken(4), fingerprint(), fewer, null, null, null, null);
                String other = lastPayment(agent.id());
                tx.executeWithoutResult(s -> events.publishEvent(new TestOutcome(other, PaymentOutcome.Kind.DECLINED)));
            }
        }
        AlertView alert = awaitAlert(AlertSubject.IP, testing, AlertSignal.CARD_TESTING).getFirst();
        assertThat(alert.evidence().getLast()).startsWith("5 declines on 5 cards from this address in an hour");
        assertThat(openOn(AlertSubject.IP, fewer)).isEmpty();
    }

    // --- the queue -------------------------------------------------------------------------------

    @Test
    void theQueueIsForAnalystsAdminsAndTheTeamsSupervisorAndAResolutionIsFinal() {
        String team = "team-" + Ids.randomToken(3);
        StaffUser agent = newUser(Role.AGENT, team);
        String callId = callOf(as(agent));
        note(as(agent), callId, "請提供您的簡訊驗證碼");
        AlertView alert = awaitAlert(AlertSubject.AGENT, agent.id(), AlertSignal.SECRET_REQUESTED).getFirst();

        Http analyst = as(Role.RISK_ANALYST);
        JsonNode page = analyst.get("/api/v1/risk/alerts?status=OPEN&subject=" + agent.id()).json();
        assertThat(page.get("items")).hasSize(1);
        assertThat(analyst.get("/api/v1/risk/alerts?status=OPEN&signal=SECRET_REQUESTED&limit=500").json().get("items").toString())
                .contains(alert.id());
        JsonNode all = analyst.get("/api/v1/risk/alerts?status=OPEN&limit=500").json().get("items");
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i - 1).get("severity").asInt()).isGreaterThanOrEqualTo(all.get(i).get("severity").asInt());
        }
        JsonNode first = analyst.get("/api/v1/risk/alerts?limit=1").json();
        if (first.get("nextCursor") != null && !first.get("nextCursor").isNull()) {
            JsonNode second = analyst.get("/api/v1/risk/alerts?limit=1&cursor=" + first.get("nextCursor").asString()).json();
            assertThat(second.get("items").toString()).doesNotContain(first.get("items").get(0).get("id").asString());
        }

        assertThat(as(newUser(Role.SUPERVISOR, team)).get("/api/v1/risk/alerts/" + alert.id()).status()).isEqualTo(200);
        assertThat(as(newUser(Role.SUPERVISOR, team)).get("/api/v1/risk/alerts?subject=" + agent.id()).json().get("items")).hasSize(1);
        assertThat(as(newUser(Role.SUPERVISOR)).get("/api/v1/risk/alerts/" + alert.id()).status()).isEqualTo(404);
        assertThat(as(newUser(Role.SUPERVISOR)).get("/api/v1/risk/alerts?subject=" + agent.id()).json().get("items")).isEmpty();
        assertThat(as(agent).get("/api/v1/risk/alerts").status()).isEqualTo(403);
        assertThat(as(Role.AUDITOR).get("/api/v1/risk/alerts/" + alert.id()).status()).isEqualTo(403);
        assertThat(analyst.get("/api/v1/risk/alerts?status=MAYBE").status()).isEqualTo(400);

        assertThat(analyst.post("/api/v1/risk/alerts/" + alert.id() + "/resolve", Map.of("outcome", "PERHAPS")).status()).isEqualTo(400);
        var resolved = analyst.post("/api/v1/risk/alerts/" + alert.id() + "/resolve",
                Map.of("outcome", "LEGITIMATE", "note", "Agent was quoting our script's warning back to the customer."));
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        assertThat(resolved.json().get("status").asString()).isEqualTo("RESOLVED");
        assertThat(resolved.json().get("outcome").asString()).isEqualTo("LEGITIMATE");
        assertThat(analyst.post("/api/v1/risk/alerts/" + alert.id() + "/resolve", Map.of("outcome", "FRAUD")).status()).isEqualTo(409);
        assertThat(analyst.get("/api/v1/risk/alerts?status=OPEN&subject=" + agent.id()).json().get("items")).isEmpty();

        // a new request after the resolution opens a new alert
        note(as(agent), callId, "客戶，請念一下手機收到的驗證碼");
        awaitAlert(AlertSubject.AGENT, agent.id(), AlertSignal.SECRET_REQUESTED);
    }

    @Test
    void analystsTakeAlertsSoTwoDoNotWorkTheSameOneAndTheQueueFiltersByAssignee() {
        String team = "team-" + Ids.randomToken(3);
        StaffUser agent = newUser(Role.AGENT, team);
        note(as(agent), callOf(as(agent)), "請提供您的簡訊驗證碼");
        AlertView alert = awaitAlert(AlertSubject.AGENT, agent.id(), AlertSignal.SECRET_REQUESTED).getFirst();
        String path = "/api/v1/risk/alerts/" + alert.id();
        StaffUser first = newUser(Role.RISK_ANALYST);
        StaffUser second = newUser(Role.RISK_ANALYST);
        String queue = "/api/v1/risk/alerts?status=OPEN&limit=500&subject=" + agent.id();
        assertThat(as(first).get(queue + "&assignee=none").json().get("items")).hasSize(1);

        // the first analyst takes it: theirs, out of the unassigned queue, and the audit says who
        var taken = as(first).post(path + "/assign", Map.of());
        assertThat(taken.status()).as(taken.toString()).isEqualTo(200);
        assertThat(taken.json().get("assignee").asString()).isEqualTo(first.id());
        assertThat(as(first).get(queue + "&assignee=me").json().get("items")).hasSize(1);
        assertThat(as(second).get(queue + "&assignee=me").json().get("items")).isEmpty();
        assertThat(as(second).get(queue + "&assignee=none").json().get("items")).isEmpty();
        assertThat(as(second).get(queue + "&assignee=" + first.id()).json().get("items")).hasSize(1);
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'risk.alert.assigned' and subject = :id")
                .param("id", alert.id()).query(Long.class).single()).isEqualTo(1);

        // only someone who may work the alert can be given it
        assertThat(as(first).post(path + "/assign", Map.of("assignee", agent.id())).status()).isEqualTo(400);
        assertThat(as(first).post(path + "/assign", Map.of("assignee", newUser(Role.SUPERVISOR).id())).status()).isEqualTo(400);
        assertThat(as(first).post(path + "/assign", Map.of("assignee", "usr_nosuch")).status()).isEqualTo(400);
        StaffUser supervisor = newUser(Role.SUPERVISOR, team);
        assertThat(as(first).post(path + "/assign", Map.of("assignee", supervisor.id())).json().get("assignee").asString())
                .isEqualTo(supervisor.id());
        assertThat(as(newUser(Role.SUPERVISOR)).post(path + "/assign", Map.of()).status()).as("another team's").isEqualTo(404);
        assertThat(as(agent).post(path + "/assign", Map.of()).status()).isEqualTo(403);

        // back to the queue, then resolved: a resolved alert is nobody's work
        assertThat(as(supervisor).post(path + "/unassign", Map.of()).json().has("assignee")).isFalse();
        assertThat(as(second).get(queue + "&assignee=none").json().get("items")).hasSize(1);
        as(second).post(path + "/assign", Map.of());
        as(second).post(path + "/resolve", Map.of("outcome", "FRAUD", "note", "confirmed with the customer"));
        assertThat(as(second).post(path + "/assign", Map.of()).status()).isEqualTo(409);
        assertThat(as(second).post(path + "/unassign", Map.of()).status()).isEqualTo(409);
    }
}
