package io.telepay.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.telepay.identity.StaffUser;
import io.telepay.notify.Messages;
import io.telepay.shared.Role;
import io.telepay.testing.CardDataScan;
import io.telepay.testing.ConsoleSession;
import io.telepay.testing.Http;
import io.telepay.testing.Sales;
import io.telepay.testing.SystemTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The whole sale through the console's pages over plain HTTP (the forms work without JavaScript too):
 * call, redacted note, order, read-back, confirmation, pay link, payment by the customer, PAID on the
 * desk; the supervisor's funnel counts it; and no console page ever holds the card number.
 */
class ConsoleSaleSystemTest extends SystemTest {

    static final String CARD = "4242424242424242";
    static final String CVC = "123";
    private static final Pattern PAY_LINK = Pattern.compile("/pay/([A-Za-z0-9]+)");

    @Autowired
    Messages messages;

    @Test
    void agentSellsThroughTheDeskAndTheSupervisorSeesTheSaleInTheFunnel() {
        String team = "desk-" + io.telepay.shared.Ids.randomToken(3);
        StaffUser agent = newUser(Role.AGENT, team);
        StaffUser supervisor = newUser(Role.SUPERVISOR, team);
        Sales sales = new Sales(this);
        String sku = sales.product("1999.00", "TWD");
        String customer = sales.customer(as(agent));

        ConsoleSession desk = signedIn(agent);
        String page = "/console/desk?customer=" + customer;
        assertThat(desk.http().get(page).body()).contains("林志玲");

        assertThat(desk.submit(page, "/console/desk/calls", Map.of("customer", customer, "direction", "OUTBOUND")).status()).isEqualTo(302);
        // the code a customer can check on /verify is on the desk for the call in progress, and it is the call's
        String code = find(desk.http().get(page).body(), "data-testid=\"call-code\"><span>[^<]*</span>\\s*<strong>(\\d{4} \\d{4})</strong>");
        var checked = http().post("/api/v1/public/caller-checks", Map.of("code", code)).json();
        assertThat(checked.get("verified").asBoolean()).isTrue();
        assertThat(checked.get("agentName").asString()).isEqualTo(agent.firstName());
        var noted = desk.submit(page, "/console/desk/calls/" + activeCall(desk, page) + "/notes",
                Map.of("customer", customer, "text", "客戶說卡號 4242 4242 4242 4242，已請他改用簡訊連結"));
        assertThat(noted.status()).isEqualTo(200);
        assertThat(noted.body()).contains("data-testid=\"redaction\"").doesNotContain("4242 4242 4242 4242");

        assertThat(desk.submit(page, "/console/desk/orders/lines", Map.of("customer", customer, "sku", sku, "quantity", "2")).status()).isEqualTo(302);
        String orderPage = desk.http().get(page).body();
        assertThat(orderPage).contains("NT$3,998").contains("data-testid=\"readback\"");
        String orderId = find(orderPage, "/console/desk/orders/(ord_[a-z0-9]+)/confirm");
        assertThat(desk.submit(page, "/console/desk/orders/" + orderId + "/confirm",
                Map.of("customer", customer, "amount", "3998.00", "currency", "TWD")).status()).isEqualTo(302);
        assertThat(desk.submit(page, "/console/desk/orders/" + orderId + "/pay", Map.of("customer", customer, "via", "SMS")).status())
                .isEqualTo(302);
        String withSession = desk.http().get(page).body();
        assertThat(withSession).contains("sse-connect=").contains("data-testid=\"pay-step\"");

        String sessionId = find(withSession, "/console/desk/sessions/(ps_[a-z0-9]+)/events");
        // the supervisor sees the agent on the call, how long it has lasted, and that the customer is paying
        clock.advance(Duration.ofSeconds(125));
        String board = signedIn(supervisor).http().header("Accept-Language", "en").get("/console/team/live").body();
        String agentRow = board.substring(board.indexOf(agent.displayName()));
        assertThat(agentRow.substring(0, agentRow.indexOf("</tr>"))).contains("Customer paying: Link")
                .containsPattern("data-testid=\"talk-time\">([2-9]|\\d\\d):\\d\\d<");
        String link = messages.recent(sessionId, null, 5).getFirst().body();
        Matcher token = PAY_LINK.matcher(link);
        assertThat(token.find()).isTrue();
        var paid = http().header("Accept", "application/json").post("/pay/" + token.group(1), Sales.card(CARD, CVC));
        assertThat(paid.json().get("status").asString()).as(paid.toString()).isEqualTo("SUCCEEDED");

        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> desk.http().get(page).body().contains("data-testid=\"paid\""));
        assertThat(desk.http().get("/console/desk/sessions/" + sessionId + "?customer=" + customer).body()).contains("pay-step");
        assertThat(desk.submit(page, "/console/desk/calls/" + activeCall(desk, page) + "/end",
                Map.of("customer", customer, "order", orderId, "disposition", "SALE")).status()).isEqualTo(302);

        ConsoleSession boss = signedIn(supervisor);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            String funnel = boss.http().get("/console/team/funnel").body();
            return funnel.contains(agent.displayName()) && funnel.contains("NT$3,998");
        });

        List<String> pages = List.of("/console", "/console/desk", page, "/console/desk/sessions/" + sessionId,
                "/console/team/funnel", "/console/team/funnel?groupBy=day", "/console/team/funnel?groupBy=product",
                "/console/team/callbacks", "/console/me");
        CardDataScan scan = new CardDataScan(jdbc, List.of(CARD), List.of(CVC));
        for (String path : pages) {
            var response = desk.http().get(path);
            assertThat(response.status()).as(path).isIn(200, 403);
            assertThat(scan.leaks(path, response.body())).as(path).isEmpty();
        }
        for (String path : List.of("/console/team/funnel", "/console/team/live", "/console/team/callbacks",
                "/console/team/funnel.csv?groupBy=agent")) {
            var response = boss.http().get(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(scan.leaks(path, response.body())).as(path).isEmpty();
        }
        ConsoleSession admin = signedIn(newUser(Role.ADMIN));
        for (String path : List.of("/console/admin/users", "/console/admin/keys", "/console/admin/audit",
                "/console/admin/messages", "/console/admin/messages?reference=" + sessionId, "/console/risk/lists/card",
                "/console/risk/lists/phone", "/console/team/live", "/console/team/funnel")) {
            var response = admin.http().get(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(scan.leaks(path, response.body())).as(path).isEmpty();
            assertThat(response.body()).as(path + " has no inline script").doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>");
        }
    }

    private static String activeCall(ConsoleSession desk, String page) {
        return find(desk.http().get(page).body(), "/console/desk/calls/(call_[a-z0-9]+)/notes");
    }

    static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("page holds " + regex).isTrue();
        return matcher.group(1);
    }

    static Http.Response ok(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response;
    }
}
