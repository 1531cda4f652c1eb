package io.telepay.gateway.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.google.gson.JsonObject;
import io.telepay.gateway.GatewayEvents;
import io.telepay.gateway.HostedCheckout;
import io.telepay.payment.PaymentSessions;
import io.telepay.shared.Money;
import io.telepay.shared.Role;
import io.telepay.testing.CardDataScan;
import io.telepay.testing.Http;
import io.telepay.testing.Sales;
import io.telepay.testing.SystemTest;
import io.telepay.testing.TestCards;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Telepay with {@code TELEPAY_GATEWAY_PROVIDER=stripe}, {@code TELEPAY_STRIPE_MODE=checkout}, against
 * {@link LocalStripe}, end to end through the HTTP API: the agent opens a LINK session, the SMS carries Stripe's
 * Checkout page, the test plays the customer paying on that page, and Stripe's signed webhooks (or, when one is
 * lost, the reconciler asking Stripe) make the payment. Sales are captured at once (the default). Its tables are in
 * a database (H2) or schema (PostgreSQL) of their own, like {@link StripeMotoSystemTest}'s.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
        "telepay.gateway.provider=stripe",
        "telepay.gateway.stripe.mode=checkout",
        "telepay.gateway.stripe.secret-key=" + LocalStripe.SECRET_KEY,
        "telepay.gateway.stripe.webhook-secret=" + LocalStripe.WEBHOOK_SECRET,
        "telepay.gateway.stripe.read-timeout=PT1S",
        "telepay.gateway.stripe.connect-timeout=PT1S",
        "telepay.gateway.stripe.availability-ttl=PT0S",
        "telepay.payment.reconcile-interval=PT0.2S"})
class StripeCheckoutSystemTest extends SystemTest {

    private static final AtomicReference<Clock> CLOCK = new AtomicReference<>(Clock.systemUTC());
    static final LocalStripe STRIPE = new LocalStripe(() -> CLOCK.get().instant(), 1500);

    @DynamicPropertySource
    static void stripe(DynamicPropertyRegistry registry) {
        STRIPE.register(registry, "stripe_checkout");
    }

    @AfterAll
    static void stop() {
        STRIPE.close();
    }

    @Autowired
    GatewayEvents gatewayEvents;
    @Autowired
    PaymentSessions paymentSessions;
    @Autowired
    HostedCheckout hostedCheckout;
    @Autowired
    io.telepay.payment.Reconciliation reconciliation;
    @Autowired
    io.telepay.gateway.SettlementFiles settlementFiles;

    private final Sales sales = new Sales(this);

    @BeforeEach
    void clock() {
        CLOCK.set(clock);
    }

    @AfterEach
    void noFaults() {
        STRIPE.clearFaults();
        assertThat(STRIPE.failures).as("the local Stripe server itself failed").isEmpty();
    }

    /** A LINK session sent by SMS and the Checkout Session Telepay opened for it. */
    private record Link(Sales.Sale sale, String sessionId, String payUrl, String checkoutId, JsonObject created) {
    }

    private Link link(String amount, String currency) {
        Sales.Sale sale = sales.confirmedOrder(amount, currency);
        var session = sale.asAgent().post("/api/v1/orders/" + sale.orderId() + "/payment-sessions", Map.of("channel", "LINK", "sendTo", "SMS"));
        assertThat(session.status()).as(session.toString()).isEqualTo(201);
        String sessionId = session.json().get("id").asString();
        JsonObject checkout = STRIPE.checkoutSessionOf(sessionId).orElseThrow();
        return new Link(sale, sessionId, session.json().get("payUrl").asString(), checkout.get("id").getAsString(), checkout);
    }

    private String paymentOf(Link link) {
        return link.created().getAsJsonObject("metadata").get("telepay_payment").getAsString();
    }

    private String status(String paymentId) {
        return jdbc.sql("select status from payment where id = :id").param("id", paymentId).query(String.class).optional().orElse("NONE");
    }

    private String sessionStatus(Link link) {
        return link.sale().asAgent().get("/api/v1/payment-sessions/" + link.sessionId()).json().get("status").asString();
    }

    private long payments(Link link) {
        return jdbc.sql("select count(*) from payment where session_id = :s").param("s", link.sessionId()).query(Long.class).single();
    }

