package io.telepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.Sales;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;

/** The customer keys the card on the phone; the telephony bridge posts the digits; the agent sees counts only. */
class KeypadCaptureSystemTest extends SystemTest {

    private final Sales sales = new Sales(this);

    private String ivrSession(Sales.Sale sale) {
        var session = sale.asAgent().post("/api/v1/orders/" + sale.orderId() + "/payment-sessions", Map.of("channel", "IVR"));
        assertThat(session.status()).as(session.toString()).isEqualTo(201);
        assertThat(session.json().has("payUrl")).isFalse();
        return session.json().get("id").asString();
    }

    @Test
    void aSaleRunsThroughTheKeypadInPieces() {
        Sales.Sale sale = sales.confirmedOrder("1280.00", "CNY");
        String id = ivrSession(sale);
        Http bridge = as(Role.TELEPHONY);

        var partial = bridge.post("/api/v1/ivr/" + id + "/input", Map.of("field", "CARD_NUMBER", "digits", "62000000")).json();
        assertThat(partial.get("accepted").asBoolean()).isTrue();
        assertThat(partial.get("digits").asInt()).isEqualTo(8);
        var full = bridge.post("/api/v1/ivr/" + id + "/input", Map.of("field", "CARD_NUMBER", "digits", "00000005")).json();
        assertThat(full.get("message").asString()).isEqualTo("16 digits entered, valid (UnionPay)");
        assertThat(full.toString()).doesNotContain("6200");

        assertThat(sale.asAgent().get("/api/v1/payment-sessions/" + id).json().get("progress").asString())
                .isEqualTo("16 digits entered, valid (UnionPay)");

        bridge.post("/api/v1/ivr/" + id + "/input", Map.of("field", "EXPIRY", "digits", "1239"));
        bridge.post("/api/v1/ivr/" + id + "/input", Map.of("field", "CVC", "digits", "99"));
        bridge.post("/api/v1/ivr/" + id + "/input", Map.of("field", "CVC", "clear", true));
        bridge.post("/api/v1/ivr/" + id + "/input", Map.of("field", "CVC", "digits", "456"));
        var result = bridge.post("/api/v1/ivr/" + id + "/submit", Map.of());
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        assertThat(result.json().get("status").asString()).isEqualTo("SUCCEEDED");

        var payment = sale.asAgent().get("/api/v1/payments/" + result.json().get("paymentId").asString()).json();
        assertThat(payment.get("status").asString()).isEqualTo("CAPTURED");
        assertThat(payment.get("card").get("brand").asString()).isEqualTo("UNIONPAY");
        assertThat(payment.get("amount").get("currency").asString()).isEqualTo("CNY");
        assertThat(bridge.post("/api/v1/ivr/" + id + "/input", Map.of("field", "CVC", "digits", "1")).status()).isEqualTo(410);
    }

    @Test
    void agentsCannotPostDigits() {
        Sales.Sale sale = sales.confirmedOrder("100.00", "TWD");
        String id = ivrSession(sale);
        assertThat(sale.asAgent().post("/api/v1/ivr/" + id + "/input", Map.of("field", "CARD_NUMBER", "digits", "4242")).status())
                .isEqualTo(403);
        assertThat(as(Role.SUPERVISOR).post("/api/v1/ivr/" + id + "/submit", Map.of()).status()).isEqualTo(403);
    }

    @Test
    void anInvalidKeypadCardIs422AndTheDigitsAreGone() {
        Sales.Sale sale = sales.confirmedOrder("100.00", "TWD");
        String id = ivrSession(sale);
        Http bridge = as(Role.TELEPHONY);
        bridge.post("/api/v1/ivr/" + id + "/input", Map.of("field", "CARD_NUMBER", "digits", "4242424242424241"));
        bridge.post("/api/v1/ivr/" + id + "/input", Map.of("field", "EXPIRY", "digits", "1239"));
        bridge.post("/api/v1/ivr/" + id + "/input", Map.of("field", "CVC", "digits", "123"));
        var refused = bridge.post("/api/v1/ivr/" + id + "/submit", Map.of());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).doesNotContain("4242424242424241");
        assertThat(bridge.post("/api/v1/ivr/" + id + "/submit", Map.of()).status()).as("entry dropped").isEqualTo(400);
    }

    @Test
    void badKeypadInputIsRefusedNamingTheField() {
        Sales.Sale sale = sales.confirmedOrder("100.00", "TWD");
        String id = ivrSession(sale);
        Http bridge = as(Role.TELEPHONY);
        assertThat(bridge.post("/api/v1/ivr/" + id + "/input", Map.of("field", "PIN", "digits", "1234")).json()
                .get("errors").get(0).get("field").asString()).isEqualTo("field");
        assertThat(bridge.post("/api/v1/ivr/" + id + "/input", Map.of("field", "CVC", "digits", "12a")).json()
                .get("errors").get(0).get("field").asString()).isEqualTo("digits");
        assertThat(bridge.post("/api/v1/ivr/ps_nope/input", Map.of("field", "CVC", "digits", "123")).status()).isEqualTo(404);
    }
}
