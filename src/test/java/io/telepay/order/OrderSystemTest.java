package io.telepay.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.telepay.identity.StaffUser;
import io.telepay.shared.Role;
import io.telepay.testing.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The order as the agent lives it: draft, change, read back, confirm, cancel; totals from the catalog. */
class OrderSystemTest extends OrderSystemTestSupport {

    @Test
    void anAgentCreatesADraftPricedByTheCatalogWithTheTotalComputedOnTheServer() {
        Seller seller = seller();
        String gift = shipped("1999.00", "TWD");
        String insurance = service("680.00", "TWD");
        Map<String, Object> body = body(seller.customerId(), line(gift.toLowerCase(), 2), line(insurance, 3));
        body.put("shippingAddress", address());

        var created = seller.http().post(ORDERS, body);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode order = created.json();
        String id = order.get("id").asString();
        assertThat(id).startsWith("ord_");
        assertThat(created.header("Location")).isEqualTo("/api/v1/orders/" + id);
        assertThat(order.get("status").asString()).isEqualTo("DRAFT");
        assertThat(order.get("customerId").asString()).isEqualTo(seller.customerId());
        assertThat(order.get("agentId").asString()).isEqualTo(seller.user().id());
        assertThat(order.get("total").get("amount").asString()).isEqualTo("6038.00");
        assertThat(order.get("total").get("currency").asString()).isEqualTo("TWD");
        JsonNode first = order.get("lines").get(0);
        assertThat(first.get("sku").asString()).isEqualTo(gift);
        assertThat(first.get("quantity").asInt()).isEqualTo(2);
        assertThat(first.get("unitPrice").get("amount").asString()).isEqualTo("1999.00");
        assertThat(first.get("lineTotal").get("amount").asString()).isEqualTo("3998.00");
        assertThat(first.get("fulfilment").asString()).isEqualTo("SHIPMENT");
        assertThat(first.get("productId").asString()).startsWith("prd_");
        assertThat(order.get("lines").get(1).get("lineTotal").get("amount").asString()).isEqualTo("2040.00");
        assertThat(order.get("shippingAddress").get("phone").asString()).isEqualTo("+886912345678");
        assertThat(order.get("shippingAddress").get("lines").get(0).asString()).isEqualTo("台北市信義區信義路五段7號12樓");
        assertThat(order.get("payments").isEmpty()).isTrue();
        assertThat(order.get("fulfilment").get("status").asString()).isEqualTo("NOT_STARTED");
        assertThat(order.has("confirmedAt")).isFalse();

        JsonNode read = seller.http().get(ORDERS + "/" + id).json();
        assertThat(read.get("total")).isEqualTo(order.get("total"));
        assertThat(read.get("lines")).isEqualTo(order.get("lines"));
        assertThat(linesOf(id)).isEqualTo(2);
        assertThat(auditEntries(id, "order.created")).isOne();
    }

    @Test
    void totalsAreExactForLargeQuantitiesAndCurrenciesWithoutMinorUnits() {
        Seller seller = seller();
        String cheap = service("0.07", "USD");
        String pricey = service("99999.99", "USD");
        var created = seller.http().post(ORDERS, body(seller.customerId(), line(cheap, 9_999), line(pricey, 10_000)));
        assertThat(created.json().get("lines").get(0).get("lineTotal").get("amount").asString()).isEqualTo("699.93");
        assertThat(created.json().get("total").get("amount").asString()).isEqualTo("1000000599.93");

        String yen = service("1500", "JPY");
        var inYen = seller.http().post(ORDERS, body(seller.customerId(), line(yen, 3)));
        assertThat(inYen.json().get("total").get("amount").asString()).isEqualTo("4500");
        assertThat(inYen.json().get("total").get("currency").asString()).isEqualTo("JPY");
    }

    @Test
    void aTotalBeyondWhatAnOrderMayHoldIs422AndStoresNothing() {
        Seller seller = seller();
        String huge = service("999999999999999.00", "USD");
        long before = ordersOf(seller.customerId());
        var refused = seller.http().post(ORDERS, body(seller.customerId(), line(huge, 10_000)));
        assertProblem(refused, 422, "lines");
        assertThat(ordersOf(seller.customerId())).isEqualTo(before);
    }

    @Test
    void unknownAndInactiveSkusAre422NamingEachLine() {
        Seller seller = seller();
        String onSale = service("680.00", "TWD");
        String retired = service("100.00", "TWD");
        String retiredId = catalog.findBySku(retired).orElseThrow().id();
        catalog.deactivate(retiredId);

        var refused = seller.http().post(ORDERS, body(seller.customerId(), line(onSale, 1), line("NO-SUCH-SKU-1", 1), line(retired, 2)));

        assertProblem(refused, 422);
        assertThat(fields(refused)).containsExactly("lines[1].sku", "lines[2].sku");
        assertThat(ordersOf(seller.customerId())).isZero();
    }

