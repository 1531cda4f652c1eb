package io.telepay.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.telepay.testing.Http;
import org.junit.jupiter.api.Test;

/**
 * Bad input to the order endpoints: always a 4xx problem naming the field, never a 5xx, and never a
 * half-written order (rows counted before and after).
 */
class OrderInputSystemTest extends OrderSystemTestSupport {

    private static final String HUGE = "訂".repeat(100_000);
    private static final List<String> HOSTILE = List.of(
            "'; drop table sales_order; --",
            "\" or 1=1 --",
            "<script>alert('x')</script>",
            "<img src=x onerror=alert(1)>",
            "%' union select * from staff_user --");

    private void refusedWithoutWriting(Seller seller, Object body, int status, String... fields) {
        long before = allOrderRows();
        var response = seller.http().postRaw(ORDERS, "application/json", OrderSystemTest.json(body));
        assertProblem(response, status, fields);
        if (fields.length > 0) {
            assertThat(fields(response)).as(response.toString()).containsExactlyInAnyOrder(fields);
        }
        assertThat(ordersOf(seller.customerId())).as(response.toString()).isZero();
        assertThat(allOrderRows()).as("order and line rows after a refused request").isEqualTo(before);
    }

    @Test
    void missingFieldsAreAllNamed() {
        Seller seller = seller();
        refusedWithoutWriting(seller, "{}", 400, "customerId", "lines");
        refusedWithoutWriting(seller, Map.of("customerId", seller.customerId(), "lines", List.of()), 400, "lines");
        refusedWithoutWriting(seller, "{\"customerId\": \"" + seller.customerId() + "\", \"lines\": [{}]}", 400,
                "lines[0].sku", "lines[0].quantity");
        refusedWithoutWriting(seller, "{\"customerId\": \"" + seller.customerId() + "\", \"lines\": [null]}", 400, "lines[0]");
    }

