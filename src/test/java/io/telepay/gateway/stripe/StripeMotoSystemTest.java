package io.telepay.gateway.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.google.gson.JsonObject;
import io.telepay.gateway.AuthorizationRequest;
import io.telepay.gateway.GatewayEvents;
import io.telepay.gateway.GatewayResult;
import io.telepay.gateway.PaymentGateway;
import io.telepay.gateway.SettlementFiles;
import io.telepay.payment.Reconciliation;
import io.telepay.shared.Money;
import io.telepay.shared.Role;
import io.telepay.testing.CardDataScan;
import io.telepay.testing.Http;
import io.telepay.testing.Sales;
import io.telepay.testing.SystemTest;
import io.telepay.testing.TestCards;
import io.telepay.vault.PresentedCard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Telepay with {@code TELEPAY_GATEWAY_PROVIDER=stripe}, mode moto, against {@link LocalStripe}, end to end
 * through the HTTP API and the pay page: every Stripe test in one context of its own (its provider and
 * auto-capture differ from the shared one's). Authorizations are held ({@code auto-capture=false}) so
 * capture, partial capture and void are Stripe's; the reconciler runs on its schedule every 200 ms and
 * acts on the test clock. Its tables are in a database (H2) or schema (PostgreSQL) of their own: this
 * context's reconciler (another acquirer, a clock moved a day ahead) stays alive in the test run's context
 * cache and must never settle the shared context's payments, nor theirs these.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
        "telepay.gateway.provider=stripe",
        "telepay.gateway.stripe.secret-key=" + LocalStripe.SECRET_KEY,
        "telepay.gateway.stripe.webhook-secret=" + LocalStripe.WEBHOOK_SECRET + "," + LocalStripe.OLD_WEBHOOK_SECRET,
        "telepay.gateway.stripe.read-timeout=PT1S",
        "telepay.gateway.stripe.connect-timeout=PT1S",
        "telepay.gateway.stripe.availability-ttl=PT0S",
        "telepay.payment.auto-capture=false",
        "telepay.payment.reconcile-interval=PT0.2S"})
class StripeMotoSystemTest extends SystemTest {

    private static final AtomicReference<Clock> CLOCK = new AtomicReference<>(Clock.systemUTC());
    static final LocalStripe STRIPE = new LocalStripe(() -> CLOCK.get().instant(), 1500);

    @DynamicPropertySource
    static void stripe(DynamicPropertyRegistry registry) {
        STRIPE.register(registry, "stripe_moto");
    }

    @AfterAll
    static void stop() {
        STRIPE.close();
    }

    @Autowired
    GatewayEvents gatewayEvents;
    @Autowired
    PaymentGateway gateway;
    @Autowired
    SettlementFiles settlementFiles;
    @Autowired
    Reconciliation reconciliation;
    @Autowired
    HealthContributorRegistry health;

    private final Sales sales = new Sales(this);

    @BeforeEach
    void clock() {
        CLOCK.set(clock);
    }

    @AfterEach
    void noFaults() {
        STRIPE.clearFaults();
        STRIPE.revokeKey(false);
        assertThat(STRIPE.failures).as("the local Stripe server itself failed").isEmpty();
    }

    private record Paid(Sales.Sale sale, String paymentId, Http.Response answer) {
    }

    private Paid pay(String amount, String currency, String card) {
        Sales.Sale sale = sales.confirmedOrder(amount, currency);
        var answer = http().header("Accept", "application/json").post("/pay/" + sales.payToken(sale), Sales.card(card, "737"));
        return new Paid(sale, answer.json().path("paymentId").asString(null), answer);
    }

    private String status(String paymentId) {
        return jdbc.sql("select status from payment where id = :id").param("id", paymentId).query(String.class).single();
    }

    private LocalStripe.Request intentRequest(String paymentId) {
        return STRIPE.requests("POST", "/v1/payment_intents").stream()
                .filter(r -> r.path().equals("/v1/payment_intents") && paymentId.equals(r.param("metadata[telepay_payment]")))
                .findFirst().orElseThrow();
    }

    // ---- the pay step ----