    // ---- the sale ----

    @Test
    void theSmsCarriesStripesPageAndItsCompletedWebhookMakesTheOrderPaidWithReceiptAndFulfilment() {
        Link link = link("1280.00", "TWD");

        // the Checkout Session as Telepay asked for it
        LocalStripe.Request sent = STRIPE.requests("POST", "/v1/checkout/sessions").stream()
                .filter(r -> link.sessionId().equals(r.param("client_reference_id"))).findFirst().orElseThrow();
        assertThat(sent.param("mode")).isEqualTo("payment");
        assertThat(sent.param("line_items[0][price_data][unit_amount]")).isEqualTo("128000");
        assertThat(sent.param("line_items[0][price_data][currency]")).isEqualTo("twd");
        assertThat(sent.param("line_items[0][quantity]")).isEqualTo("1");
        assertThat(sent.param("line_items[0][price_data][product_data][name]")).startsWith("線上課程");
        assertThat(sent.param("metadata[telepay_session]")).isEqualTo(link.sessionId());
        assertThat(sent.param("metadata[telepay_order]")).isEqualTo(link.sale().orderId());
        assertThat(sent.param("metadata[telepay_payment]")).startsWith("pay_");
        assertThat(sent.param("payment_intent_data[metadata][telepay_payment]")).isEqualTo(sent.param("metadata[telepay_payment]"));
        assertThat(sent.param("payment_intent_data[capture_method]")).isEqualTo("automatic");
        assertThat(sent.param("success_url")).endsWith("/pay/checkout/done");
        var done = http().get("/pay/checkout/done");
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).contains("being confirmed").contains("PIN");
        assertThat(sent.headers()).containsEntry("idempotency-key", link.sessionId()).containsEntry("stripe-version", com.stripe.Stripe.API_VERSION);
        // the default 15 minutes is below Stripe's shortest (30, and a minute for the request's way): the session and its
        // page live 31 minutes, and the agent sees why
        long life = Long.parseLong(sent.param("expires_at")) - link.created().get("created").getAsLong();
        assertThat(life).isBetween(30 * 60L, 31 * 60L);
        var view = link.sale().asAgent().get("/api/v1/payment-sessions/" + link.sessionId()).json();
        assertThat(Instant.parse(view.get("expiresAt").asString()).getEpochSecond()).isEqualTo(Long.parseLong(sent.param("expires_at")));
        assertThat(view.get("progress").asString()).contains("expires in 31 minutes, not 15");

        assertThat(link.payUrl()).isEqualTo("https://checkout.stripe.com/c/pay/" + link.checkoutId());
        var sms = as(Role.ADMIN).get("/api/v1/messages?reference=" + link.sessionId()).json().get("items");
        assertThat(sms.toString()).contains(link.payUrl()).doesNotContain("/pay/" + "ps_");

        // Telepay's own webhooks hear of the payment as on the sandbox path
        var hook = as(Role.ADMIN).post("/api/v1/webhook-endpoints", Map.of("url", "https://203.0.113.10/telepay-hooks",
                "events", List.of("payment.captured")));
        assertThat(hook.status()).as(hook.toString()).isEqualTo(201);
        // deliveries go nowhere: what is checked is that the event is recorded for the endpoint, as on the sandbox path
        jdbc.sql("update webhook_endpoint set url = 'https://127.0.0.1:9/telepay-hooks' where id = :id")
                .param("id", hook.json().get("id").asString()).update();

