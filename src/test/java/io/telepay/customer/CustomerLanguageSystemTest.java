package io.telepay.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.telepay.identity.StaffUser;
import io.telepay.shared.Ids;
import io.telepay.shared.Role;
import io.telepay.testing.ConsoleSession;
import io.telepay.testing.Http;
import io.telepay.testing.Sales;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: messages to a customer are in the language they chose; without a choice, 简体 for a +86 number and
 * 繁體 for everyone else. The choice is given and changed through the customer API, and cleared with "".
 */
class CustomerLanguageSystemTest extends SystemTest {

    private final Sales sales = new Sales(this);

    /** The pay link's SMS for a new order of this customer. */
    private String payLinkSms(Http agent, String customerId, String sku) {
        String order = agent.post("/api/v1/orders", Map.of("customerId", customerId, "lines", List.of(Map.of("sku", sku, "quantity", 1))))
                .json().get("id").asString();
        agent.post("/api/v1/orders/" + order + "/confirm", Map.of());
        String session = agent.post("/api/v1/orders/" + order + "/payment-sessions", Map.of("channel", "LINK", "sendTo", "SMS"))
                .json().get("id").asString();
        return jdbc.sql("select body from notify_message where purpose = 'PAY_LINK' and reference = :s")
                .param("s", session).query(String.class).single();
    }

    @Test
    void payLinksAreWrittenInTheLanguageTheCustomerChose() {
        StaffUser seller = newUser(Role.AGENT);
        Http agent = as(seller);
        String sku = sales.product("880.00", "TWD");
        var created = agent.post("/api/v1/customers", Map.of("name", "王芳", "phone", CustomerFixtures.mainlandMobile(), "language", "zh-TW",
                "email", "wang." + Ids.randomToken(4) + "@example.cn"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("language").asString()).isEqualTo("zh-TW");
        String customer = created.json().get("id").asString();
        assertThat(payLinkSms(agent, customer, sku)).as("繁體 as chosen, though the number is +86")
                .contains("您的訂單應付").contains("We never ask");

        assertThat(agent.patch("/api/v1/customers/" + customer, Map.of("language", "")).json().has("language"))
                .as("the choice cleared").isFalse();
        assertThat(payLinkSms(agent, customer, sku)).as("no choice: 简体 for +86").contains("您的订单应付");

        agent.patch("/api/v1/customers/" + customer, Map.of("language", "en"));
        assertThat(payLinkSms(agent, customer, sku)).as("English once").contains(": pay NT$880")
                .doesNotContain("您的").containsOnlyOnce("We never ask");
        assertThat(signedIn(seller).http().header("Accept-Language", "zh-TW").get("/console/desk?customer=" + customer).body())
                .as("the agent sees the choice").contains("訊息語言：英文");
    }

    @Test
    void theAgentSetsTheLanguageOnTheDesk() {
        StaffUser seller = newUser(Role.AGENT);
        String customer = as(seller).post("/api/v1/customers", Map.of("name", "王芳", "phone", CustomerFixtures.mainlandMobile()))
                .json().get("id").asString();
        ConsoleSession desk = signedIn(seller);
        String page = "/console/desk?customer=" + customer;
        assertThat(desk.http().get(page).body()).contains("data-testid=\"language-form\"").doesNotContain("data-testid=\"customer-language\"");

        assertThat(desk.submit(page, "/console/desk/customers/" + customer + "/language", Map.of("language", "zh-TW")).status())
                .isEqualTo(302);
        assertThat(language(customer)).isEqualTo("zh-TW");
        assertThat(desk.http().get(page).body()).contains("Messages in 繁體中文").contains("<option value=\"zh-TW\" selected=\"selected\"");

        var refused = desk.submit(page, "/console/desk/customers/" + customer + "/language", Map.of("language", "fr"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("must be zh-TW, zh-CN or en");
        assertThat(language(customer)).as("nothing changed").isEqualTo("zh-TW");

        desk.submit(page, "/console/desk/customers/" + customer + "/language", Map.of("language", ""));
        assertThat(language(customer)).as("back to country and phone").isNull();
    }

    private String language(String customerId) {
        return jdbc.sql("select language from customer where id = :id").param("id", customerId).query(String.class).optional().orElse(null);
    }

    @Test
    void aLanguageTelepayDoesNotWriteInIsRefusedNamingTheField() {
        Http agent = as(newUser(Role.AGENT));
        var refused = agent.post("/api/v1/customers", Map.of("name", "王芳", "phone", CustomerFixtures.mainlandMobile(), "language", "fr"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("language");
        assertThat(refused.body()).contains("must be zh-TW, zh-CN or en");
    }
}