    @Test
    void approvesInTwdJpyAndUsdWithStripesAmountsAndAMotoPaymentIntent() {
        record Case(String amount, String currency, String stripeAmount) {
        }
        for (Case c : List.of(new Case("1280.00", "TWD", "128000"), new Case("1280", "JPY", "1280"), new Case("19.99", "USD", "1999"))) {
            Paid paid = pay(c.amount(), c.currency(), TestCards.fresh());
            assertThat(paid.answer().json().get("status").asString()).as(paid.answer().toString()).isEqualTo("SUCCEEDED");
            assertThat(status(paid.paymentId())).isEqualTo("AUTHORIZED");

            LocalStripe.Request sent = intentRequest(paid.paymentId());
            assertThat(sent.param("amount")).isEqualTo(c.stripeAmount());
            assertThat(sent.param("currency")).isEqualTo(c.currency().toLowerCase());
            assertThat(sent.param("payment_method_options[card][moto]")).isEqualTo("true");
            assertThat(sent.param("confirm")).isEqualTo("true");
            assertThat(sent.param("capture_method")).isEqualTo("manual");
            assertThat(sent.param("payment_method_data[type]")).isEqualTo("card");
            assertThat(sent.param("payment_method_data[billing_details][name]")).isEqualTo("LIN CHIH LING");
            assertThat(sent.headers()).containsEntry("idempotency-key", paid.paymentId())
                    .containsEntry("stripe-version", com.stripe.Stripe.API_VERSION)
                    .containsEntry("authorization", "Bearer " + LocalStripe.SECRET_KEY);
            JsonObject intent = STRIPE.intentOf(paid.paymentId()).orElseThrow();
            assertThat(intent.get("status").getAsString()).isEqualTo("requires_capture");

            var captured = paid.sale().asAgent().post("/api/v1/payments/" + paid.paymentId() + "/capture", Map.of());
            assertThat(captured.status()).as(captured.toString()).isEqualTo(200);
            var payment = paid.sale().asAgent().get("/api/v1/payments/" + paid.paymentId()).json();
            assertThat(payment.get("status").asString()).isEqualTo("CAPTURED");
            assertThat(payment.get("capturedAmount").get("amount").asString()).isEqualTo(c.amount());
            assertThat(STRIPE.intentOf(paid.paymentId()).orElseThrow().get("amount_received").getAsString()).isEqualTo(c.stripeAmount());
            assertThat(paid.sale().asAgent().get("/api/v1/orders/" + paid.sale().orderId()).json().get("status").asString()).isEqualTo("PAID");
        }
    }

    @Test
    void aDeclineCarriesStripesDeclineCode() {
        Paid paid = pay("980.00", "TWD", "4000 0000 0000 9995");

        assertThat(paid.answer().json().get("status").asString()).isEqualTo("DECLINED");
        assertThat(paid.answer().json().get("declineCode").asString()).isEqualTo("insufficient_funds");
        assertThat(status(paid.paymentId())).isEqualTo("DECLINED");
        assertThat(jdbc.sql("select decline_code from payment where id = :id").param("id", paid.paymentId()).query(String.class).single())
                .isEqualTo("insufficient_funds");
    }

    @Test
    void aThreeDSecureDemandFailsThePaymentAndCancelsTheIntent() {
        Paid paid = pay("1500.00", "TWD", "4000 0027 6000 3184");

        assertThat(paid.answer().json().get("status").asString()).isEqualTo("DECLINED");
        assertThat(paid.answer().json().get("declineCode").asString()).isEqualTo(StripeGateway.AUTHENTICATION_REQUIRED);
        JsonObject intent = STRIPE.intentOf(paid.paymentId()).orElseThrow();
        assertThat(intent.get("status").getAsString()).isEqualTo("canceled");
        assertThat(intent.get("cancellation_reason").getAsString()).isEqualTo("abandoned");
        assertThat(StripeGateway.AUTHENTICATION_REASON).contains("telephone order");
    }

