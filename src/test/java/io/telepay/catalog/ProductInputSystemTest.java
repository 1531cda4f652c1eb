package io.telepay.catalog;

import static io.telepay.catalog.ProductSystemTest.patch;
import static io.telepay.catalog.ProductSystemTest.product;
import static io.telepay.catalog.ProductSystemTest.sku;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;

/** Bad input to the catalog: a 4xx naming the field, never a 5xx, never a half-written product. */
class ProductInputSystemTest extends SystemTest {

    private static final String PRODUCTS = "/api/v1/products";

    private static List<String> fields(Http.Response response) {
        assertThat(response.contentType()).startsWith("application/problem+json");
        return response.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList();
    }

    private Http.Response createRaw(String json) {
        return as(Role.ADMIN).postRaw(PRODUCTS, "application/json", json);
    }

    private long productsWithSku(String sku) {
        return jdbc.sql("select count(*) from product where sku = :sku").param("sku", sku).query(Long.class).single();
    }

    @Test
    void aPriceAsAJsonNumberIs400NamingTheAmount() {
        String sku = sku();
        var response = createRaw("""
                {"sku": "%s", "name": "x", "price": {"amount": 199.99, "currency": "TWD"}, "fulfilment": "SHIPMENT"}""".formatted(sku));
        assertThat(response.status()).isEqualTo(400);
        assertThat(fields(response)).containsExactly("price.amount");
        assertThat(productsWithSku(sku)).isZero();
    }

    @Test
    void aNegativePriceIs400NamingTheAmount() {
        var response = as(Role.ADMIN).post(PRODUCTS, product(sku(), "x", "-1.00", "TWD", "SHIPMENT"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(fields(response)).containsExactly("price.amount");
    }

    @Test
    void moreDecimalsThanTheCurrencyHasIs400() {
        assertThat(fields(as(Role.ADMIN).post(PRODUCTS, product(sku(), "x", "1500.5", "JPY", "SHIPMENT")))).containsExactly("price.amount");
        assertThat(fields(as(Role.ADMIN).post(PRODUCTS, product(sku(), "x", "199.999", "TWD", "SHIPMENT")))).containsExactly("price.amount");
        assertThat(fields(as(Role.ADMIN).post(PRODUCTS, product(sku(), "x", "1e5", "USD", "SHIPMENT")))).containsExactly("price.amount");
    }

    @Test
    void anUnknownCurrencyIs400NamingIt() {
        assertThat(fields(as(Role.ADMIN).post(PRODUCTS, product(sku(), "x", "10.00", "XYZ", "SHIPMENT")))).containsExactly("price.currency");
        assertThat(fields(as(Role.ADMIN).post(PRODUCTS, product(sku(), "x", "10.00", "twd", "SHIPMENT")))).containsExactly("price.currency");
        assertThat(fields(as(Role.ADMIN).post(PRODUCTS, product(sku(), "x", "10.00", "XAU", "SHIPMENT")))).containsExactly("price.currency");
    }

    @Test
    void missingFieldsAreAllNamed() {
        var response = createRaw("{}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(fields(response)).containsExactlyInAnyOrder("sku", "name", "price", "fulfilment");
    }

    @Test
    void anUnknownFulfilmentOrAWrongTypeIs400NamingTheField() {
        assertThat(fields(as(Role.ADMIN).post(PRODUCTS, product(sku(), "x", "10.00", "USD", "TELEPORT")))).containsExactly("fulfilment");
        assertThat(fields(createRaw("{\"sku\": [1], \"name\": \"x\"}"))).containsExactly("sku");
        assertThat(fields(createRaw("{\"sku\": \"ABC-1\", \"name\": \"x\", \"price\": \"199.00\", \"fulfilment\": \"SERVICE\"}")))
                .containsExactly("price");
        assertThat(fields(createRaw("{\"sku\": \"ABC-1\", \"name\": \"x\", \"active\": \"yes\"}"))).containsExactly("active");
    }

    @Test
    void anUnknownFieldIsRefusedByName() {
        var response = as(Role.ADMIN).post(PRODUCTS, Map.of("sku", sku(), "name", "x", "stock", 5));
        assertThat(fields(response)).containsExactly("stock");
    }

    @Test
    void aBadSkuOrAHugeNameIs400() {
        assertThat(fields(as(Role.ADMIN).post(PRODUCTS, product("保健 01", "x", "10.00", "USD", "SHIPMENT")))).containsExactly("sku");
        String sku = sku();
        assertThat(fields(as(Role.ADMIN).post(PRODUCTS, product(sku, "名".repeat(100_000), "10.00", "USD", "SHIPMENT"))))
                .containsExactly("name");
        assertThat(productsWithSku(sku)).isZero();
    }

    @Test
    void sqlAndHtmlInTextFieldsAreStoredAsPlainText() {
        String sku = sku();
        String name = "<script>alert('x')</script>'; drop table product; --";
        Map<String, Object> body = product(sku, name, "10.00", "USD", "SERVICE");
        body.put("description", "<img src=x onerror=alert(1)> \" OR 1=1 --");
        var response = as(Role.ADMIN).post(PRODUCTS, body);
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("name").asString()).isEqualTo(name);
        assertThat(as(Role.AGENT).get(PRODUCTS + "?q=" + java.net.URLEncoder.encode("' or 1=1 --", java.nio.charset.StandardCharsets.UTF_8))
                .status()).isEqualTo(200);
        assertThat(productsWithSku(sku)).isOne();
    }

    @Test
    void aScriptThatAsksForASecretIs422NamingTheScriptAndStoresNothing() {
        String sku = sku();
        Map<String, Object> body = product(sku, "保健食品禮盒", "1999.00", "TWD", "SHIPMENT");
        body.put("script", "您好，為了確認身分，請提供您收到的簡訊驗證碼。");
        var response = as(Role.ADMIN).post(PRODUCTS, body);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("type").asString()).endsWith("script-asks-for-secret");
        assertThat(fields(response)).containsExactly("script");
        assertThat(response.json().get("detail").asString()).contains("one-time code");
        assertThat(productsWithSku(sku)).isZero();
    }

    @Test
    void aScriptHoldingACardNumberIs422AndDoesNotEchoIt() {
        Map<String, Object> body = product(sku(), "x", "10.00", "USD", "SERVICE");
        body.put("script", "Test with card 4242 4242 4242 4242 please.");
        var response = as(Role.ADMIN).post(PRODUCTS, body);
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body()).doesNotContain("4242 4242");
    }