    @Test
    void mixedCurrenciesAre422NamingTheLineInAnotherCurrency() {
        Seller seller = seller();
        var refused = seller.http().post(ORDERS, body(seller.customerId(),
                line(service("680.00", "TWD"), 1), line(service("2388.00", "CNY"), 1), line(service("1.00", "TWD"), 1)));
        assertProblem(refused, 422);
        assertThat(fields(refused)).containsExactly("lines[1].sku");
        assertThat(refused.json().get("detail").asString()).contains("CNY").contains("TWD");
        assertThat(ordersOf(seller.customerId())).isZero();
    }

    @Test
    void aShippedLineNeedsAShippingAddress() {
        Seller seller = seller();
        String gift = shipped("1999.00", "TWD");
        var refused = seller.http().post(ORDERS, body(seller.customerId(), line(service("10.00", "TWD"), 1), line(gift, 1)));
        assertProblem(refused, 422, "shippingAddress");
        assertThat(refused.json().get("detail").asString()).contains(gift);

        Map<String, Object> badPhone = body(seller.customerId(), line(gift, 1));
        Map<String, Object> address = address();
        address.put("phone", "12345");
        badPhone.put("shippingAddress", address);
        assertProblem(seller.http().post(ORDERS, badPhone), 400, "shippingAddress.phone");

        Map<String, Object> noCountry = body(seller.customerId(), line(gift, 1));
        Map<String, Object> incomplete = address();
        incomplete.remove("country");
        incomplete.remove("recipient");
        noCountry.put("shippingAddress", incomplete);
        assertThat(fields(seller.http().post(ORDERS, noCountry)))
                .containsExactlyInAnyOrder("shippingAddress.country", "shippingAddress.recipient");
        assertThat(ordersOf(seller.customerId())).isZero();
    }

    @Test
    void aServiceOnlyOrderNeedsNoAddress() {
        Seller seller = seller();
        var created = seller.http().post(ORDERS, body(seller.customerId(), line(service("2388.00", "CNY"), 1)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().has("shippingAddress")).isFalse();
    }

    @Test
    void anUnknownCustomerOrOneOutOfReachIs404NamingNothing() {
        Seller seller = seller();
        Seller other = seller();
        String sku = service("680.00", "TWD");
        for (String customer : List.of("cus_doesnotexist", other.customerId())) {
            var refused = seller.http().post(ORDERS, body(customer, line(sku, 1)));
            assertProblem(refused, 404);
            assertThat(fields(refused)).isEmpty();
        }
        assertThat(ordersOf(other.customerId())).isZero();
    }

    @Test
    void aDraftsLinesAndAddressCanBeChangedAndAreRepriced() {
        Seller seller = seller();
        String insurance = service("680.00", "TWD");
        String gift = shipped("1999.00", "TWD");
        String id = draft(seller, insurance, 1);

        var withoutAddress = seller.http().send(seller.http().request(ORDERS + "/" + id + "/lines")
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"lines\": [{\"sku\": \"" + gift + "\", \"quantity\": 2}]}")));
        assertProblem(withoutAddress, 422, "shippingAddress");
        assertThat(status(id)).isEqualTo("DRAFT");
        assertThat(seller.http().get(ORDERS + "/" + id).json().get("total").get("amount").asString()).isEqualTo("680.00");