    @Test
    void aLostAnswerIsUnknownAndTheReconcilerFindsTheIntentByItsMetadata() {
        STRIPE.inject(r -> r.path().equals("/v1/payment_intents") && r.method().equals("POST"), LocalStripe.Fault.LATE_AFTER_PROCESSING);
        Paid paid = pay("2400.00", "TWD", TestCards.fresh());

        assertThat(paid.answer().json().get("status").asString()).isEqualTo("PENDING");
        assertThat(status(paid.paymentId())).isEqualTo("UNKNOWN");
        assertThat(STRIPE.intentCount(paid.paymentId())).as("Stripe holds the charge").isEqualTo(1);

        clock.advance(Duration.ofSeconds(61));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(paid.paymentId()).equals("AUTHORIZED"));
        assertThat(STRIPE.requests("GET", "/v1/payment_intents/search")).anyMatch(r -> r.param("query").contains(paid.paymentId()));
        assertThat(STRIPE.intentCount(paid.paymentId())).as("never charged twice").isEqualTo(1);
    }

    @Test
    void aServerErrorIsUnknownAndAnIntentStripeNeverMadeFailsAfterTheGrace() {
        STRIPE.inject(r -> r.path().equals("/v1/payment_intents") && r.method().equals("POST"), LocalStripe.Fault.SERVER_ERROR);
        Paid paid = pay("2600.00", "TWD", TestCards.fresh());
        assertThat(paid.answer().json().get("status").asString()).isEqualTo("PENDING");

        clock.advance(Duration.ofSeconds(61));
        await().atMost(Duration.ofSeconds(10)).until(() -> !STRIPE.requests("GET", "/v1/payment_intents/search").stream()
                .filter(r -> r.param("query").contains(paid.paymentId())).toList().isEmpty());
        assertThat(status(paid.paymentId())).as("within the not-found grace").isEqualTo("UNKNOWN");
        clock.advance(Duration.ofMinutes(6));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(paid.paymentId()).equals("FAILED"));
        assertThat(STRIPE.intentCount(paid.paymentId())).isZero();
    }

    @Test
    void aResetConnectionIsUnknownToo() {
        // the JDK's HTTP client sends a POST again once when its connection is reset before any answer (under the same
        // Idempotency-Key, so harmlessly): the reset comes twice here
        String card = TestCards.fresh();
        for (int i = 0; i < 2; i++) {
            STRIPE.inject(r -> card.equals(r.param("payment_method_data[card][number]")), LocalStripe.Fault.CONNECTION_RESET);
        }
        Paid paid = pay("2700.00", "TWD", card);
        assertThat(paid.answer().json().get("status").asString()).isEqualTo("PENDING");
        assertThat(status(paid.paymentId())).isEqualTo("UNKNOWN");
        assertThat(STRIPE.requests("POST", "/v1/payment_intents")).filteredOn(r -> card.equals(r.param("payment_method_data[card][number]")))
                .allMatch(r -> paid.paymentId().equals(r.headers().get("idempotency-key")));
    }

    // ---- capture, void, refund ----

    @Test
    void aPartialCaptureReleasesTheRestAndAVoidCancelsTheIntent() {
        Paid partly = pay("1280.00", "TWD", TestCards.fresh());
        var capture = partly.sale().asAgent().post("/api/v1/payments/" + partly.paymentId() + "/capture",
                Map.of("amount", Map.of("amount", "500.00", "currency", "TWD")));
        assertThat(capture.status()).as(capture.toString()).isEqualTo(200);
        String captureId = capture.json().get("id").asString();
        LocalStripe.Request sent = STRIPE.requests("POST", "/v1/payment_intents/").stream()
                .filter(r -> r.path().endsWith("/capture") && captureId.equals(r.headers().get("idempotency-key"))).findFirst().orElseThrow();
        assertThat(sent.param("amount_to_capture")).isEqualTo("50000");
        assertThat(STRIPE.intentOf(partly.paymentId()).orElseThrow().get("amount_received").getAsLong()).isEqualTo(50000);
        var rest = partly.sale().asAgent().post("/api/v1/payments/" + partly.paymentId() + "/void", Map.of());
        assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
        assertThat(rest.json().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(status(partly.paymentId())).isEqualTo("CAPTURED");

        Paid voided = pay("880.00", "TWD", TestCards.fresh());
        var voiding = voided.sale().asAgent().post("/api/v1/payments/" + voided.paymentId() + "/void", Map.of());
        assertThat(voiding.status()).as(voiding.toString()).isEqualTo(200);
        assertThat(status(voided.paymentId())).isEqualTo("VOIDED");
        assertThat(STRIPE.intentOf(voided.paymentId()).orElseThrow().get("status").getAsString()).isEqualTo("canceled");
    }

    @Test
    void aPartialRefundGoesToStripeUnderTheRefundsIdAndItsWebhookChangesNothing() {
        Paid paid = captured("1280.00", "TWD");
        var refund = paid.sale().asAgent().post("/api/v1/payments/" + paid.paymentId() + "/refunds",
                Map.of("amount", Map.of("amount", "300.00", "currency", "TWD"), "reason", "客戶退回一件"));
        assertThat(refund.status()).as(refund.toString()).isEqualTo(201);
        String refundId = refund.json().get("id").asString();
        assertThat(refund.json().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(status(paid.paymentId())).isEqualTo("PARTIALLY_REFUNDED");
        String intent = STRIPE.intentOf(paid.paymentId()).orElseThrow().get("id").getAsString();
        JsonObject atStripe = STRIPE.refundsOf(intent).getFirst();
        assertThat(atStripe.get("amount").getAsLong()).isEqualTo(30000);
        assertThat(atStripe.getAsJsonObject("metadata").get("telepay_operation").getAsString()).isEqualTo(refundId);
        assertThat(STRIPE.requests("POST", "/v1/refunds")).anyMatch(r -> refundId.equals(r.headers().get("idempotency-key")));

        String chargeId = STRIPE.intentOf(paid.paymentId()).orElseThrow().get("latest_charge").getAsString();
        String event = STRIPE.event("charge.refunded", STRIPE.charge(chargeId));
        assertThat(deliver(event).status()).isEqualTo(200);
        assertThat(storedEvent(event).status()).isEqualTo(GatewayEvents.Status.APPLIED);

        // a refund made on Stripe's dashboard: recorded, the payment held, nothing written as a Telepay refund
        STRIPE.refundOutside(intent, 10000);
        String outside = STRIPE.event("charge.refunded", STRIPE.charge(chargeId));
        assertThat(deliver(outside).status()).isEqualTo(200);
        GatewayEvents.Event stored = storedEvent(outside);
        assertThat(stored.status()).isEqualTo(GatewayEvents.Status.NOT_APPLIED);
        assertThat(stored.detail()).contains("100.00 TWD").contains("recordPlatformRefund");
        assertThat(status(paid.paymentId())).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(jdbc.sql("select settlement_held_at is not null from payment where id = :id").param("id", paid.paymentId())
                .query(Boolean.class).single()).isTrue();
    }

    // ---- webhooks ----

    @Test
    void aDisputeBooksOneChargebackHoweverOftenItsEventArrives() {
        Paid paid = captured("3200.00", "TWD");
        String intent = STRIPE.intentOf(paid.paymentId()).orElseThrow().get("id").getAsString();
        JsonObject dispute = STRIPE.dispute(intent, 320000, "fraudulent", "needs_response");
        String event = STRIPE.event("charge.dispute.created", dispute);

        var first = deliver(event);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        var replay = deliver(event);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().get("duplicate").asBoolean()).isTrue();

        var operations = as(Role.ADMIN).get("/api/v1/payments/" + paid.paymentId() + "/operations").json();
        List<String> chargebacks = new ArrayList<>();
        operations.forEach(op -> {
            if (op.get("kind").asString().equals("CHARGEBACK")) {
                chargebacks.add(op.get("reason").asString() + " " + op.get("status").asString());
            }
        });
        assertThat(chargebacks).hasSize(1).first().asString().startsWith("fraudulent").contains(dispute.get("id").getAsString())
                .endsWith("SUCCEEDED");
        assertThat(status(paid.paymentId())).isEqualTo("REFUNDED");
        assertThat(storedEvent(event).status()).isEqualTo(GatewayEvents.Status.APPLIED);

        // closed and lost: already booked; the same dispute delivered as another event books nothing more
        dispute.addProperty("status", "lost");
        var closed = deliver(STRIPE.event("charge.dispute.closed", dispute));
        assertThat(closed.status()).isEqualTo(200);
        assertThat(as(Role.ADMIN).get("/api/v1/payments/" + paid.paymentId() + "/operations").body().split("CHARGEBACK", -1)).hasSize(2);
    }

    @Test
    void aBadOrOldSignatureIsRefusedWith400AndAWarningAndChangesNothing(CapturedOutput output) {
        Paid paid = captured("1100.00", "TWD");
        String intent = STRIPE.intentOf(paid.paymentId()).orElseThrow().get("id").getAsString();
        String event = STRIPE.event("charge.dispute.created", STRIPE.dispute(intent, 110000, "general", "needs_response"));
        long now = clock.instant().getEpochSecond();

        var forged = deliver(event, LocalStripe.signature(event, "whsec_someone_else", now));
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.contentType()).startsWith("application/problem+json");
        assertThat(forged.json().get("errors").get(0).get("field").asString()).isEqualTo("Stripe-Signature");
        var old = deliver(event, LocalStripe.signature(event, LocalStripe.WEBHOOK_SECRET, now - 301));
        assertThat(old.status()).isEqualTo(400);
        var tampered = deliver(event.replace("110000", "1"), LocalStripe.signature(event, LocalStripe.WEBHOOK_SECRET, now));
        assertThat(tampered.status()).isEqualTo(400);
        assertThat(http().header("Content-Type", "application/json").post("/api/v1/gateway/stripe/events", event).status()).isEqualTo(400);

        assertThat(output.getAll()).contains("WARN").contains("Stripe webhook from");
        assertThat(storedEventFor(event)).isEmpty();
        assertThat(as(Role.ADMIN).get("/api/v1/payments/" + paid.paymentId() + "/operations").body()).doesNotContain("CHARGEBACK");

        // signed with the old secret during a rotation: accepted
        var rotated = deliver(event, LocalStripe.signature(event, LocalStripe.OLD_WEBHOOK_SECRET, now));
        assertThat(rotated.status()).isEqualTo(200);
    }

    @Test
    void anUnknownEventTypeIsAnswered200AndIgnored() {
        JsonObject object = new JsonObject();
        object.addProperty("id", "cus_local1");
        object.addProperty("object", "customer");
        String event = STRIPE.event("customer.created", object);

        var answer = deliver(event);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("ignored").asBoolean()).isTrue();
        assertThat(storedEvent(event).status()).isEqualTo(GatewayEvents.Status.IGNORED);
    }

    // ---- health ----

    @Test
    void aWrongSecretKeyTakesTheGatewayDownWithTheReasonAndNoSessionOpens() {
        Sales.Sale sale = sales.confirmedOrder("700.00", "TWD");
        STRIPE.revokeKey(true);

        var gatewayHealth = ((HealthIndicator) health.getContributor("gateway")).health();
        assertThat(gatewayHealth.getStatus()).isEqualTo(Status.DOWN);
        assertThat(gatewayHealth.getDetails().get("reason").toString()).contains("refused the secret key").contains("TELEPAY_STRIPE_SECRET_KEY");
        assertThat(http().get("/actuator/health").status()).isEqualTo(503);

        var session = sale.asAgent().post("/api/v1/orders/" + sale.orderId() + "/payment-sessions", Map.of("channel", "LINK"));
        assertThat(session.status()).as(session.toString()).isEqualTo(503);
        assertThat(session.contentType()).startsWith("application/problem+json");
        assertThat(jdbc.sql("select count(*) from payment_session where order_id = :o").param("o", sale.orderId()).query(Long.class).single())
                .isZero();

        STRIPE.revokeKey(false);
        assertThat(((HealthIndicator) health.getContributor("gateway")).health().getStatus()).isEqualTo(Status.UP);
        assertThat(sale.asAgent().post("/api/v1/orders/" + sale.orderId() + "/payment-sessions", Map.of("channel", "LINK")).status())
                .isEqualTo(201);
    }

    // ---- a sale, and settlement ----

    @Test
    void aSaleIsCapturedWithTheAuthorizationAndSettlesUnderTheSalesReference() {
        // the payment core asks for a sale when auto-capture is on; this context holds authorizations, so the adapter is asked directly
        String reference = "pay_stripe_sale_" + io.telepay.shared.Ids.randomToken(6);
        PresentedCard card = PresentedCard.parse(TestCards.fresh(), "12/39", "737", null, clock);
        GatewayResult result = gateway.authorize(new AuthorizationRequest(reference, Money.of("1999", "JPY"), card, true));

        assertThat(result.approved()).isTrue();
        assertThat(result.card()).isNotNull();
        assertThat(result.card().fingerprint()).isNotBlank();
        assertThat(result.card().brand()).isEqualTo("visa");
        assertThat(result.card().funding()).isEqualTo("credit");
        assertThat(intentRequest(reference).param("capture_method")).isEqualTo("automatic");

        clock.advance(Duration.ofDays(1));
        LocalDate yesterday = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
        List<SettlementFiles.Line> lines = settlementFiles.lines(yesterday).orElseThrow();
        assertThat(lines).filteredOn(line -> (reference + ":sale").equals(line.operationReference())).singleElement()
                .satisfies(line -> {
                    assertThat(line.kind()).isEqualTo("CAPTURE");
                    assertThat(line.amount()).isEqualTo(Money.of("1999", "JPY"));
                    assertThat(line.fee()).isEqualTo(Money.of(String.valueOf(Math.round(1999 * 0.034) + 10), "JPY"));
                    assertThat(line.error()).isNull();
                });
    }

    @Test
    void theSettlementReportMatchesStripesBalanceTransactionsWithTelepaysBooks() {
        Paid paid = captured("1280.00", "TWD");
        var refund = paid.sale().asAgent().post("/api/v1/payments/" + paid.paymentId() + "/refunds",
                Map.of("amount", Map.of("amount", "280.00", "currency", "TWD"), "reason", "部分退款"));
        assertThat(refund.status()).isEqualTo(201);
        String refundId = refund.json().get("id").asString();
        String captureId = jdbc.sql("select acquirer_reference from payment_operation where payment_id = :p and kind = 'CAPTURE'")
                .param("p", paid.paymentId()).query(String.class).single();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);

        clock.advance(Duration.ofDays(1));
        var report = reconciliation.run(today);
        assertThat(report.breaks()).noneMatch(b -> captureId.equals(b.reference()) || refundId.equals(b.reference()));
        List<SettlementFiles.Line> lines = settlementFiles.lines(today).orElseThrow();
        assertThat(lines).anyMatch(l -> captureId.equals(l.operationReference()) && l.amount().equals(Money.of("1280.00", "TWD")));
        assertThat(lines).anyMatch(l -> refundId.equals(l.operationReference()) && l.amount().equals(Money.of("280.00", "TWD"))
                && l.kind().equals("REFUND"));
        assertThat(report.matched()).isGreaterThanOrEqualTo(2);
    }

    // ---- invariant 1 ----

    @Test
    void noCardNumberOrCvcReachesALogLineOrAStoredRow(CapturedOutput output) {
        List<String> pans = List.of(TestCards.fresh(), "4000000000009995", "4000002760003184", TestCards.fresh());
        List<String> cvcs = List.of("846", "952", "731", "604");
        STRIPE.inject(r -> r.path().equals("/v1/payment_intents") && r.method().equals("POST")
                && pans.get(3).equals(r.param("payment_method_data[card][number]")), LocalStripe.Fault.LATE_AFTER_PROCESSING);
        List<String> paymentIds = new ArrayList<>();
        for (int i = 0; i < pans.size(); i++) {
            Sales.Sale sale = sales.confirmedOrder("1234.00", "TWD");
            var answer = http().header("Accept", "application/json").post("/pay/" + sales.payToken(sale),
                    Map.of("cardNumber", pans.get(i), "expiry", "12/39", "cvc", cvcs.get(i)));
            paymentIds.add(answer.json().get("paymentId").asString());
        }
        clock.advance(Duration.ofSeconds(61));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(paymentIds.get(3)).equals("AUTHORIZED"));
        assertThat(STRIPE.requests("POST", "/v1/payment_intents")).anyMatch(r -> pans.get(0).equals(r.param("payment_method_data[card][number]")))
                .as("the card reached Stripe, so a leak had something to leak");

        CardDataScan scan = new CardDataScan(jdbc, pans, cvcs);
        assertThat(scan.databaseLeaks()).isEmpty();
        assertThat(scan.leaks("log output", output.getAll())).isEmpty();
        assertThat(scan.columns()).contains(new CardDataScan.Column("gateway_event", "summary"),
                new CardDataScan.Column("stripe_payment_intent", "payment_intent"), new CardDataScan.Column("stripe_operation", "stripe_id"));
        assertThat(jdbc.sql("select count(*) from stripe_payment_intent where reference in (:ids)").param("ids", paymentIds)
                .query(Long.class).single()).isEqualTo(4);
    }

    // ---- helpers ----

    private Paid captured(String amount, String currency) {
        Paid paid = pay(amount, currency, TestCards.fresh());
        assertThat(paid.answer().json().get("status").asString()).isEqualTo("SUCCEEDED");
        var capture = paid.sale().asAgent().post("/api/v1/payments/" + paid.paymentId() + "/capture", Map.of());
        assertThat(capture.status()).as(capture.toString()).isEqualTo(200);
        assertThat(status(paid.paymentId())).isEqualTo("CAPTURED");
        return paid;
    }

    private Http.Response deliver(String event) {
        return deliver(event, LocalStripe.signature(event, LocalStripe.WEBHOOK_SECRET, clock.instant().getEpochSecond()));
    }

    private Http.Response deliver(String event, String signature) {
        return http().header("Stripe-Signature", signature).postRaw("/api/v1/gateway/stripe/events", "application/json", event);
    }

    private GatewayEvents.Event storedEvent(String event) {
        return storedEventFor(event).orElseThrow(() -> new AssertionError("event not stored: " + event.substring(0, 80)));
    }

    private java.util.Optional<GatewayEvents.Event> storedEventFor(String event) {
        String id = com.google.gson.JsonParser.parseString(event).getAsJsonObject().get("id").getAsString();
        return gatewayEvents.find("stripe", id);
    }
}
