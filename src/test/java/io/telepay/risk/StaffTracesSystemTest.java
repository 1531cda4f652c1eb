package io.telepay.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.telepay.customer.CustomerFixtures;
import io.telepay.identity.StaffSeen;
import io.telepay.identity.StaffUser;
import io.telepay.shared.Ids;
import io.telepay.shared.Money;
import io.telepay.shared.Role;
import io.telepay.testing.ConsoleSession;
import io.telepay.testing.Http;
import io.telepay.testing.RiskRulesInShadow;
import io.telepay.testing.Sales;
import io.telepay.testing.SystemTest;
import io.telepay.testing.TestCards;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17, the harvesting hole, done exactly as the tester described it: the agent changes the customer's phone to
 * one they hold, sends the pay link to it, and types a card read to them over the phone into the hosted page from
 * their own console browser. The payment is blocked with reasons, and the alerts name the agent.
 */
class StaffTracesSystemTest extends SystemTest {

    @Autowired
    RiskEngine engine;

    @Autowired
    RiskAlerts alerts;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    RiskRulesInShadow shadow;

    private final Sales sales = new Sales(this);

    private static final List<String> RULES = List.of("rul_pay_page_staff_device", "rul_pay_page_staff_network", "rul_phone_changed_before_link");

    @BeforeEach
    void activateTheRules() {
        RULES.forEach(rule -> shadow.mode(rule, "ACTIVE"));
    }

    @AfterEach
    void shadowThemAgain() {
        RULES.forEach(rule -> shadow.mode(rule, "SHADOW"));
    }

    @Test
    void anAgentWhoRedirectsTheLinkToTheirOwnPhoneAndPaysFromTheirConsoleIsBlockedAndNamed() {
        StaffUser agent = newUser(Role.AGENT);
        Http api = as(agent);
        // the agent works in the console: the browser gets the staff device id
        ConsoleSession console = new ConsoleSession(base());
        var signedIn = console.signIn(agent.username(), PASSWORD);
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(302);
        assertThat(console.http().get("/").status()).isLessThan(400);
        String device = jdbc.sql("select item from risk_staff_footprint where kind = 'DEVICE' and staff_id = :s")
                .param("s", agent.id()).query(String.class).single();

        String customerId = sales.customer(api);
        String agentsOwnPhone = CustomerFixtures.taiwanMobile();
        var changed = api.patch("/api/v1/customers/" + customerId, Map.of("phone", agentsOwnPhone));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        String orderId = confirmedOrder(api, customerId);
        var session = api.post("/api/v1/orders/" + orderId + "/payment-sessions", Map.of("channel", "LINK", "sendTo", "SMS"));
        assertThat(session.status()).as(session.toString()).isEqualTo(201);
        String url = session.json().get("payUrl").asString();
        String token = url.substring(url.lastIndexOf('/') + 1);

        // the page opened and the card typed in the agent's own console browser
        assertThat(console.http().get("/pay/" + token).status()).isEqualTo(200);
        var paid = console.http().header("Accept", "application/json").post("/pay/" + token, Sales.card(TestCards.fresh(), "123"));
        assertThat(paid.status()).as(paid.toString()).isLessThan(500);
        assertThat(paid.json().get("status").asString()).as(paid.toString()).isIn("DECLINED", "REVIEW");

        String paymentId = paid.json().get("paymentId").asString();
        JsonNode payment = as(Role.RISK_ANALYST).get("/api/v1/payments/" + paymentId).json();
        assertThat(payment.get("risk").get("action").asString()).isEqualTo("BLOCK");
        assertThat(payment.get("risk").get("reasons").toString())
                .contains("device or address of staff " + agent.id())
                .contains("phone was changed by " + agent.id());
        assertThat(device).isNotBlank();

        List<AlertView> staffAlerts = await().atMost(Duration.ofSeconds(10)).until(() -> alerts.openOn(AlertSubject.AGENT, agent.id()),
                list -> list.stream().anyMatch(a -> a.signal() == AlertSignal.PAY_PAGE_FROM_STAFF)
                        && list.stream().anyMatch(a -> a.signal() == AlertSignal.PHONE_CHANGED_BEFORE_LINK));
        assertThat(staffAlerts).filteredOn(a -> a.signal() == AlertSignal.PAY_PAGE_FROM_STAFF).singleElement()
                .satisfies(a -> assertThat(a.evidence().toString()).contains("a device").contains(agent.id()).contains(paymentId));
        assertThat(staffAlerts).filteredOn(a -> a.signal() == AlertSignal.PHONE_CHANGED_BEFORE_LINK).singleElement()
                .satisfies(a -> assertThat(a.evidence().toString()).contains(agent.id()).contains("minutes before"));
    }