        // the customer pays on Stripe's page; Stripe tells Telepay
        JsonObject paid = STRIPE.payCheckout(link.checkoutId(), "4242424242424242");
        var delivered = deliver(STRIPE.event("checkout.session.completed", paid));
        assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);

        String paymentId = paymentOf(link);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(paymentId).equals("CAPTURED"));
        var payment = link.sale().asAgent().get("/api/v1/payments/" + paymentId).json();
        assertThat(payment.get("capturedAmount").get("amount").asString()).isEqualTo("1280.00");
        assertThat(payment.get("card").get("last4").asString()).isEqualTo("4242");
        assertThat(payment.get("card").has("fingerprint")).as("agents see brand and last 4 only").isFalse();
        assertThat(as(Role.ADMIN).get("/api/v1/payments/" + paymentId).json().get("card").get("fingerprint").asString())
                .as("Stripe's fingerprint, kept as 64 hex characters").hasSize(64);
        assertThat(jdbc.sql("select acquirer_reference from payment where id = :id").param("id", paymentId).query(String.class).single())
                .isEqualTo(paid.get("payment_intent").getAsString());
        assertThat(link.sale().asAgent().get("/api/v1/orders/" + link.sale().orderId()).json().get("status").asString()).isEqualTo("PAID");
        var session = link.sale().asAgent().get("/api/v1/payment-sessions/" + link.sessionId()).json();
        assertThat(session.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(session.get("step").asString()).isEqualTo("PAID");

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from webhook_event where type = 'payment.captured' and body like :p")
                .param("p", "%" + paymentId + "%").query(Long.class).single() == 1);
        assertThat(as(Role.ADMIN).method("DELETE", "/api/v1/webhook-endpoints/" + hook.json().get("id").asString()).status()).isEqualTo(204);

        String fulfilmentId = await().atMost(Duration.ofSeconds(10)).until(
                () -> jdbc.sql("select id from fulfilment where order_id = :o").param("o", link.sale().orderId()).query(String.class).optional(),
                java.util.Optional::isPresent).orElseThrow();
        var completed = link.sale().asAgent().post("/api/v1/fulfilments/" + fulfilmentId + "/complete", Map.of("reference", "SVC-2026-0141"));
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        var receipt = as(Role.ADMIN).get("/api/v1/messages?reference=" + link.sale().orderId()).json().get("items");
        assertThat(receipt.toString()).contains("RECEIPT").contains("4242").contains("SVC-2026-0141");
    }

    @Test
    void aDeclinedTryShowsOnTheAgentsDeskAndTheSessionStaysOpen() {
        Link link = link("880.00", "TWD");
        JsonObject failed = STRIPE.payCheckout(link.checkoutId(), LocalStripe.INSUFFICIENT_FUNDS);
        assertThat(deliver(STRIPE.event("payment_intent.payment_failed", failed)).status()).isEqualTo(200);

        var desk = link.sale().asAgent().get("/api/v1/payment-sessions/" + link.sessionId()).json();
        assertThat(desk.get("status").asString()).isEqualTo("OPEN");
        assertThat(desk.get("step").asString()).isEqualTo("DECLINED");
        assertThat(desk.get("progress").asString()).contains("insufficient_funds");
        assertThat(payments(link)).isZero();
    }

    @Test
    void aHeldAuthorizationIsAuthorizedAndTheAgentCapturesItAtStripe() {
        // Telepay asks for capture_method=manual when auto-capture is off
        var page = hostedCheckout.open(new HostedCheckout.HostedPageRequest("ps_held_" + io.telepay.shared.Ids.randomToken(4), "pay_held",
                "ord_held", Money.of("500.00", "TWD"), List.of(new HostedCheckout.Line("課程", Money.of("500.00", "TWD"), 1)),
                clock.instant().plus(Duration.ofHours(1)), false, null));
        assertThat(STRIPE.checkoutIntentData(page.id()).get("capture_method").getAsString()).isEqualTo("manual");

        // such a page paid: AUTHORIZED, then captured at Stripe by the agent
        Link link = link("2200.00", "TWD");
        STRIPE.holdWhenPaid(link.checkoutId());
        JsonObject paid = STRIPE.payCheckout(link.checkoutId(), TestCards.fresh());
        assertThat(paid.get("payment_status").getAsString()).isEqualTo("unpaid");
        assertThat(deliver(STRIPE.event("checkout.session.completed", paid)).status()).isEqualTo(200);
        String paymentId = paymentOf(link);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(paymentId).equals("AUTHORIZED"));
        assertThat(link.sale().asAgent().get("/api/v1/payment-sessions/" + link.sessionId()).json().get("step").asString())
                .isEqualTo("APPROVED");

        var captured = link.sale().asAgent().post("/api/v1/payments/" + paymentId + "/capture", Map.of());
        assertThat(captured.status()).as(captured.toString()).isEqualTo(200);
        assertThat(status(paymentId)).isEqualTo("CAPTURED");
        assertThat(STRIPE.intent(paid.get("payment_intent").getAsString()).get("status").getAsString()).isEqualTo("succeeded");
        assertThat(link.sale().asAgent().get("/api/v1/orders/" + link.sale().orderId()).json().get("status").asString()).isEqualTo("PAID");
    }

    @Test
    void keypadSessionsAreRefusedBecauseTheyWouldHandTheCardToTelepay() {
        Sales.Sale sale = sales.confirmedOrder("300.00", "TWD");
        var session = sale.asAgent().post("/api/v1/orders/" + sale.orderId() + "/payment-sessions", Map.of("channel", "IVR"));
        assertThat(session.status()).as(session.toString()).isEqualTo(422);
        assertThat(session.json().get("detail").asString()).contains("TELEPAY_STRIPE_MODE=checkout");
    }

    // ---- lost, late, repeated and out-of-order webhooks ----

    @Test
    void aMissedCompletedWebhookIsFoundByTheReconcilerAskingStripe() {
        Link link = link("2400.00", "TWD");
        STRIPE.payCheckout(link.checkoutId(), TestCards.fresh());
        assertThat(status(paymentOf(link))).isEqualTo("NONE");

        clock.advance(Duration.ofSeconds(61));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(paymentOf(link)).equals("CAPTURED"));
        assertThat(STRIPE.requests("GET", "/v1/checkout/sessions/" + link.checkoutId())).isNotEmpty();
        assertThat(sessionStatus(link)).isEqualTo("COMPLETED");
        assertThat(link.sale().asAgent().get("/api/v1/orders/" + link.sale().orderId()).json().get("status").asString()).isEqualTo("PAID");

        // the webhook arrives after all, long after: nothing more
        String late = STRIPE.event("checkout.session.completed", STRIPE.checkoutSession(link.checkoutId()));
        assertThat(deliver(late).status()).isEqualTo(200);
        assertThat(payments(link)).isOne();
        assertThat(storedEvent(late).detail()).contains("already recorded");
    }

    @Test
    void aTimeoutAskingStripeLeavesThePageOpenAndTheReconcilerAsksAgain() {
        Link link = link("2500.00", "TWD");
        STRIPE.payCheckout(link.checkoutId(), TestCards.fresh());
        STRIPE.inject(r -> r.method().equals("GET") && r.path().equals("/v1/checkout/sessions/" + link.checkoutId()),
                LocalStripe.Fault.LATE_AFTER_PROCESSING);

        clock.advance(Duration.ofSeconds(61));
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select checks from payment_hosted_page where session_id = :s")
                .param("s", link.sessionId()).query(Integer.class).single() == 1);
        assertThat(status(paymentOf(link))).isEqualTo("NONE");
        assertThat(sessionStatus(link)).isEqualTo("OPEN");

        clock.advance(Duration.ofSeconds(61));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(paymentOf(link)).equals("CAPTURED"));
        assertThat(payments(link)).isOne();
    }

    @Test
    void aNewLinkExpiresTheOldPageButNotOneTheCustomerJustPaid() {
        Link first = link("600.00", "TWD");
        var second = first.sale().asAgent().post("/api/v1/orders/" + first.sale().orderId() + "/payment-sessions",
                Map.of("channel", "LINK", "sendTo", "SMS"));
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(STRIPE.checkoutSession(first.checkoutId()).get("status").getAsString()).isEqualTo("expired");
        String secondCheckout = STRIPE.checkoutSessionOf(second.json().get("id").asString()).orElseThrow().get("id").getAsString();

        // paid at Stripe, its webhook not here yet: no third link
        JsonObject paid = STRIPE.payCheckout(secondCheckout, TestCards.fresh());
        var third = first.sale().asAgent().post("/api/v1/orders/" + first.sale().orderId() + "/payment-sessions",
                Map.of("channel", "LINK", "sendTo", "SMS"));
        assertThat(third.status()).as(third.toString()).isEqualTo(409);
        assertThat(STRIPE.checkoutSession(secondCheckout).get("status").getAsString()).isEqualTo("complete");
        assertThat(deliver(STRIPE.event("checkout.session.completed", paid)).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> first.sale().asAgent().get("/api/v1/orders/" + first.sale().orderId()).json()
                .get("status").asString().equals("PAID"));
    }

    @Test
    void aMissedExpiredWebhookIsFoundByTheReconcilerToo() {
        Link link = link("990.00", "TWD");
        clock.advance(Duration.ofMinutes(32));
        STRIPE.expireCheckout(link.checkoutId());

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select status from payment_hosted_page where session_id = :s")
                .param("s", link.sessionId()).query(String.class).single().equals("EXPIRED"));
        assertThat(sessionStatus(link)).isEqualTo("EXPIRED");
        assertThat(payments(link)).isZero();
    }

    @Test
    void aReplayedAndAnOutOfOrderWebhookChangeNothing() {
        Link link = link("1500.00", "TWD");
        JsonObject declinedTry = STRIPE.payCheckout(link.checkoutId(), LocalStripe.DECLINED);
        String failedEarlier = STRIPE.event("payment_intent.payment_failed", declinedTry);
        String completed = STRIPE.event("checkout.session.completed", STRIPE.payCheckout(link.checkoutId(), TestCards.fresh()));

        // the completion first, the earlier decline after it, then the completion again
        assertThat(deliver(completed).status()).isEqualTo(200);
        String paymentId = paymentOf(link);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(paymentId).equals("CAPTURED"));
        long ledger = ledgerEntries(paymentId);
        assertThat(ledger).isPositive();
        assertThat(deliver(failedEarlier).status()).isEqualTo(200);
        var replay = deliver(completed);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().get("duplicate").asBoolean()).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> storedEvent(failedEarlier).status() == GatewayEvents.Status.APPLIED);
        assertThat(status(paymentId)).isEqualTo("CAPTURED");
        assertThat(payments(link)).isOne();
        var desk = link.sale().asAgent().get("/api/v1/payment-sessions/" + link.sessionId()).json();
        assertThat(desk.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(desk.get("step").asString()).isEqualTo("PAID");
        assertThat(ledgerEntries(paymentId)).isEqualTo(ledger);
    }

    @Test
    void aCompletionDeliveredAfterTelepayExpiredTheSessionStillRecordsThePayment() {
        Link link = link("1750.00", "TWD");
        JsonObject paid = STRIPE.payCheckout(link.checkoutId(), TestCards.fresh());
        clock.advance(Duration.ofMinutes(45));
        paymentSessions.expireDue();

        assertThat(deliver(STRIPE.event("checkout.session.completed", paid)).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(paymentOf(link)).equals("CAPTURED"));
        assertThat(sessionStatus(link)).isEqualTo("COMPLETED");
        assertThat(payments(link)).isOne();
    }

    // ---- refunds, disputes ----

    @Test
    void aPartialRefundGoesToStripeAndOneAboveTheThresholdWaitsForASecondPerson() {
        Link link = link("12800.00", "TWD");
        deliver(STRIPE.event("checkout.session.completed", STRIPE.payCheckout(link.checkoutId(), TestCards.fresh())));
        String paymentId = paymentOf(link);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(paymentId).equals("CAPTURED"));
        String intent = STRIPE.checkoutSession(link.checkoutId()).get("payment_intent").getAsString();

        var small = link.sale().asAgent().post("/api/v1/payments/" + paymentId + "/refunds",
                Map.of("amount", Map.of("amount", "300.00", "currency", "TWD"), "reason", "客戶退回一件"));
        assertThat(small.status()).as(small.toString()).isEqualTo(201);
        assertThat(small.json().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(STRIPE.refundsOf(intent)).singleElement().satisfies(r -> assertThat(r.get("amount").getAsLong()).isEqualTo(30000));

        var large = link.sale().asAgent().post("/api/v1/payments/" + paymentId + "/refunds",
                Map.of("amount", Map.of("amount", "10000.00", "currency", "TWD"), "reason", "整筆課程取消"));
        assertThat(large.status()).as(large.toString()).isEqualTo(201);
        assertThat(large.json().get("status").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(STRIPE.refundsOf(intent)).hasSize(1);
        var approved = as(Role.ADMIN).post("/api/v1/refunds/" + large.json().get("id").asString() + "/approve", Map.of("note", "核准"));
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(STRIPE.refundsOf(intent)).hasSize(2);
        assertThat(status(paymentId)).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(link.sale().asAgent().get("/api/v1/orders/" + link.sale().orderId()).json().get("status").asString())
                .isEqualTo("PARTIALLY_REFUNDED");

        // Stripe's charge.refunded for Telepay's own refunds changes nothing
        String chargeId = STRIPE.intent(intent).get("latest_charge").getAsString();
        String refunded = STRIPE.event("charge.refunded", STRIPE.charge(chargeId));
        assertThat(deliver(refunded).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> storedEvent(refunded).status() == GatewayEvents.Status.APPLIED);
    }

    @Test
    void aDisputeArrivingBeforeTheCompletionRecordsThePaymentThenItsChargeback() {
        Link link = link("3200.00", "TWD");
        JsonObject paid = STRIPE.payCheckout(link.checkoutId(), TestCards.fresh());
        JsonObject dispute = STRIPE.dispute(paid.get("payment_intent").getAsString(), 320000, "fraudulent", "needs_response");

        String disputed = STRIPE.event("charge.dispute.created", dispute);
        assertThat(deliver(disputed).status()).isEqualTo(200);
        String paymentId = paymentOf(link);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(paymentId).equals("REFUNDED"));
        assertThat(storedEvent(disputed).status()).isEqualTo(GatewayEvents.Status.APPLIED);
        List<String> chargebacks = new ArrayList<>();
        as(Role.ADMIN).get("/api/v1/payments/" + paymentId + "/operations").json().forEach(op -> {
            if (op.get("kind").asString().equals("CHARGEBACK")) {
                chargebacks.add(op.get("reason").asString() + " " + op.get("status").asString());
            }
        });
        assertThat(chargebacks).singleElement().asString().startsWith("fraudulent").endsWith("SUCCEEDED");

        // the completion, late: one payment still
        assertThat(deliver(STRIPE.event("checkout.session.completed", paid)).status()).isEqualTo(200);
        assertThat(payments(link)).isOne();
        assertThat(status(paymentId)).isEqualTo("REFUNDED");
    }

    @Test
    void theSettlementReportMatchesACheckoutSaleWithStripesBalanceTransaction() {
        Link link = link("1680.00", "TWD");
        deliver(STRIPE.event("checkout.session.completed", STRIPE.payCheckout(link.checkoutId(), TestCards.fresh())));
        String paymentId = paymentOf(link);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(paymentId).equals("CAPTURED"));
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);

        clock.advance(Duration.ofDays(1));
        var report = reconciliation.run(today);
        assertThat(report.breaks()).noneMatch(b -> (paymentId + ":sale").equals(b.reference()));
        assertThat(settlementFiles.lines(today).orElseThrow())
                .anyMatch(l -> (paymentId + ":sale").equals(l.operationReference()) && l.amount().equals(Money.of("1680.00", "TWD")));
    }

    // ---- risk ----

    @Test
    void aCardOnTheBlockListIsRefundedAfterTheFactWithAnAlert() {
        String card = TestCards.fresh();
        String fingerprint = io.telepay.payment.HostedPayments.platformFingerprint("stripe", LocalStripe.fingerprint(card));
        var listed = as(Role.ADMIN).post("/api/v1/risk/lists/card", Map.of("value", fingerprint, "action", "BLOCK", "reason", "盜刷卡"));
        assertThat(listed.status()).as(listed.toString()).isEqualTo(201);
        Link link = link("1999.00", "TWD");

        deliver(STRIPE.event("checkout.session.completed", STRIPE.payCheckout(link.checkoutId(), card)));
        String paymentId = paymentOf(link);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(paymentId).equals("REFUNDED"));
        assertThat(STRIPE.refundsOf(STRIPE.checkoutSession(link.checkoutId()).get("payment_intent").getAsString())).singleElement()
                .satisfies(r -> assertThat(r.get("amount").getAsLong()).isEqualTo(199900));
        assertThat(jdbc.sql("select risk_action from payment where id = :id").param("id", paymentId).query(String.class).single())
                .isEqualTo("BLOCK");
        assertThat(jdbc.sql("select count(*) from operations_alert where payment_id = :p and kind = 'HOSTED_PAYMENT_BLOCKED'")
                .param("p", paymentId).query(Long.class).single()).isOne();
    }

    @Test
    void aCustomerWhosePhoneIsBlockedGetsNoPayLink() {
        Sales.Sale sale = sales.confirmedOrder("500.00", "TWD");
        String phone = jdbc.sql("select phone from customer where id = :id").param("id", sale.customerId()).query(String.class).single();
        assertThat(as(Role.ADMIN).post("/api/v1/risk/lists/phone", Map.of("value", phone, "action", "BLOCK", "reason", "詐騙")).status())
                .isEqualTo(201);
        int before = STRIPE.requests("POST", "/v1/checkout/sessions").size();

        var session = sale.asAgent().post("/api/v1/orders/" + sale.orderId() + "/payment-sessions", Map.of("channel", "LINK", "sendTo", "SMS"));
        assertThat(session.status()).as(session.toString()).isEqualTo(422);
        assertThat(STRIPE.requests("POST", "/v1/checkout/sessions")).hasSize(before);
        assertThat(jdbc.sql("select count(*) from payment_session where order_id = :o").param("o", sale.orderId()).query(Long.class).single())
                .isZero();
    }

    // ---- signatures, card data ----

    @Test
    void aCompletedEventWithABadSignatureIs400AndChangesNothing(CapturedOutput output) {
        Link link = link("1100.00", "TWD");
        String event = STRIPE.event("checkout.session.completed", STRIPE.payCheckout(link.checkoutId(), TestCards.fresh()));
        long now = clock.instant().getEpochSecond();

        var forged = deliver(event, LocalStripe.signature(event, "whsec_someone_else", now));
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.contentType()).startsWith("application/problem+json");
        assertThat(forged.json().get("errors").get(0).get("field").asString()).isEqualTo("Stripe-Signature");
        assertThat(deliver(event, LocalStripe.signature(event, LocalStripe.WEBHOOK_SECRET, now - 301)).status()).isEqualTo(400);
        assertThat(output.getAll()).contains("Stripe webhook from");

        assertThat(payments(link)).isZero();
        assertThat(sessionStatus(link)).isEqualTo("OPEN");
        assertThat(gatewayEvents.find("stripe", com.google.gson.JsonParser.parseString(event).getAsJsonObject().get("id").getAsString()))
                .isEmpty();
    }

    @Test
    void noCardNumberReachesALogLineOrAStoredRow(CapturedOutput output) {
        List<String> pans = List.of(TestCards.fresh(), LocalStripe.INSUFFICIENT_FUNDS, TestCards.fresh());
        for (String pan : pans) {
            Link link = link("1234.00", "TWD");
            JsonObject answer = STRIPE.payCheckout(link.checkoutId(), pan);
            String type = answer.get("object").getAsString().equals("payment_intent") ? "payment_intent.payment_failed"
                    : "checkout.session.completed";
            assertThat(deliver(STRIPE.event(type, answer)).status()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from gateway_event where status = 'RECEIVED'")
                .query(Long.class).single() == 0);

        // no CVC ever reaches Telepay in this mode: the scan looks for the card numbers
        CardDataScan scan = new CardDataScan(jdbc, pans, List.of("n/a", "n/a", "n/a"));
        assertThat(scan.databaseLeaks()).isEmpty();
        assertThat(scan.leaks("log output", output.getAll())).isEmpty();
        assertThat(scan.columns()).contains(new CardDataScan.Column("payment_hosted_page", "url"),
                new CardDataScan.Column("gateway_event", "summary"));
    }

    // ---- helpers ----

    private long ledgerEntries(String paymentId) {
        return jdbc.sql("select count(*) from ledger_entry where payment_id = :p").param("p", paymentId).query(Long.class).single();
    }

    private Http.Response deliver(String event) {
        return deliver(event, LocalStripe.signature(event, LocalStripe.WEBHOOK_SECRET, clock.instant().getEpochSecond()));
    }

    private Http.Response deliver(String event, String signature) {
        return http().header("Stripe-Signature", signature).postRaw("/api/v1/gateway/stripe/events", "application/json", event);
    }

    private GatewayEvents.Event storedEvent(String event) {
        String id = com.google.gson.JsonParser.parseString(event).getAsJsonObject().get("id").getAsString();
        return gatewayEvents.find("stripe", id).orElseThrow(() -> new AssertionError("event not stored: " + id));
    }
}
