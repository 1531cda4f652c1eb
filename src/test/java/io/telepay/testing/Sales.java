package io.telepay.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.telepay.customer.CustomerFixtures;
import io.telepay.identity.StaffUser;
import io.telepay.shared.Ids;
import io.telepay.shared.Role;
import tools.jackson.databind.JsonNode;

/**
 * Builds the sale up to a confirmed order through the public API, as an agent would: a product, a
 * customer of the agent, an order, its confirmation. Each call makes fresh data.
 */
public final class Sales {

    private final SystemTest test;

    public Sales(SystemTest test) {
        this.test = test;
    }

    public record Sale(StaffUser agent, Http asAgent, String customerId, String productSku, String orderId, JsonNode order) {
    }

    /** A SERVICE product priced {@code amount currency}, sold once to a new customer of a new agent. */
    public Sale confirmedOrder(String amount, String currency) {
        StaffUser agent = test.newUser(Role.AGENT);
        Http asAgent = test.as(agent);
        String sku = product(amount, currency);
        String customerId = customer(asAgent);
        var order = asAgent.post("/api/v1/orders", Map.of("customerId", customerId,
                "lines", List.of(Map.of("sku", sku, "quantity", 1))));
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        String orderId = order.json().get("id").asString();
        var confirmed = asAgent.post("/api/v1/orders/" + orderId + "/confirm", Map.of());
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        return new Sale(agent, asAgent, customerId, sku, orderId, asAgent.get("/api/v1/orders/" + orderId).json());
    }

    /** Another confirmed order for the same agent, customer and product: cheaper to make in bulk. */
    public Sale confirmedOrderFor(Sale earlier) {
        return anotherOrder(earlier, earlier.customerId());
    }

    /** Another confirmed order from the same agent for the same product, to a new customer. */
    public Sale confirmedOrderForNewCustomer(Sale earlier) {
        return anotherOrder(earlier, customer(earlier.asAgent()));
    }

    private Sale anotherOrder(Sale earlier, String customerId) {
        var order = earlier.asAgent().post("/api/v1/orders", Map.of("customerId", customerId,
                "lines", List.of(Map.of("sku", earlier.productSku(), "quantity", 1))));
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        String orderId = order.json().get("id").asString();
        var confirmed = earlier.asAgent().post("/api/v1/orders/" + orderId + "/confirm", Map.of());
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        return new Sale(earlier.agent(), earlier.asAgent(), customerId, earlier.productSku(), orderId, confirmed.json());
    }

    public String product(String amount, String currency) {
        String sku = "TEST-" + Ids.randomToken(5).toUpperCase();
        var created = test.as(Role.ADMIN).post("/api/v1/products", Map.of("sku", sku, "name", "線上課程 " + sku,
                "price", Map.of("amount", amount, "currency", currency), "fulfilment", "SERVICE"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return sku;
    }

    public String customer(Http asAgent) {
        String phone = CustomerFixtures.taiwanMobile();
        var created = asAgent.post("/api/v1/customers", Map.of("name", "林志玲", "phone", phone,
                "email", "lin." + Ids.randomToken(4) + "@example.tw"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    /** Opens a LINK session and answers its pay token (the last part of payUrl). */
    public String payToken(Sale sale) {
        var session = sale.asAgent().post("/api/v1/orders/" + sale.orderId() + "/payment-sessions", Map.of("channel", "LINK"));
        assertThat(session.status()).as(session.toString()).isEqualTo(201);
        String url = session.json().get("payUrl").asString();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    public static Map<String, String> card(String number, String cvc) {
        return Map.of("cardNumber", number, "expiry", "12/39", "cvc", cvc, "holderName", "LIN CHIH LING");
    }
}
