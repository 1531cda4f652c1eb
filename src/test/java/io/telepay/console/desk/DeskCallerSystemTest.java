package io.telepay.console.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.telepay.customer.CustomerFixtures;
import io.telepay.identity.StaffUser;
import io.telepay.shared.Role;
import io.telepay.testing.ConsoleSession;
import io.telepay.testing.Http;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: a call ringing at the agent opens the desk from the caller's number (a phone system's screen pop,
 * {@code /console/desk?caller=…}): the customer with an inbound call ready, whatever form the number comes in; a
 * number that is no customer of the agent's reach opens the search for it, and names nobody.
 */
class DeskCallerSystemTest extends SystemTest {

    private static final String INBOUND_SELECTED = "<option value=\"INBOUND\" selected=\"selected\"";

    private String desk(ConsoleSession session, String caller) {
        return session.http().header("Accept-Language", "en")
                .get("/console/desk?caller=" + URLEncoder.encode(caller, StandardCharsets.UTF_8)).body();
    }

    private String customer(Http agent, String name, String phone) {
        var created = agent.post("/api/v1/customers", Map.of("name", name, "phone", phone));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    @Test
    void theCallersNumberOpensTheCustomerWithAnInboundCallReady() {
        StaffUser agent = newUser(Role.AGENT);
        String phone = CustomerFixtures.taiwanMobile();
        String id = customer(as(agent), "陳美玲", phone);
        ConsoleSession desk = signedIn(agent);

        String local = "0" + phone.substring(4, 7) + "-" + phone.substring(7, 10) + "-" + phone.substring(10);
        for (String asDialled : new String[] {phone, local}) {
            String page = desk(desk, asDialled);
            assertThat(page).as(asDialled).contains("陳美玲").contains("name=\"customer\" value=\"" + id + "\"").contains(INBOUND_SELECTED);
        }
    }

    @Test
    void anUnknownOrUnreachableNumberOpensTheSearchAndNamesNobody() {
        String phone = CustomerFixtures.taiwanMobile();
        customer(as(newUser(Role.AGENT)), "另一位客戶", phone);
        ConsoleSession stranger = signedIn(newUser(Role.AGENT));
        String page = desk(stranger, phone);
        assertThat(page).doesNotContain("另一位客戶").doesNotContain(INBOUND_SELECTED).contains("No customer matches");
        assertThat(desk(stranger, "+886 2 0000 0000")).contains("No customer matches");
    }

    @Test
    void aDoNotCallCustomerCallingInIsAnswered() {
        StaffUser agent = newUser(Role.AGENT);
        Http api = as(agent);
        String phone = CustomerFixtures.taiwanMobile();
        String id = customer(api, "林大同", phone);
        api.post("/api/v1/customers/" + id + "/do-not-call", Map.of("reason", "asked not to be called"));
        ConsoleSession desk = signedIn(agent);
        assertThat(desk.http().get("/console/desk?customer=" + id).body()).as("no outbound call")
                .containsPattern("name=\"start\"[^>]*disabled");
        String ringing = desk(desk, phone);
        assertThat(ringing).contains(INBOUND_SELECTED).doesNotContainPattern("name=\"start\"[^>]*disabled");
        assertThat(desk.submit("/console/desk?customer=" + id, "/console/desk/calls",
                Map.of("customer", id, "direction", "INBOUND")).status()).isLessThan(400);
    }
}
