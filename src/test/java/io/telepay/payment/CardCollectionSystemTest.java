package io.telepay.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.Sales;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The sale from a confirmed order to a captured payment through the pay link, and every way it can go wrong. */
class CardCollectionSystemTest extends SystemTest {

    @Autowired
    Reconciler reconciler;

    @Autowired
    Payments payments;

    @Autowired
    io.telepay.testing.RecordedEvents events;

    private final Sales sales = new Sales(this);

    private Http.Response pay(String token, String number, String cvc) {
        return http().header("Accept", "application/json").post("/pay/" + token, Sales.card(number, cvc));
    }

    @Test
    void aSaleRunsFromTheConfirmedOrderToAFulfilledOrderWithAReceipt() {
        Sales.Sale sale = sales.confirmedOrder("1999.00", "TWD");
        var session = sale.asAgent().post("/api/v1/orders/" + sale.orderId() + "/payment-sessions",
                Map.of("channel", "LINK", "sendTo", "SMS")).json();
        assertThat(session.get("status").asString()).isEqualTo("OPEN");
        assertThat(session.get("amount").get("amount").asString()).isEqualTo("1999.00");
        String url = session.get("payUrl").asString();
        String token = url.substring(url.lastIndexOf('/') + 1);
        assertThat(token.length()).isGreaterThanOrEqualTo(26);

        var page = http().header("Accept-Language", "zh-TW").get("/pay/" + token);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("我們絕不會向您索取 PIN 碼、卡片密碼或簡訊驗證碼").contains("NT$1,999");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");
        var opened = sale.asAgent().get("/api/v1/payment-sessions/" + session.get("id").asString()).json();
        assertThat(opened.get("step").asString()).isEqualTo("LINK_OPENED");
        java.time.Instant openedAt = java.time.Instant.parse(opened.get("openedAt").asString());
        assertThat(openedAt).isAfterOrEqualTo(java.time.Instant.parse(session.get("createdAt").asString()));
        http().get("/pay/" + token);
        assertThat(sale.asAgent().get("/api/v1/payment-sessions/" + session.get("id").asString()).json().get("openedAt").asString())
                .as("the first opening, not the latest").isEqualTo(opened.get("openedAt").asString());

        var result = pay(token, "4242 4242 4242 4242", "123");
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.json().get("status").asString()).isEqualTo("SUCCEEDED");
        String paymentId = result.json().get("paymentId").asString();

        var payment = sale.asAgent().get("/api/v1/payments/" + paymentId).json();
        assertThat(payment.get("status").asString()).isEqualTo("CAPTURED");
        assertThat(payment.get("capturedAmount").get("amount").asString()).isEqualTo("1999.00");
        // the agent: brand and last 4, what they read back; no BIN, fingerprint or expiry
        assertThat(payment.get("card").get("brand").asString()).isEqualTo("VISA");
        assertThat(payment.get("card").get("last4").asString()).isEqualTo("4242");
        assertThat(payment.get("card").has("bin")).isFalse();
        assertThat(payment.get("card").has("fingerprint")).isFalse();
        assertThat(payment.get("card").has("expMonth")).isFalse();
        var supervisorView = as(Role.ADMIN).get("/api/v1/payments/" + paymentId).json().get("card");
        assertThat(supervisorView.get("bin").asString()).isEqualTo("424242");
        assertThat(supervisorView.get("fingerprint").asString()).hasSize(64);
        assertThat(supervisorView.has("expMonth")).isFalse();
        var analystView = as(Role.RISK_ANALYST).get("/api/v1/payments/" + paymentId).json().get("card");
        assertThat(analystView.get("expMonth").asInt()).isEqualTo(12);
        assertThat(analystView.get("expYear").asInt()).isEqualTo(2039);
        assertThat(payment.get("risk").get("action").asString()).isEqualTo("ALLOW");

        var order = sale.asAgent().get("/api/v1/orders/" + sale.orderId()).json();
        assertThat(order.get("status").asString()).isEqualTo("PAID");
        assertThat(order.get("payments").get(0).get("id").asString()).isEqualTo(paymentId);
        assertThat(sale.asAgent().get("/api/v1/payment-sessions/" + session.get("id").asString()).json()
                .get("status").asString()).isEqualTo("COMPLETED");