    @Test
    void theSameSaleWithTheCustomersOwnPhoneAndBrowserGoesThrough() {
        StaffUser agent = newUser(Role.AGENT);
        Http api = as(agent);
        ConsoleSession console = new ConsoleSession(base());
        console.signIn(agent.username(), PASSWORD);
        console.http().get("/");
        String customerId = sales.customer(api);
        String orderId = confirmedOrder(api, customerId);
        var session = api.post("/api/v1/orders/" + orderId + "/payment-sessions", Map.of("channel", "LINK", "sendTo", "SMS"));
        String url = session.json().get("payUrl").asString();
        String token = url.substring(url.lastIndexOf('/') + 1);

        Http customersPhone = http();
        assertThat(customersPhone.get("/pay/" + token).status()).isEqualTo(200);
        var paid = customersPhone.header("Accept", "application/json").post("/pay/" + token, Sales.card(TestCards.fresh(), "123"));
        assertThat(paid.json().get("status").asString()).as(paid.toString()).isEqualTo("SUCCEEDED");
        assertThat(alerts.openOn(AlertSubject.AGENT, agent.id())).noneMatch(a -> a.signal() == AlertSignal.PAY_PAGE_FROM_STAFF
                || a.signal() == AlertSignal.PHONE_CHANGED_BEFORE_LINK);
    }

    @Test
    void aPayPageFromAnAddressOrNetworkStaffUsedIsBlockedOrReviewedAndLocalAddressesNeverCount() {
        // the test server sees every client at 127.0.0.1: the addresses staff used arrive as identity publishes them
        StaffUser agent = newUser(Role.AGENT);
        String office = "203.0." + (1 + (int) (Math.random() * 250)) + "." + (10 + (int) (Math.random() * 200));
        events.publishEvent(new StaffSeen(agent.id(), office, null, clock.instant()));
        events.publishEvent(new StaffSeen(agent.id(), "2001:db8:" + Integer.toHexString(0x100 + Ids.randomToken(2).chars().sum()) + "::5",
                null, clock.instant()));
        events.publishEvent(new StaffSeen(agent.id(), "127.0.0.1", null, clock.instant()));
        events.publishEvent(new StaffSeen(agent.id(), "10.1.2.3", null, clock.instant()));
        clock.advance(Duration.ofMinutes(1));

        RiskDecision sameAddress = assess(agent.id(), office);
        assertThat(sameAddress.action()).isEqualTo(RiskAction.BLOCK);
        assertThat(sameAddress.reasons().toString()).contains("device or address of staff").contains(agent.id());

        String neighbour = office.substring(0, office.lastIndexOf('.') + 1) + "250";
        RiskDecision sameNetwork = assess(agent.id(), neighbour);
        assertThat(sameNetwork.action()).isEqualTo(RiskAction.REVIEW);
        assertThat(sameNetwork.reasons().toString()).contains("network of staff").contains(agent.id());

        String v6 = jdbc.sql("select item from risk_staff_footprint where kind = 'IP' and staff_id = :s and item like '2001:%'")
                .param("s", agent.id()).query(String.class).single();
        RiskDecision sameV6Network = assess(agent.id(), v6.substring(0, v6.lastIndexOf(':')) + ":9");
        assertThat(sameV6Network.reasons().toString()).contains("staff " + agent.id());

        assertThat(assess(agent.id(), "127.0.0.1").reasons().toString()).doesNotContain("staff");
        assertThat(assess(agent.id(), "10.1.2.3").reasons().toString()).doesNotContain("staff");
        assertThat(assess(agent.id(), "198.51.100.7").reasons().toString()).doesNotContain("staff");
        assertThat(alerts.openOn(AlertSubject.AGENT, agent.id())).anySatisfy(a -> {
            assertThat(a.signal()).isEqualTo(AlertSignal.PAY_PAGE_FROM_STAFF);
            assertThat(a.evidence().toString()).contains("an address").contains(agent.id());
        });
    }

    private String confirmedOrder(Http api, String customerId) {
        String sku = sales.product("300.00", "TWD");
        var order = api.post("/api/v1/orders", Map.of("customerId", customerId, "lines", List.of(Map.of("sku", sku, "quantity", 1))));
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        String orderId = order.json().get("id").asString();
        assertThat(api.post("/api/v1/orders/" + orderId + "/confirm", Map.of()).status()).isEqualTo(200);
        return orderId;
    }

    private RiskDecision assess(String agentId, String ip) {
        String paymentId = "pay_t" + Ids.randomToken(8);
        return tx.execute(status -> engine.assess(new RiskSubject(paymentId, "ord_" + Ids.randomToken(6), "cus_s" + Ids.randomToken(4),
                agentId, Money.of("300.00", "TWD"), Ids.randomToken(32).substring(0, 50) + "0123456789abcd", "411111", null, null, null,
                ip, "LINK", clock.instant(), "林志玲", "TW", "LIN CHIH LING", null, "SKU-TRACE")));
    }
}
