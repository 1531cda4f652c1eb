package io.telepay.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.telepay.shared.Role;
import io.telepay.testing.CardDataScan;
import io.telepay.testing.Http;
import io.telepay.testing.Sales;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Invariant 1 tested to destruction: sales paid on the pay page (JSON and form) and on the keypad with
 * known card numbers and CVCs — approved, declined, refused as invalid, lost at the acquirer and
 * reconciled — then every table (events and audit included), every log line and every API response
 * the sales produced is searched for them.
 */
@ExtendWith(OutputCaptureExtension.class)
class CardDataNeverLeavesTheVaultSystemTest extends SystemTest {

    static final List<String> PANS = List.of("4242424242424242", "5555555555554444", "6200000000000005",
            "4000000000000002", "4000000000000119", "378282246310005", "6288000000000000017");
    static final List<String> CVCS = List.of("846", "518", "604", "731", "952", "9273", "386");

    @Autowired
    Reconciler reconciler;

    @Autowired
    io.telepay.outbox.Outbox outbox;

    @Autowired
    io.telepay.testing.RecordedEvents events;

    private final Sales sales = new Sales(this);
    private final List<String> responses = new ArrayList<>();

    private Http.Response keep(Http.Response response) {
        responses.add(response.body() + " " + response.headers());
        return response;
    }

    @Test
    void noCardNumberOrCvcIsFoundAnywhereAfterRealPayments(CapturedOutput output) {
        for (int i = 0; i < PANS.size(); i++) {
            Sales.Sale sale = sales.confirmedOrder("120.00", "TWD");
            String spaced = PANS.get(i).replaceAll("(\\d{4})(?=\\d)", "$1 ");
            String paymentId;
            if (i == 2) {
                paymentId = viaKeypad(sale, PANS.get(i), CVCS.get(i));
            } else if (i == 3) {
                String token = sales.payToken(sale);
                keep(http().postForm("/pay/" + token, Map.of("cardNumber", spaced, "expiry", "12/39", "cvc", CVCS.get(i))));
                paymentId = null;
            } else {
                String token = sales.payToken(sale);
                keep(http().header("Accept", "application/json").post("/pay/" + token,
                        Map.of("cardNumber", spaced + "1", "expiry", "12/39", "cvc", CVCS.get(i))));
                var result = keep(http().header("Accept", "application/json").post("/pay/" + token, Sales.card(spaced, CVCS.get(i))));
                paymentId = result.json().path("paymentId").asString(null);
            }
            if (paymentId != null) {
                keep(sale.asAgent().get("/api/v1/payments/" + paymentId));
            }
            keep(sale.asAgent().get("/api/v1/orders/" + sale.orderId()));
            keep(sale.asAgent().get("/api/v1/orders/" + sale.orderId() + "/payment-sessions"));
        }
        clock.advance(Duration.ofMinutes(2));
        reconciler.reconcileDue();
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.pending() == 0);
        keep(as(Role.ADMIN).get("/api/v1/messages?limit=500"));
        keep(as(Role.AUDITOR).get("/api/v1/audit?limit=500&cursor=" + Math.max(0, lastAuditSeq() - 500)));

        CardDataScan scan = new CardDataScan(jdbc, PANS, CVCS);
        assertThat(scan.databaseLeaks()).isEmpty();
        List<String> elsewhere = new ArrayList<>(scan.leaks("log output", output.getAll()));
        responses.forEach(body -> elsewhere.addAll(scan.leaks("an API response", body)));
        events.json().forEach(event -> elsewhere.addAll(scan.leaks("a published event", event)));
        assertThat(elsewhere).isEmpty();

        // the places searched really hold this test's payments, or the scan proves nothing
        assertThat(jdbc.sql("select count(*) from payment where card_last4 in ('4242', '4444', '0005', '0002', '0119', '0017')")
                .query(Long.class).single()).isGreaterThanOrEqualTo(6);
        assertThat(scan.columns()).contains(new CardDataScan.Column("outbox_event", "payload"),
                new CardDataScan.Column("audit_entry", "details"), new CardDataScan.Column("notify_message", "body"));
    }

    private String viaKeypad(Sales.Sale sale, String pan, String cvc) {
        String id = sale.asAgent().post("/api/v1/orders/" + sale.orderId() + "/payment-sessions", Map.of("channel", "IVR"))
                .json().get("id").asString();
        Http bridge = as(Role.TELEPHONY);
        keep(bridge.post("/api/v1/ivr/" + id + "/input", Map.of("field", "CARD_NUMBER", "digits", pan)));
        keep(bridge.post("/api/v1/ivr/" + id + "/input", Map.of("field", "EXPIRY", "digits", "1239")));
        keep(bridge.post("/api/v1/ivr/" + id + "/input", Map.of("field", "CVC", "digits", cvc)));
        keep(sale.asAgent().get("/api/v1/payment-sessions/" + id));
        return keep(bridge.post("/api/v1/ivr/" + id + "/submit", Map.of())).json().get("paymentId").asString();
    }

    private long lastAuditSeq() {
        return jdbc.sql("select max(seq) from audit_entry").query(Long.class).single();
    }
}