    @Test
    void aScriptWithTheUsualSafetyWarningIsAccepted() {
        Map<String, Object> body = product(sku(), "英语线上课程", "2388.00", "CNY", "SERVICE");
        body.put("script", "付款链接会发送到您的手机，请自行输入银行卡信息。我们绝不会向您索取密码或短信验证码。");
        assertThat(as(Role.SUPERVISOR).post(PRODUCTS, body).status()).isEqualTo(201);
    }

    @Test
    void aPatchCannotChangeTheSkuOrSneakInABadScript() {
        Http admin = as(Role.ADMIN);
        String id = admin.post(PRODUCTS, product(sku(), "x", "10.00", "USD", "SERVICE")).json().get("id").asString();

        assertThat(fields(patch(admin, id, "{\"sku\": \"OTHER\"}"))).containsExactly("sku");
        var badScript = patch(admin, id, "{\"name\": \"renamed\", \"script\": \"Please tell me your PIN to continue.\"}");
        assertThat(badScript.status()).isEqualTo(422);
        assertThat(admin.get(PRODUCTS + "/" + id).json().get("name").asString()).isEqualTo("x");
        assertThat(fields(patch(admin, id, "{\"price\": {\"amount\": 5, \"currency\": \"USD\"}}"))).containsExactly("price.amount");
        assertThat(patch(admin, id, "not json").status()).isEqualTo(400);
    }

    @Test
    void badListParametersAre400NamingThem() {
        Http agent = as(Role.AGENT);
        assertThat(fields(agent.get(PRODUCTS + "?active=maybe"))).containsExactly("active");
        assertThat(fields(agent.get(PRODUCTS + "?limit=0"))).containsExactly("limit");
        assertThat(fields(agent.get(PRODUCTS + "?q=" + "x".repeat(201)))).containsExactly("q");
    }
}