        Map<String, Object> change = Map.of("lines", List.of(line(gift, 2), line(insurance, 1)), "shippingAddress", address());
        var changed = patch(seller.http(), id, change);
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("total").get("amount").asString()).isEqualTo("4678.00");
        assertThat(changed.json().get("lines")).hasSize(2);
        assertThat(linesOf(id)).isEqualTo(2);

        var replaced = put(seller.http(), id, Map.of("lines", List.of(line(insurance, 4))));
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.json().get("total").get("amount").asString()).isEqualTo("2720.00");
        assertThat(replaced.json().get("shippingAddress").get("recipient").asString()).isEqualTo("林淑芬");
        assertThat(linesOf(id)).isOne();
        assertThat(auditEntries(id, "order.changed")).isEqualTo(2);

        assertProblem(patch(seller.http(), id, Map.of()), 400, "lines");
    }

    @Test
    void confirmingRecordsWhoWhenTheReadBackAndTellsTheCustomerModule() {
        Seller seller = seller();
        String id = draft(seller, service("1999.00", "TWD"), 2);
        int ordersBefore = seller.http().get("/api/v1/customers/" + seller.customerId()).json().get("orderCount").asInt();

        var confirmed = seller.http().header("Accept-Language", "zh-TW,zh;q=0.9").post(ORDERS + "/" + id + "/confirm", Map.of());

        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        JsonNode order = confirmed.json();
        assertThat(order.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(order.get("confirmedAt").asString()).isNotBlank();
        JsonNode confirmation = order.get("confirmation");
        assertThat(confirmation.get("confirmedBy").asString()).isEqualTo(seller.user().id());
        assertThat(confirmation.get("language").asString()).isEqualTo("zh-TW");
        assertThat(confirmation.get("readBack").asString()).contains("× 2", "NT$3,998", "請問您確認訂購嗎？");
        assertThat(seller.http().get("/api/v1/customers/" + seller.customerId()).json().get("orderCount").asInt())
                .isEqualTo(ordersBefore + 1);
        assertThat(auditEntries(id, "order.confirmed")).isOne();
        assertThat(orders.read(id).readBack()).isEqualTo(confirmation.get("readBack").asString());
    }

    @Test
    void aConfirmedOrdersLinesAndTotalCanNoLongerChange() {
        Seller seller = seller();
        String sku = service("680.00", "TWD");
        String id = confirmedWith(seller, sku);

        var change = patch(seller.http(), id, Map.of("lines", List.of(line(sku, 5))));
        assertProblem(change, 409);
        assertThat(change.json().get("orderStatus").asString()).isEqualTo("CONFIRMED");
        assertThat(change.json().get("command").asString()).isEqualTo("CHANGE_LINES");
        assertProblem(put(seller.http(), id, Map.of("lines", List.of(line(sku, 5)))), 409);
        var again = seller.http().post(ORDERS + "/" + id + "/confirm", Map.of());
        assertProblem(again, 409);
        assertThat(again.json().get("detail").asString()).contains("CONFIRMED").contains("CONFIRM");

        JsonNode order = seller.http().get(ORDERS + "/" + id).json();
        assertThat(order.get("total").get("amount").asString()).isEqualTo("680.00");
        assertThat(order.get("lines").get(0).get("quantity").asInt()).isEqualTo(1);
    }

    @Test
    void confirmingWithATotalThatIsNoLongerTheOrdersIs409() {
        Seller seller = seller();
        String id = draft(seller, service("680.00", "TWD"), 1);
        var stale = seller.http().post(ORDERS + "/" + id + "/confirm",
                Map.of("expectedTotal", Map.of("amount", "1360.00", "currency", "TWD")));
        assertProblem(stale, 409);
        assertThat(stale.json().get("type").asString()).endsWith("order-total-changed");
        assertThat(status(id)).isEqualTo("DRAFT");

        var matching = seller.http().post(ORDERS + "/" + id + "/confirm",
                Map.of("expectedTotal", Map.of("amount", "680.00", "currency", "TWD")));
        assertThat(matching.status()).as(matching.toString()).isEqualTo(200);
    }

    @Test
    void aProductTakenOffSaleAfterTheDraftCannotBeConfirmed() {
        Seller seller = seller();
        String sku = service("680.00", "TWD");
        String id = draft(seller, sku, 1);
        catalog.deactivate(catalog.findBySku(sku).orElseThrow().id());
        assertProblem(seller.http().post(ORDERS + "/" + id + "/confirm", Map.of()), 422, "lines[0].sku");
        assertThat(status(id)).isEqualTo("DRAFT");
    }

    @Test
    void draftsAndConfirmedOrdersCanBeCancelledWithAReasonPaidOnesCannot() {
        Seller seller = seller();
        String draft = draft(seller);
        var cancelled = seller.http().post(ORDERS + "/" + draft + "/cancel", Map.of("reason", "客戶改變主意"));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.json().get("cancellation").get("reason").asString()).isEqualTo("客戶改變主意");
        assertThat(cancelled.json().get("cancellation").get("cancelledBy").asString()).isEqualTo(seller.user().id());

        String confirmed = confirmed(seller);
        assertThat(seller.http().method("POST", ORDERS + "/" + confirmed + "/cancel").status()).isEqualTo(200);
        assertThat(status(confirmed)).isEqualTo("CANCELLED");

        String paid = confirmed(seller);
        orders.markPaid(paid, "pay_test_" + paid);
        var refused = seller.http().post(ORDERS + "/" + paid + "/cancel", Map.of());
        assertProblem(refused, 409);
        assertThat(refused.json().get("orderStatus").asString()).isEqualTo("PAID");
        assertThat(refused.json().get("command").asString()).isEqualTo("CANCEL");
        assertThat(auditEntries(draft, "order.cancelled")).isOne();
    }

    @Test
    void theReadBackSpeaksTheLanguageAskedFor() {
        Seller seller = seller();
        String id = draft(seller, service("1999.00", "TWD"), 1);
        String path = ORDERS + "/" + id + "/read-back";

        JsonNode traditional = seller.http().get(path + "?lang=zh-TW").json();
        assertThat(traditional.get("language").asString()).isEqualTo("zh-TW");
        assertThat(traditional.get("totalText").asString()).isEqualTo("NT$1,999");
        assertThat(traditional.get("text").asString()).contains("總金額：NT$1,999");

        JsonNode byHeader = seller.http().header("Accept-Language", "zh-CN,zh;q=0.9").get(path).json();
        assertThat(byHeader.get("language").asString()).isEqualTo("zh-CN");
        assertThat(byHeader.get("text").asString()).contains("总金额：NT$1,999");

        JsonNode english = seller.http().get(path).json();
        assertThat(english.get("language").asString()).isEqualTo("en");
        assertThat(english.get("text").asString()).contains("Total: NT$1,999.");
        assertThat(english.get("lines").get(0).get("quantity").asInt()).isEqualTo(1);

        assertProblem(seller.http().get(path + "?lang=ja"), 400, "lang");
    }

    @Test
    void ordersAreListedNewestFirstByCustomerAndStatusAcrossPages() {
        Seller seller = seller();
        String first = draft(seller);
        String second = confirmed(seller);
        String third = draft(seller);
        String otherCustomer = customerOf(seller.http());
        seller.http().post(ORDERS, body(otherCustomer, line(service("1.00", "TWD"), 1)));

        JsonNode all = seller.http().get(ORDERS + "?customerId=" + seller.customerId()).json();
        assertThat(all.get("items").valueStream().map(o -> o.get("id").asString()).toList()).containsExactly(third, second, first);
        assertThat(all.get("items").get(0).get("lines")).hasSize(1);
        assertThat(all.get("items").get(0).has("payments")).isFalse();

        JsonNode drafts = seller.http().get(ORDERS + "?customerId=" + seller.customerId() + "&status=draft").json();
        assertThat(drafts.get("items").valueStream().map(o -> o.get("id").asString()).toList()).containsExactly(third, first);

        JsonNode page1 = seller.http().get(ORDERS + "?customerId=" + seller.customerId() + "&limit=2").json();
        assertThat(page1.get("items")).hasSize(2);
        String cursor = page1.get("nextCursor").asString();
        JsonNode page2 = seller.http().get(ORDERS + "?customerId=" + seller.customerId() + "&limit=2&cursor=" + cursor).json();
        assertThat(page2.get("items").valueStream().map(o -> o.get("id").asString()).toList()).containsExactly(first);

        assertThat(seller.http().get(ORDERS).json().get("items")).hasSize(4);
        assertProblem(seller.http().get(ORDERS + "?status=SHIPPED"), 400, "status");
        assertProblem(seller.http().get(ORDERS + "?cursor=garbage"), 400, "cursor");
        assertProblem(seller.http().get(ORDERS + "?limit=0"), 400, "limit");
    }

    @Test
    void aSupervisorMayTakeAnOrderForAnAgentOfTheirTeamOnly() {
        String team = team();
        Seller seller = seller(team);
        StaffUser supervisor = newUser(Role.SUPERVISOR, team);
        StaffUser stranger = newUser(Role.AGENT, team());
        String sku = service("680.00", "TWD");
        Http boss = as(supervisor);

        Map<String, Object> forAgent = body(seller.customerId(), line(sku, 1));
        forAgent.put("agentId", seller.user().id());
        var created = boss.post(ORDERS, forAgent);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("agentId").asString()).isEqualTo(seller.user().id());
        assertThat(seller.http().get(ORDERS + "/" + created.json().get("id").asString()).status()).isEqualTo(200);

        Map<String, Object> forStranger = body(seller.customerId(), line(sku, 1));
        forStranger.put("agentId", stranger.id());
        assertProblem(boss.post(ORDERS, forStranger), 422, "agentId");

        Map<String, Object> agentNamingAnother = body(seller.customerId(), line(sku, 1));
        agentNamingAnother.put("agentId", stranger.id());
        assertProblem(seller.http().post(ORDERS, agentNamingAnother), 422, "agentId");
        assertThat(ordersOf(seller.customerId())).isOne();
    }

    private String confirmedWith(Seller seller, String sku) {
        String id = draft(seller, sku, 1);
        assertThat(seller.http().post(ORDERS + "/" + id + "/confirm", Map.of()).status()).isEqualTo(200);
        return id;
    }

    static Http.Response patch(Http http, String id, Object body) {
        return http.send(http.request(ORDERS + "/" + id).header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(json(body))));
    }

    static Http.Response put(Http http, String id, Object body) {
        return http.send(http.request(ORDERS + "/" + id + "/lines").header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json(body))));
    }

    static String json(Object body) {
        return body instanceof String s ? s : tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(body);
    }
}