        String fulfilmentId = await().atMost(Duration.ofSeconds(10)).until(
                () -> jdbc.sql("select id from fulfilment where order_id = :o").param("o", sale.orderId()).query(String.class).optional(),
                java.util.Optional::isPresent).orElseThrow();
        var completed = sale.asAgent().post("/api/v1/fulfilments/" + fulfilmentId + "/complete", Map.of("reference", "SVC-2026-0001"));
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        assertThat(sale.asAgent().get("/api/v1/orders/" + sale.orderId()).json().get("status").asString()).isEqualTo("FULFILLED");
        var receipt = as(Role.ADMIN).get("/api/v1/messages?reference=" + sale.orderId()).json().get("items");
        assertThat(receipt.toString()).contains("RECEIPT").contains("****4242").contains("SVC-2026-0001").doesNotContain("4242424242424242");
    }

    @Test
    void aUsedLinkIs410AndChargesNothingMore() {
        Sales.Sale sale = sales.confirmedOrder("500.00", "TWD");
        String token = sales.payToken(sale);
        assertThat(pay(token, "5555 5555 5555 4444", "321").json().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(pay(token, "5555 5555 5555 4444", "321").status()).isEqualTo(410);
        assertThat(http().get("/pay/" + token).status()).isEqualTo(410);
        assertThat(acquirerCharges(sale.orderId())).isEqualTo(1);
    }

    @Test
    void unknownAndTamperedTokensAre404() {
        Sales.Sale sale = sales.confirmedOrder("100.00", "TWD");
        String token = sales.payToken(sale);
        String tampered = token.substring(0, token.length() - 1) + (token.endsWith("a") ? "b" : "a");
        assertThat(pay(tampered, "4242424242424242", "123").status()).isEqualTo(404);
        assertThat(http().get("/pay/" + tampered).status()).isEqualTo(404);
        assertThat(pay("short", "4242424242424242", "123").status()).isEqualTo(404);
    }

    @Test
    void anExpiredLinkIs410() {
        Sales.Sale sale = sales.confirmedOrder("100.00", "TWD");
        String token = sales.payToken(sale);
        clock.advance(Duration.ofMinutes(16));
        assertThat(pay(token, "4242424242424242", "123").status()).isEqualTo(410);
        assertThat(http().get("/pay/" + token).status()).isEqualTo(410);
        assertThat(acquirerCharges(sale.orderId())).isZero();
    }

    @Test
    void anInvalidCardIs422NamingTheFieldAndNeverReachesTheGateway() {
        Sales.Sale sale = sales.confirmedOrder("100.00", "TWD");
        String token = sales.payToken(sale);
        var invalid = pay(token, "4242 4242 4242 4241", "123");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("errors").get(0).get("field").asString()).isEqualTo("cardNumber");
        assertThat(invalid.body()).doesNotContain("4242424242424241").doesNotContain("4242 4242 4242 4241");
        var amexCvc = pay(token, "3782 822463 10005", "123");
        assertThat(amexCvc.status()).isEqualTo(422);
        assertThat(amexCvc.json().get("errors").get(0).get("field").asString()).isEqualTo("cvc");
        assertThat(acquirerCharges(sale.orderId())).isZero();
        assertThat(pay(token, "4242424242424242", "123").json().get("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void declinesAreCountedAndTheFifthFailsTheSession() {
        Sales.Sale sale = sales.confirmedOrder("100.00", "TWD");
        String token = sales.payToken(sale);
        var first = pay(token, "4000 0000 0000 0002", "123").json();
        assertThat(first.get("status").asString()).isEqualTo("DECLINED");
        assertThat(first.get("declineCode").asString()).isEqualTo("card_declined");
        assertThat(pay(token, "4000 0000 0000 9995", "123").json().get("declineCode").asString()).isEqualTo("insufficient_funds");
        assertThat(pay(token, "4000 0000 0000 0069", "123").json().get("declineCode").asString()).isEqualTo("expired_card");
        assertThat(pay(token, "4000 0000 0000 0002", "123").json().get("status").asString()).isEqualTo("DECLINED");
        var fifth = pay(token, "4000 0000 0000 0002", "123").json();
        assertThat(fifth.get("status").asString()).isEqualTo("FAILED");
        assertThat(pay(token, "4242424242424242", "123").status()).as("no sixth attempt").isEqualTo(410);
        var payment = sale.asAgent().get("/api/v1/payments/" + fifth.get("paymentId").asString()).json();
        assertThat(payment.get("status").asString()).isEqualTo("DECLINED");
        assertThat(sale.asAgent().get("/api/v1/orders/" + sale.orderId()).json().get("status").asString()).isEqualTo("CONFIRMED");
    }

    @Test
    void aDoubleSubmitChargesOnce() throws Exception {
        Sales.Sale sale = sales.confirmedOrder("888.00", "TWD");
        String token = sales.payToken(sale);
        List<Callable<Http.Response>> submits = List.of(() -> pay(token, "4242424242424242", "123"),
                () -> pay(token, "4242424242424242", "123"), () -> pay(token, "4242424242424242", "123"));
        try (var pool = Executors.newFixedThreadPool(3)) {
            List<Integer> statuses = pool.invokeAll(submits).stream().map(f -> {
                try {
                    return f.get().status();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            assertThat(statuses).contains(200).allMatch(s -> s == 200 || s == 410);
        }
        assertThat(acquirerCharges(sale.orderId())).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from payment where order_id = :o and status = 'CAPTURED'").param("o", sale.orderId())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aLostAnswerLeavesThePaymentUnknownUntilTheReconcilerFindsItApproved() {
        Sales.Sale sale = sales.confirmedOrder("3000.00", "TWD");
        String token = sales.payToken(sale);
        var result = pay(token, "4000 0000 0000 0119", "123").json();
        assertThat(result.get("status").asString()).isEqualTo("PENDING");
        String paymentId = result.get("paymentId").asString();
        assertThat(sale.asAgent().get("/api/v1/payments/" + paymentId).json().get("status").asString()).isEqualTo("UNKNOWN");
        assertThat(pay(token, "4242424242424242", "123").json().get("status").asString())
                .as("a second card while the first is unknown is not charged").isEqualTo("PENDING");

        reconciler.reconcileDue();
        assertThat(sale.asAgent().get("/api/v1/payments/" + paymentId).json().get("status").asString()).as("not before its time")
                .isEqualTo("UNKNOWN");
        clock.advance(Duration.ofMinutes(2));
        reconciler.reconcileDue();
        assertThat(sale.asAgent().get("/api/v1/payments/" + paymentId).json().get("status").asString()).isEqualTo("CAPTURED");
        assertThat(sale.asAgent().get("/api/v1/orders/" + sale.orderId()).json().get("status").asString()).isEqualTo("PAID");
        assertThat(acquirerCharges(sale.orderId())).isEqualTo(1);
    }

    @Test
    void aSessionIsOnlyForAConfirmedOrderAndTakesNoAmount() {
        Sales.Sale sale = sales.confirmedOrder("100.00", "TWD");
        var withAmount = sale.asAgent().post("/api/v1/orders/" + sale.orderId() + "/payment-sessions",
                Map.of("channel", "LINK", "amount", Map.of("amount", "1.00", "currency", "TWD")));
        assertThat(withAmount.status()).isEqualTo(400);
        assertThat(withAmount.json().get("errors").get(0).get("field").asString()).isEqualTo("amount");

        String customer = sales.customer(sale.asAgent());
        var draft = sale.asAgent().post("/api/v1/orders", Map.of("customerId", customer,
                "lines", List.of(Map.of("sku", sale.productSku(), "quantity", 2)))).json();
        var refused = sale.asAgent().post("/api/v1/orders/" + draft.get("id").asString() + "/payment-sessions", Map.of("channel", "LINK"));
        assertThat(refused.status()).isEqualTo(409);

        var otherAgent = as(newUser(Role.AGENT));
        assertThat(otherAgent.post("/api/v1/orders/" + sale.orderId() + "/payment-sessions", Map.of("channel", "LINK")).status())
                .isEqualTo(404);
    }

    @Test
    void aBlockedCardIsDeclinedBeforeTheGateway() {
        Sales.Sale first = sales.confirmedOrder("100.00", "TWD");
        String paid = pay(sales.payToken(first), "4111 1111 1111 1111", "456").json().get("paymentId").asString();
        String fingerprint = as(Role.RISK_ANALYST).get("/api/v1/payments/" + paid).json().get("card").get("fingerprint").asString();
        var listed = as(Role.RISK_ANALYST).post("/api/v1/risk/lists/card", Map.of("value", fingerprint, "reason", "reported stolen"));
        assertThat(listed.status()).as(listed.toString()).isEqualTo(201);

        Sales.Sale second = sales.confirmedOrder("100.00", "TWD");
        var result = pay(sales.payToken(second), "4111 1111 1111 1111", "456").json();
        assertThat(result.get("status").asString()).isEqualTo("DECLINED");
        assertThat(result.get("declineCode").asString()).isEqualTo("risk_blocked");
        var payment = second.asAgent().get("/api/v1/payments/" + result.get("paymentId").asString()).json();
        assertThat(payment.get("risk").get("action").asString()).isEqualTo("BLOCK");
        assertThat(payment.get("risk").get("reasons").get(0).asString()).contains("reported stolen");
        assertThat(acquirerCharges(second.orderId())).isZero();
    }

    @Test
    void theAgentFollowsTheSessionLiveAndNeverSeesADigit() throws Exception {
        Sales.Sale sale = sales.confirmedOrder("250.00", "TWD");
        var session = sale.asAgent().post("/api/v1/orders/" + sale.orderId() + "/payment-sessions", Map.of("channel", "LINK")).json();
        String url = session.get("payUrl").asString();
        String token = url.substring(url.lastIndexOf('/') + 1);
        var lines = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var stream = sale.asAgent().request("/api/v1/payment-sessions/" + session.get("id").asString() + "/events")
                .header("Accept", "text/event-stream").GET().build();
        var client = java.net.http.HttpClient.newHttpClient();
        var pending = client.sendAsync(stream, java.net.http.HttpResponse.BodyHandlers.ofLines());
        pending.thenAccept(response -> response.body().forEach(lines::add));
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.contains("\"OPEN\"")));

        pay(token, "4242 4242 4242 4242", "123");
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.contains("\"PAID\"")));
        assertThat(String.join("\n", lines)).doesNotContain("4242").doesNotContain("123\"");
    }

    @Test
    void aDisputedPaymentIsHeldOutOfSettlementOnce() {
        Sales.Sale sale = sales.confirmedOrder("100.00", "TWD");
        String paymentId = pay(sales.payToken(sale), "4242424242424242", "123").json().get("paymentId").asString();
        assertThat(payments.settlementHeld(paymentId)).isFalse();
        payments.holdSettlement(paymentId, "cardholder says: not me");
        payments.holdSettlement(paymentId, "second report");
        assertThat(payments.settlementHeld(paymentId)).isTrue();
        assertThat(jdbc.sql("select settlement_hold_reason from payment where id = :id").param("id", paymentId)
                .query(String.class).single()).isEqualTo("cardholder says: not me");
        assertThat(jdbc.sql("select count(*) from audit_entry where subject = :id and action = 'payment.settlement-held'")
                .param("id", paymentId).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void sessionsAndFulfilmentsAnnounceThemselves() {
        Sales.Sale sale = sales.confirmedOrder("100.00", "TWD");
        String token = sales.payToken(sale);
        assertThat(events.of(PaymentSessionCreated.class)).filteredOn(e -> e.orderId().equals(sale.orderId())).hasSize(1)
                .first().satisfies(e -> assertThat(e.channel()).isEqualTo("LINK"));
        pay(token, "4242424242424242", "123");
        String fulfilmentId = await().atMost(Duration.ofSeconds(10)).until(
                () -> jdbc.sql("select id from fulfilment where order_id = :o").param("o", sale.orderId()).query(String.class).optional(),
                java.util.Optional::isPresent).orElseThrow();
        sale.asAgent().post("/api/v1/fulfilments/" + fulfilmentId + "/complete", Map.of("reference", "SF1234"));
        assertThat(events.of(io.telepay.fulfilment.FulfilmentCompleted.class)).filteredOn(e -> e.orderId().equals(sale.orderId()))
                .singleElement().satisfies(e -> assertThat(e.reference()).isEqualTo("SF1234"));
    }

    private long acquirerCharges(String orderId) {
        return jdbc.sql("select count(*) from sandbox_charge c join payment p on p.id = c.reference where p.order_id = :o and c.outcome = 'APPROVED'")
                .param("o", orderId).query(Long.class).single();
    }
}
