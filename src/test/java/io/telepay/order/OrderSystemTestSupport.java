package io.telepay.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.telepay.catalog.Catalog;
import io.telepay.catalog.Fulfilment;
import io.telepay.catalog.NewProduct;
import io.telepay.customer.CustomerFixtures;
import io.telepay.identity.StaffUser;
import io.telepay.shared.Actor;
import io.telepay.shared.Ids;
import io.telepay.shared.Money;
import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.SystemTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.JsonNode;

/**
 * Builders for order system tests on the shared database: products with fresh SKUs, customers of a
 * fresh agent, order bodies, and the row counts that prove nothing was half-written.
 */
abstract class OrderSystemTestSupport extends SystemTest {

    static final String ORDERS = "/api/v1/orders";

    @Autowired
    protected Catalog catalog;

    @Autowired
    protected Orders orders;

    /** An agent with their own API client and a customer they own. */
    record Seller(StaffUser user, Http http, String customerId) {
    }

    protected Seller seller() {
        return seller(team());
    }

    protected Seller seller(String team) {
        StaffUser agent = newUser(Role.AGENT, team);
        Http http = as(agent);
        return new Seller(agent, http, customerOf(http));
    }

    protected static String team() {
        return "組-" + Ids.randomToken(3);
    }

    /** A customer owned by whoever the client acts as. */
    protected String customerOf(Http http) {
        var created = http.post("/api/v1/customers", Map.of("name", "陳志明", "phone", CustomerFixtures.taiwanMobile()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    protected String product(String price, String currency, Fulfilment fulfilment) {
        String sku = "ORD-" + Ids.randomToken(5).toUpperCase(Locale.ROOT);
        catalog.create(new NewProduct(sku, "保健食品禮盒 " + sku, null, Money.of(price, currency), fulfilment, true, null));
        return sku;
    }

    protected String service(String price, String currency) {
        return product(price, currency, Fulfilment.SERVICE);
    }

    protected String shipped(String price, String currency) {
        return product(price, currency, Fulfilment.SHIPMENT);
    }

    static Map<String, Object> line(Object sku, Object quantity) {
        Map<String, Object> line = new HashMap<>();
        line.put("sku", sku);
        line.put("quantity", quantity);
        return line;
    }

    static Map<String, Object> body(String customerId, Map<?, ?>... lines) {
        Map<String, Object> body = new HashMap<>();
        body.put("customerId", customerId);
        body.put("lines", new ArrayList<>(List.of(lines)));
        return body;
    }

    static Map<String, Object> address() {
        Map<String, Object> address = new HashMap<>();
        address.put("recipient", "林淑芬");
        address.put("phone", "0912-345-678");
        address.put("lines", List.of("台北市信義區信義路五段7號12樓"));
        address.put("postalCode", "110");
        address.put("country", "TW");
        return address;
    }

    /** A draft of one service line, created over HTTP by the seller. */
    protected String draft(Seller seller) {
        return draft(seller, service("680.00", "TWD"), 1);
    }

    protected String draft(Seller seller, String sku, int quantity) {
        var created = seller.http().post(ORDERS, body(seller.customerId(), line(sku, quantity)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    protected String confirmed(Seller seller) {
        String id = draft(seller);
        var confirmed = seller.http().post(ORDERS + "/" + id + "/confirm", Map.of());
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        return id;
    }

    protected String status(String orderId) {
        return jdbc.sql("select status from sales_order where id = :id").param("id", orderId).query(String.class).single();
    }

    protected long ordersOf(String customerId) {
        return jdbc.sql("select count(*) from sales_order where customer_id = :c").param("c", customerId).query(Long.class).single();
    }

    protected long linesOf(String orderId) {
        return jdbc.sql("select count(*) from sales_order_line where order_id = :o").param("o", orderId).query(Long.class).single();
    }

    protected long allOrderRows() {
        return jdbc.sql("select (select count(*) from sales_order) + (select count(*) from sales_order_line)").query(Long.class).single();
    }

    protected long auditEntries(String subject, String action) {
        return jdbc.sql("select count(*) from audit_entry where subject = :s and action = :a")
                .param("s", subject).param("a", action).query(Long.class).single();
    }

    static List<String> fields(Http.Response response) {
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        JsonNode errors = response.json().get("errors");
        return errors == null ? List.of() : errors.valueStream().map(e -> e.get("field").asString()).toList();
    }

    static void assertProblem(Http.Response response, int status, String... fields) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        if (fields.length > 0) {
            assertThat(fields(response)).as(response.toString()).contains(fields);
        }
    }

    /** Runs service calls as the user, as the HTTP layer would have authenticated them. */
    protected static <T> T actingAs(StaffUser user, java.util.function.Supplier<T> work) {
        Actor actor = user.actor();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken(actor, null, List.of()));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