    @Test
    void wrongTypesAre400NamingTheField() {
        Seller seller = seller();
        String sku = service("680.00", "TWD");
        String customer = seller.customerId();
        // a JSON number is not text (StrictText): not read as the id "42"
        refusedWithoutWriting(seller, "{\"customerId\": 42, \"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": 1}]}", 400, "customerId");
        refusedWithoutWriting(seller, "{\"customerId\": [\"x\"], \"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": 1}]}", 400, "customerId");
        refusedWithoutWriting(seller, "{\"customerId\": \"" + customer + "\", \"lines\": {\"sku\": \"" + sku + "\"}}", 400, "lines");
        refusedWithoutWriting(seller, "{\"customerId\": \"" + customer + "\", \"lines\": \"" + sku + " x 2\"}", 400, "lines");
        refusedWithoutWriting(seller, "{\"customerId\": \"" + customer + "\", \"lines\": [\"" + sku + "\"]}", 400, "lines[0]");
        refusedWithoutWriting(seller, body(customer, line(sku, "2")), 400, "lines[0].quantity");
        refusedWithoutWriting(seller, body(customer, line(sku, 1.5)), 400, "lines[0].quantity");
        refusedWithoutWriting(seller, body(customer, line(sku, true)), 400, "lines[0].quantity");
        refusedWithoutWriting(seller, body(customer, line(12345, 1)), 400, "lines[0].sku");
        Map<String, Object> addressAsText = body(customer, line(sku, 1));
        addressAsText.put("shippingAddress", "台北市信義區");
        refusedWithoutWriting(seller, addressAsText, 400, "shippingAddress");
        Map<String, Object> lineOfAddress = body(customer, line(sku, 1));
        Map<String, Object> address = address();
        address.put("lines", "台北市信義區信義路五段7號");
        lineOfAddress.put("shippingAddress", address);
        refusedWithoutWriting(seller, lineOfAddress, 400, "shippingAddress.lines");
    }

    @Test
    void negativeZeroAndHugeQuantitiesAre400NamingTheLine() {
        Seller seller = seller();
        String sku = service("680.00", "TWD");
        String other = service("1.00", "TWD");
        for (Object quantity : List.of(-1, 0, 10_001, Integer.MAX_VALUE, Long.MAX_VALUE)) {
            refusedWithoutWriting(seller, body(seller.customerId(), line(other, 1), line(sku, quantity)), 400, "lines[1].quantity");
        }
        for (String raw : List.of("1e30", "99999999999999999999999999", "-0.5", "1E2")) {
            refusedWithoutWriting(seller, "{\"customerId\": \"" + seller.customerId() + "\", \"lines\": [{\"sku\": \"" + sku
                    + "\", \"quantity\": " + raw + "}]}", 400, "lines[0].quantity");
        }
    }

    @Test
    void tooManyLinesOrTheSameSkuTwiceAre400() {
        Seller seller = seller();
        String sku = service("680.00", "TWD");
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(line("SKU-" + i, 1));
        }
        refusedWithoutWriting(seller, Map.of("customerId", seller.customerId(), "lines", many), 400, "lines");
        refusedWithoutWriting(seller, body(seller.customerId(), line(sku, 1), line(sku.toLowerCase(), 2)), 400, "lines[1].sku");
    }

    @Test
    void anUnknownPropertyOrMalformedJsonIs400() {
        Seller seller = seller();
        String sku = service("680.00", "TWD");
        Map<String, Object> withPrice = body(seller.customerId(), line(sku, 1));
        withPrice.put("total", Map.of("amount", "1.00", "currency", "TWD"));
        refusedWithoutWriting(seller, withPrice, 400, "total");
        Map<String, Object> pricedLine = line(sku, 1);
        pricedLine.put("unitPrice", Map.of("amount", "0.01", "currency", "TWD"));
        refusedWithoutWriting(seller, body(seller.customerId(), pricedLine), 400, "lines[0].unitPrice");
        refusedWithoutWriting(seller, "{\"customerId\": ", 400);
        refusedWithoutWriting(seller, "not json at all", 400);
        assertThat(seller.http().postRaw(ORDERS, "text/plain", "customerId=x").status()).isEqualTo(415);
    }

    @Test
    void hundredKilobyteStringsAre400InEveryField() {
        Seller seller = seller();
        String sku = shipped("1999.00", "TWD");
        refusedWithoutWriting(seller, body(HUGE, line(sku, 1)), 400, "customerId");
        Map<String, Object> hugeCall = body(seller.customerId(), line(sku, 1));
        hugeCall.put("callId", HUGE);
        hugeCall.put("agentId", HUGE);
        hugeCall.put("shippingAddress", address());
        refusedWithoutWriting(seller, hugeCall, 400, "callId", "agentId");
        refusedWithoutWriting(seller, body(seller.customerId(), line(HUGE, 1)), 400, "lines[0].sku");
        for (String field : List.of("recipient", "phone", "postalCode", "country")) {
            Map<String, Object> order = body(seller.customerId(), line(sku, 1));
            Map<String, Object> address = address();
            address.put(field, HUGE);
            order.put("shippingAddress", address);
            refusedWithoutWriting(seller, order, 400, "shippingAddress." + field);
        }
        Map<String, Object> order = body(seller.customerId(), line(sku, 1));
        Map<String, Object> address = address();
        address.put("lines", List.of(HUGE));
        order.put("shippingAddress", address);
        refusedWithoutWriting(seller, order, 400, "shippingAddress.lines[0]");

        String id = draft(seller);
        assertProblem(seller.http().post(ORDERS + "/" + id + "/cancel", Map.of("reason", HUGE)), 400, "reason");
        assertProblem(seller.http().post(ORDERS + "/" + id + "/confirm", Map.of("callId", HUGE)), 400, "callId");
        assertThat(status(id)).isEqualTo("DRAFT");
    }

    @Test
    void sqlAndHtmlInIdFieldsNameNothingAndWriteNothing() {
        Seller seller = seller();
        String sku = service("680.00", "TWD");
        for (String hostile : HOSTILE) {
            refusedWithoutWriting(seller, body(hostile, line(sku, 1)), 400, "customerId");
            Map<String, Object> withCall = body(seller.customerId(), line(sku, 1));
            withCall.put("callId", hostile);
            withCall.put("agentId", hostile);
            refusedWithoutWriting(seller, withCall, 400, "callId", "agentId");
            refusedWithoutWriting(seller, body(seller.customerId(), line(hostile, 1)), 400, "lines[0].sku");
            Map<String, Object> badAddress = body(seller.customerId(), line(sku, 1));
            Map<String, Object> address = address();
            address.put("postalCode", hostile);
            address.put("country", hostile);
            address.put("phone", hostile);
            badAddress.put("shippingAddress", address);
            refusedWithoutWriting(seller, badAddress, 400, "shippingAddress.postalCode", "shippingAddress.country");
        }
    }

    @Test
    void sqlAndHtmlInFreeTextAreStoredAsPlainText() {
        Seller seller = seller();
        String sku = shipped("1999.00", "TWD");
        for (String hostile : HOSTILE) {
            Map<String, Object> order = body(seller.customerId(), line(sku, 1));
            Map<String, Object> address = address();
            address.put("recipient", hostile);
            address.put("lines", List.of(hostile, hostile));
            order.put("shippingAddress", address);
            var created = seller.http().post(ORDERS, order);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String id = created.json().get("id").asString();
            assertThat(seller.http().get(ORDERS + "/" + id).json().get("shippingAddress").get("recipient").asString()).isEqualTo(hostile);
            assertThat(seller.http().get(ORDERS + "/" + id + "/read-back").json().get("text").asString()).contains(hostile);
            var cancelled = seller.http().post(ORDERS + "/" + id + "/cancel", Map.of("reason", hostile));
            assertThat(cancelled.json().get("cancellation").get("reason").asString()).isEqualTo(hostile);
        }
        assertThat(ordersOf(seller.customerId())).isEqualTo(HOSTILE.size());
    }

    @Test
    void hostileQueryParametersAndPathIdsAreClientErrors() {
        Seller seller = seller();
        for (String hostile : HOSTILE) {
            String q = URLEncoder.encode(hostile, StandardCharsets.UTF_8);
            assertProblem(seller.http().get(ORDERS + "?customerId=" + q), 400, "customerId");
            assertProblem(seller.http().get(ORDERS + "?status=" + q), 400, "status");
            assertProblem(seller.http().get(ORDERS + "?cursor=" + q), 400, "cursor");
            if (hostile.contains("/")) {
                continue; // an encoded slash in a path is refused by Tomcat itself, before any Telepay code runs
            }
            // an id that is no order is 404; one the firewall refuses to route (an encoded %) is 400
            clientError(seller.http().get(ORDERS + "/" + q));
            clientError(seller.http().get(ORDERS + "/" + q + "/read-back?lang=" + q));
            clientError(seller.http().post(ORDERS + "/" + q + "/confirm", Map.of()));
            clientError(seller.http().post(ORDERS + "/" + q + "/cancel", Map.of()));
        }
        assertProblem(seller.http().get(ORDERS + "?limit=abc"), 400, "limit");
        String id = draft(seller);
        assertProblem(seller.http().get(ORDERS + "/" + id + "/read-back?lang=" + "x".repeat(5000)), 400, "lang");
    }

    private static void clientError(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isIn(400, 404);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
    }

    @Test
    void badBodiesOnCommandsAre400AndLeaveTheOrderAsItWas() {
        Seller seller = seller();
        String sku = service("680.00", "TWD");
        String id = draft(seller, sku, 1);
        Http http = seller.http();
        assertProblem(http.postRaw(ORDERS + "/" + id + "/confirm", "application/json", "{\"callId\": 7}"), 400, "callId");
        assertProblem(http.postRaw(ORDERS + "/" + id + "/confirm", "application/json", "{\"callId\": {\"id\": 7}}"), 400, "callId");
        assertProblem(http.postRaw(ORDERS + "/" + id + "/confirm", "application/json",
                "{\"expectedTotal\": {\"amount\": 680.0, \"currency\": \"TWD\"}}"), 400, "expectedTotal.amount");
        assertProblem(http.postRaw(ORDERS + "/" + id + "/confirm", "application/json", "{\"pin\": \"1234\"}"), 400, "pin");
        assertProblem(http.postRaw(ORDERS + "/" + id + "/cancel", "application/json", "{\"reason\": [1]}"), 400, "reason");
        assertProblem(OrderSystemTest.patch(http, id, "{\"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": -3}]}"), 400, "lines[0].quantity");
        assertProblem(OrderSystemTest.patch(http, id, "{\"lines\": []}"), 400, "lines");
        assertProblem(OrderSystemTest.patch(http, id, "{\"lines\": [{\"sku\": \"NO-SUCH-SKU-9\", \"quantity\": 1}]}"), 422, "lines[0].sku");
        assertProblem(OrderSystemTest.put(http, id, "{}"), 400, "lines");
        assertProblem(OrderSystemTest.put(http, id, "[1, 2]"), 400);

        var order = http.get(ORDERS + "/" + id).json();
        assertThat(order.get("status").asString()).isEqualTo("DRAFT");
        assertThat(order.get("lines")).hasSize(1);
        assertThat(order.get("total").get("amount").asString()).isEqualTo("680.00");
        assertThat(linesOf(id)).isOne();
    }
}
