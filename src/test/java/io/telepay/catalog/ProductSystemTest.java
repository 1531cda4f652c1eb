package io.telepay.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.telepay.shared.Ids;
import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The catalog over HTTP: who may do what, what is stored, what is audited. */
class ProductSystemTest extends SystemTest {

    private static final String PRODUCTS = "/api/v1/products";

    @Autowired
    Catalog catalog;

    static String sku() {
        return "T-" + Ids.randomToken(5).toUpperCase();
    }

    static Map<String, Object> product(String sku, String name, String amount, String currency, String fulfilment) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sku", sku);
        body.put("name", name);
        body.put("price", Map.of("amount", amount, "currency", currency));
        body.put("fulfilment", fulfilment);
        return body;
    }

    private Http.Response create(Http client, String sku) {
        return client.post(PRODUCTS, product(sku, "保健食品禮盒", "1999.00", "TWD", "SHIPMENT"));
    }

    @Test
    void aSupervisorCreatesAProductThatEveryStaffRoleCanRead() {
        String sku = sku();
        var created = as(Role.SUPERVISOR).post(PRODUCTS, product(sku.toLowerCase(), "保健食品禮盒", "1999.00", "TWD", "SHIPMENT"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var json = created.json();
        String id = json.get("id").asString();
        assertThat(id).startsWith("prd_");
        assertThat(created.header("Location")).isEqualTo("/api/v1/products/" + id);
        assertThat(json.get("sku").asString()).isEqualTo(sku);
        assertThat(json.get("price").get("amount").asString()).isEqualTo("1999.00");
        assertThat(json.get("price").get("currency").asString()).isEqualTo("TWD");
        assertThat(json.get("fulfilment").asString()).isEqualTo("SHIPMENT");
        assertThat(json.get("active").asBoolean()).isTrue();

        for (Role reader : Role.values()) {
            var read = as(reader).get(PRODUCTS + "/" + id);
            if (reader == Role.TELEPHONY) {
                // the keypad bridge reaches the keypad endpoints only (issue 17)
                assertThat(read.status()).as(reader.name()).isEqualTo(403);
                continue;
            }
            assertThat(read.status()).as(reader.name()).isEqualTo(200);
            assertThat(read.json().get("sku").asString()).isEqualTo(sku);
        }
    }

    @Test
    void anAdminCreatesAJpyProductWithoutMinorUnits() {
        var created = as(Role.ADMIN).post(PRODUCTS, product(sku(), "抹茶禮盒", "3500", "JPY", "SHIPMENT"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("price").get("amount").asString()).isEqualTo("3500");
    }

    @Test
    void onlyAdminsAndSupervisorsCreateAndChangeProducts() {
        String id = create(as(Role.ADMIN), sku()).json().get("id").asString();
        for (Role role : List.of(Role.AGENT, Role.RISK_ANALYST, Role.AUDITOR, Role.TELEPHONY)) {
            Http client = as(role);
            assertThat(create(client, sku()).status()).as(role.name()).isEqualTo(403);
            assertThat(client.send(client.request(PRODUCTS + "/" + id).header("Content-Type", "application/json")
                    .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\": \"x\"}"))).status())
                    .as(role.name()).isEqualTo(403);
            assertThat(client.post(PRODUCTS + "/" + id + "/deactivate", "").status()).as(role.name()).isEqualTo(403);
        }
        assertThat(http().get(PRODUCTS).status()).isEqualTo(401);
        assertThat(catalog.get(id).name()).isEqualTo("保健食品禮盒");
    }

    @Test
    void aTakenSkuIs409WhateverItsCase() {
        String sku = sku();
        assertThat(create(as(Role.ADMIN), sku).status()).isEqualTo(201);
        var duplicate = create(as(Role.SUPERVISOR), sku.toLowerCase());
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("detail").asString()).contains(sku);
    }

    @Test
    void listsByActiveFlagAndSearchInSkuAndNameAPageAtATime() {
        String tag = Ids.randomToken(6);
        Http admin = as(Role.ADMIN);
        for (int i = 0; i < 5; i++) {
            admin.post(PRODUCTS, product("L" + tag.toUpperCase() + "-" + i, "英語線上課程 " + tag + " #" + i, "2388.00", "CNY", "SERVICE"));
        }
        String inactiveId = catalog.findBySku("L" + tag.toUpperCase() + "-4").orElseThrow().id();
        admin.post(PRODUCTS + "/" + inactiveId + "/deactivate", "");

        Http agent = as(Role.AGENT);
        var all = agent.get(PRODUCTS + "?q=" + tag);
        assertThat(all.json().get("items").size()).isEqualTo(5);
        var active = agent.get(PRODUCTS + "?active=true&q=" + tag.toUpperCase());
        assertThat(active.json().get("items").valueStream().map(p -> p.get("sku").asString()).toList())
                .containsExactly("L" + tag.toUpperCase() + "-0", "L" + tag.toUpperCase() + "-1", "L" + tag.toUpperCase() + "-2",
                        "L" + tag.toUpperCase() + "-3");
        assertThat(agent.get(PRODUCTS + "?active=false&q=" + tag).json().get("items").size()).isEqualTo(1);

        var firstPage = agent.get(PRODUCTS + "?limit=2&q=" + tag).json();
        assertThat(firstPage.get("items").size()).isEqualTo(2);
        String cursor = firstPage.get("nextCursor").asString();
        var secondPage = agent.get(PRODUCTS + "?limit=2&q=" + tag + "&cursor=" + cursor).json();
        assertThat(secondPage.get("items").get(0).get("sku").asString()).isEqualTo("L" + tag.toUpperCase() + "-2");
        var lastPage = agent.get(PRODUCTS + "?limit=2&q=" + tag + "&cursor=" + secondPage.get("nextCursor").asString()).json();
        assertThat(lastPage.get("items").size()).isEqualTo(1);
        assertThat(lastPage.has("nextCursor")).isFalse();
    }

    @Test
    void searchTreatsWildcardsAsPlainText() {
        String tag = Ids.randomToken(6);
        as(Role.ADMIN).post(PRODUCTS, product(sku(), "100% 純棉毛巾 " + tag, "299.00", "TWD", "SHIPMENT"));
        as(Role.ADMIN).post(PRODUCTS, product(sku(), "100 純棉毛巾 " + tag, "299.00", "TWD", "SHIPMENT"));
        var found = as(Role.AGENT).get(PRODUCTS + "?q=" + java.net.URLEncoder.encode("100% 純棉毛巾 " + tag, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(found.json().get("items").size()).isEqualTo(1);
    }

    @Test
    void aPatchChangesOnlyTheFieldsItHoldsAndIsAudited() {
        Http supervisor = as(Role.SUPERVISOR);
        String id = create(supervisor, sku()).json().get("id").asString();

        var changed = patch(supervisor, id, """
                {"name": "保健食品禮盒（升級版）", "description": "葉黃素＋魚油＋益生菌", "price": {"amount": "2199.00", "currency": "TWD"},
                 "script": "您好，這次為您介紹升級版保健禮盒，特價 2,199 元。"}""");

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        Product product = catalog.get(id);
        assertThat(product.name()).isEqualTo("保健食品禮盒（升級版）");
        assertThat(product.description()).isEqualTo("葉黃素＋魚油＋益生菌");
        assertThat(product.price().amount()).isEqualByComparingTo("2199.00");
        assertThat(product.fulfilment()).isEqualTo(Fulfilment.SHIPMENT);
        assertThat(product.script()).startsWith("您好");
        assertThat(product.updatedAt()).isAfterOrEqualTo(product.createdAt());

        patch(supervisor, id, "{\"description\": \"\"}");
        assertThat(catalog.get(id).description()).isNull();
        assertThat(catalog.get(id).name()).isEqualTo("保健食品禮盒（升級版）");

        assertThat(auditActions(id)).containsExactly("product.created", "product.changed", "product.changed");
        String details = jdbc.sql("select details from audit_entry where subject = :id and action = 'product.changed' order by seq limit 1")
                .param("id", id).query(String.class).single();
        assertThat(details).contains("1999.00 TWD").contains("2199.00 TWD");
    }

    @Test
    void aPatchThatChangesNothingRecordsNothing() {
        Http admin = as(Role.ADMIN);
        String id = create(admin, sku()).json().get("id").asString();
        assertThat(patch(admin, id, "{}").status()).isEqualTo(200);
        assertThat(patch(admin, id, "{\"name\": \"保健食品禮盒\"}").status()).isEqualTo(200);
        assertThat(auditActions(id)).containsExactly("product.created");
    }

    @Test
    void aDeactivatedProductCannotBeOrderedUntilActivatedAgain() {
        Http admin = as(Role.ADMIN);
        String sku = sku();
        String id = create(admin, sku).json().get("id").asString();
        assertThat(catalog.findActiveBySku(sku.toLowerCase())).map(Product::id).contains(id);

        var deactivated = admin.post(PRODUCTS + "/" + id + "/deactivate", "");
        assertThat(deactivated.json().get("active").asBoolean()).isFalse();
        assertThat(catalog.findActiveBySku(sku)).isEmpty();
        assertThat(catalog.findBySku(sku)).isPresent();
        assertThat(admin.post(PRODUCTS + "/" + id + "/deactivate", "").status()).isEqualTo(200);

        admin.post(PRODUCTS + "/" + id + "/activate", "");
        assertThat(catalog.findActiveBySku(sku)).isPresent();
        patch(admin, id, "{\"active\": false}");
        assertThat(catalog.findActiveBySku(sku)).isEmpty();
        assertThat(auditActions(id)).containsExactly("product.created", "product.deactivated", "product.activated", "product.changed");
    }

    @Test
    void manySkusAreLookedUpInOneCallAndOnlyOrderableOnesComeBack() {
        Http admin = as(Role.ADMIN);
        String a = sku();
        String b = sku();
        String gone = sku();
        create(admin, a);
        create(admin, b);
        String goneId = create(admin, gone).json().get("id").asString();
        admin.post(PRODUCTS + "/" + goneId + "/deactivate", "");

        var found = catalog.findActiveBySkus(List.of(a.toLowerCase(), b, gone, "NO-SUCH-SKU", " "));

        assertThat(found.keySet()).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void unknownIdsAre404() {
        Http admin = as(Role.ADMIN);
        assertThat(admin.get(PRODUCTS + "/prd_nosuchproduct").status()).isEqualTo(404);
        assertThat(patch(admin, "prd_nosuchproduct", "{\"name\": \"x\"}").status()).isEqualTo(404);
        assertThat(admin.post(PRODUCTS + "/prd_nosuchproduct/deactivate", "").status()).isEqualTo(404);
        assertThat(catalog.findActiveBySku("NO-SUCH-SKU")).isEmpty();
    }

    @Test
    void creationWithAnIdempotencyKeyHappensOnce() {
        Http admin = as(Role.ADMIN).header("Idempotency-Key", "create-" + Ids.randomToken(6));
        String sku = sku();
        var first = create(admin, sku);
        var retry = create(admin, sku);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    }

    static Http.Response patch(Http client, String id, String json) {
        return client.send(client.request(PRODUCTS + "/" + id).header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(json)));
    }

    private List<String> auditActions(String id) {
        return jdbc.sql("select action from audit_entry where subject = :id order by seq").param("id", id)
                .query(String.class).list();
    }
}
