package io.telepay.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.Sales;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;

/**
 * A JSON body means one thing: a property given twice in an object, or a number sent as a string, is refused
 * with 400 naming the field, not read as whichever value the parser kept last or quietly converted.
 */
class StrictJsonSystemTest extends SystemTest {

    private static void assertNamed(Http.Response answer, String field) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("errors").get(0).get("field").asString()).as(answer.toString()).isEqualTo(field);
    }

    @Test
    void aPropertyGivenTwiceIsRefusedByName() {
        Http admin = as(Role.ADMIN);
        assertNamed(admin.postRaw("/api/v1/api-keys", "application/json",
                "{\"name\": \"harmless\", \"role\": \"AUDITOR\", \"role\": \"ADMIN\"}"), "role");
        assertThat(jdbc.sql("select count(*) from api_key where name = 'harmless'").query(Long.class).single()).isZero();

        Sales.Sale sale = new Sales(this).confirmedOrder("500.00", "TWD");
        var paid = http().header("Accept", "application/json").post("/pay/" + new Sales(this).payToken(sale),
                Sales.card("4242 4242 4242 4242", "123"));
        String refunds = "/api/v1/payments/" + paid.json().get("paymentId").asString() + "/refunds";
        assertNamed(sale.asAgent().postRaw(refunds, "application/json",
                "{\"amount\": {\"amount\": \"1.00\", \"amount\": \"400.00\", \"currency\": \"TWD\"}, \"reason\": \"dup\"}"), "amount.amount");
    }

    @Test
    void aNumberSentAsAStringIsRefusedByName() {
        Sales.Sale sale = new Sales(this).confirmedOrder("500.00", "TWD");
        assertNamed(sale.asAgent().postRaw("/api/v1/orders/" + sale.orderId() + "/payment-sessions", "application/json",
                "{\"channel\": \"LINK\", \"expiresInMinutes\": \"30\"}"), "expiresInMinutes");
        var number = sale.asAgent().postRaw("/api/v1/orders/" + sale.orderId() + "/payment-sessions", "application/json",
                "{\"channel\": \"LINK\", \"expiresInMinutes\": 30}");
        assertThat(number.status()).as(number.toString()).isEqualTo(201);
    }
}
