package io.telepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.telepay.identity.StaffUser;
import io.telepay.risk.FraudLabel;
import io.telepay.risk.PaymentOutcome;
import io.telepay.shared.Role;
import io.telepay.testing.RecordedEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Sandbox chargebacks: the event, the fraud label, the ledger posting, and the refund limit they share. */
class ChargebackSystemTest extends PaymentSystemTest {

    @Autowired
    RecordedEvents events;

    @Test
    void aFraudChargebackIsPostedPublishedAndLabelsTheCard() {
        PaymentFixtures.Paid paid = fixtures().captured("3000.00", "TWD");
        String path = "/api/v1/payments/" + paid.paymentId() + "/chargebacks";
        var body = Map.of("amount", Map.of("amount", "1000.00", "currency", "TWD"), "reason", "fraud: cardholder denies");
        assertThat(paid.sale().asAgent().post(path, body).status()).isEqualTo(403);

        assertThat(as(Role.ADMIN).post(path, Map.of("amount", Map.of("amount", "1.00", "currency", "TWD"),
                "reason", "fraud on 5555555555554444")).status()).as("no card number in a stored reason").isEqualTo(400);
        var chargeback = as(Role.ADMIN).post(path, body);
        assertThat(chargeback.status()).as(chargeback.toString()).isEqualTo(201);
        String id = chargeback.json().get("id").asString();
        assertThat(id).startsWith("cbk_");
        assertThat(chargeback.json().get("status").asString()).isEqualTo("SUCCEEDED");

        ChargebackReceived received = events.of(ChargebackReceived.class).stream()
                .filter(e -> e.chargebackId().equals(id)).findFirst().orElseThrow();
        assertThat(received.fraud()).isTrue();
        assertThat(received.outcomeKind()).isEqualTo(PaymentOutcome.Kind.CHARGED_BACK);
        assertThat(received.eventType()).isEqualTo("chargeback.received");
        FraudLabel label = events.of(ChargebackForFraud.class).stream()
                .filter(e -> e.chargebackId().equals(id)).findFirst().orElseThrow();
        assertThat(label.cardFingerprint()).hasSize(64);
        assertThat(label.agentId()).isEqualTo(paid.sale().agent().id());
        assertThat(label.labelSource()).isEqualTo("chargeback " + id);

        var payment = paid.sale().asAgent().get("/api/v1/payments/" + paid.paymentId()).json();
        assertThat(payment.get("status").asString()).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(payment.get("refundedAmount").get("amount").asString()).isEqualTo("1000.00");
        // the chargeback counts against what can still be refunded
        assertThat(paid.sale().asAgent().post("/api/v1/payments/" + paid.paymentId() + "/refunds",
                Map.of("amount", Map.of("amount", "2000.01", "currency", "TWD"), "reason", "rest")).status()).isEqualTo(422);

        StaffUser supervisor = newUser(Role.SUPERVISOR, staff.get(paid.sale().agent().id()).team());
        var ledger = as(supervisor).get("/api/v1/payments/" + paid.paymentId() + "/ledger");
        assertThat(ledger.status()).as(ledger.toString()).isEqualTo(200);
        assertThat(ledger.json().get("balances").get("CHARGED_BACK").get("amount").asString()).isEqualTo("1000.00");
        assertThat(ledger.json().get("balances").get("CAPTURED").get("amount").asString()).isEqualTo("2000.00");
        assertThat(ledger.json().get("entries").findValuesAsString("kind")).contains("AUTHORIZATION", "CAPTURE", "CHARGEBACK");
        assertThat(paid.sale().asAgent().get("/api/v1/payments/" + paid.paymentId() + "/ledger").status()).isEqualTo(403);
        assertThat(as(newUser(Role.SUPERVISOR)).get("/api/v1/payments/" + paid.paymentId() + "/ledger").status()).isEqualTo(404);
    }

    @Test
    void aChargebackForAnotherReasonIsNoFraudLabel() {
        PaymentFixtures.Paid paid = fixtures().captured("800.00", "TWD");
        var chargeback = as(Role.ADMIN).post("/api/v1/payments/" + paid.paymentId() + "/chargebacks",
                Map.of("amount", Map.of("amount", "800.00", "currency", "TWD"), "reason", "product not received"));
        String id = chargeback.json().get("id").asString();
        assertThat(events.of(ChargebackReceived.class)).anyMatch(e -> e.chargebackId().equals(id) && !e.fraud() && e.fully());
        assertThat(events.of(ChargebackForFraud.class)).noneMatch(e -> e.chargebackId().equals(id));
        assertThat(paid.sale().asAgent().get("/api/v1/orders/" + paid.sale().orderId()).json().get("status").asString())
                .isEqualTo("REFUNDED");
        assertThat(as(Role.ADMIN).post("/api/v1/payments/" + paid.paymentId() + "/chargebacks",
                Map.of("amount", Map.of("amount", "1.00", "currency", "TWD"), "reason", "again")).status()).isEqualTo(409);
    }
}
