package io.telepay.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.Sales;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;

/** A TELEPHONY key (the keypad bridge) reaches the keypad endpoints only: not the catalogue, nor any other list. */
class TelephonyKeySystemTest extends SystemTest {

    @Test
    void aTelephonyKeyReadsNeitherTheCatalogueNorAnyOtherListButFollowsItsSession() {
        Sales sales = new Sales(this);
        Sales.Sale sale = sales.confirmedOrder("300.00", "TWD");
        var product = as(Role.ADMIN).get("/api/v1/products?limit=1").json().get("items").get(0).get("id").asString();
        Http bridge = as(Role.TELEPHONY);
        for (String path : List.of("/api/v1/products", "/api/v1/products/" + product, "/api/v1/fulfilments", "/api/v1/webhooks",
                "/api/v1/risk/alerts", "/api/v1/messages")) {
            var answer = bridge.get(path);
            assertThat(answer.status()).as(path + " -> " + answer).isEqualTo(403);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
        var session = sale.asAgent().post("/api/v1/orders/" + sale.orderId() + "/payment-sessions", java.util.Map.of("channel", "IVR"));
        assertThat(session.status()).as(session.toString()).isEqualTo(201);
        assertThat(bridge.get("/api/v1/payment-sessions/" + session.json().get("id").asString()).status()).isEqualTo(200);
        assertThat(bridge.get("/api/v1/me").status()).isEqualTo(200);
    }
}
