package io.telepay.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.telepay.identity.StaffUser;
import io.telepay.shared.NotFound;
import io.telepay.shared.Role;
import io.telepay.testing.Http;
import org.junit.jupiter.api.Test;

/** Agents see and change only their own orders; supervisors their team's; admins all; analysts and auditors read. */
class OrderAccessSystemTest extends OrderSystemTestSupport {

    @Test
    void anAgentCannotReadOrChangeAnotherAgentsOrder() {
        Seller owner = seller();
        Seller other = seller();
        String sku = service("680.00", "TWD");
        String id = draft(owner, sku, 1);
        Http intruder = other.http();

        assertProblem(intruder.get(ORDERS + "/" + id), 404);
        assertProblem(intruder.get(ORDERS + "/" + id + "/read-back"), 404);
        assertProblem(intruder.post(ORDERS + "/" + id + "/confirm", Map.of()), 404);
        assertProblem(intruder.post(ORDERS + "/" + id + "/cancel", Map.of()), 404);
        assertProblem(OrderSystemTest.patch(intruder, id, Map.of("lines", List.of(line(sku, 9)))), 404);
        assertProblem(OrderSystemTest.put(intruder, id, Map.of("lines", List.of(line(sku, 9)))), 404);
        var unknown = intruder.get(ORDERS + "/ord_doesnotexist");
        assertThat(intruder.get(ORDERS + "/" + id).json().get("detail").asString())
                .isEqualTo(unknown.json().get("detail").asString().replace("ord_doesnotexist", id));
        assertThat(intruder.get(ORDERS + "?customerId=" + owner.customerId()).json().get("items")).isEmpty();
        assertThat(intruder.get(ORDERS + "?agentId=" + owner.user().id()).json().get("items")).isEmpty();

        assertThat(status(id)).isEqualTo("DRAFT");
        assertThat(linesOf(id)).isOne();
        assertThat(jdbc.sql("select quantity from sales_order_line where order_id = :id").param("id", id).query(Integer.class).single()).isOne();
        assertThat(jdbc.sql("select count(*) from audit_entry where subject = :id").param("id", id).query(Long.class).single()).isOne();
        assertThatThrownBy(() -> actingAs(other.user(), () -> orders.get(id))).isInstanceOf(NotFound.class);
        assertThat(actingAs(owner.user(), () -> orders.get(id)).id()).isEqualTo(id);
    }

    @Test
    void aSupervisorReadsAndChangesTheirTeamsOrdersOnly() {
        String team = team();
        Seller seller = seller(team);
        StaffUser supervisor = newUser(Role.SUPERVISOR, team);
        StaffUser otherSupervisor = newUser(Role.SUPERVISOR, team());
        String id = draft(seller);

        Http boss = as(supervisor);
        assertThat(boss.get(ORDERS + "/" + id).status()).isEqualTo(200);
        assertThat(boss.get(ORDERS).json().get("items").valueStream().map(o -> o.get("id").asString()).toList()).contains(id);
        Http stranger = as(otherSupervisor);
        assertProblem(stranger.get(ORDERS + "/" + id), 404);
        assertProblem(stranger.post(ORDERS + "/" + id + "/confirm", Map.of()), 404);
        assertThat(stranger.get(ORDERS).json().get("items").valueStream().map(o -> o.get("id").asString()).toList()).doesNotContain(id);

        var confirmed = boss.post(ORDERS + "/" + id + "/confirm", Map.of());
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(confirmed.json().get("confirmation").get("confirmedBy").asString()).isEqualTo(supervisor.id());
        assertThat(confirmed.json().get("agentId").asString()).isEqualTo(seller.user().id());
    }

    @Test
    void anAdminReadsAndChangesEveryOrder() {
        Seller seller = seller();
        String id = draft(seller);
        Http admin = as(Role.ADMIN);
        assertThat(admin.get(ORDERS + "/" + id).status()).isEqualTo(200);
        assertThat(admin.post(ORDERS + "/" + id + "/cancel", Map.of("reason", "duplicate")).status()).isEqualTo(200);
        assertThat(status(id)).isEqualTo("CANCELLED");
    }

    @Test
    void riskAnalystsAndAuditorsReadButChangeNothing() {
        Seller seller = seller();
        String sku = service("680.00", "TWD");
        String id = draft(seller, sku, 1);
        for (Role reader : List.of(Role.RISK_ANALYST, Role.AUDITOR)) {
            Http http = as(reader);
            assertThat(http.get(ORDERS + "/" + id).status()).as(reader.name()).isEqualTo(200);
            assertThat(http.get(ORDERS + "/" + id + "/read-back").status()).as(reader.name()).isEqualTo(200);
            assertThat(http.get(ORDERS + "?customerId=" + seller.customerId()).json().get("items")).as(reader.name()).hasSize(1);
            assertProblem(http.post(ORDERS + "/" + id + "/confirm", Map.of()), 403);
            assertProblem(http.post(ORDERS + "/" + id + "/cancel", Map.of()), 403);
            assertProblem(OrderSystemTest.patch(http, id, Map.of("lines", List.of(line(sku, 2)))), 403);
            assertProblem(http.post(ORDERS, body(seller.customerId(), line(sku, 1))), 403);
        }
        assertThat(status(id)).isEqualTo("DRAFT");
        assertThat(ordersOf(seller.customerId())).isOne();
    }

    @Test
    void theTelephonyBridgeHasNoBusinessWithOrders() {
        Seller seller = seller();
        String id = draft(seller);
        Http ivr = as(Role.TELEPHONY);
        assertProblem(ivr.get(ORDERS + "/" + id), 403);
        assertProblem(ivr.get(ORDERS), 403);
        assertProblem(ivr.post(ORDERS + "/" + id + "/confirm", Map.of()), 403);
        assertThat(http().get(ORDERS + "/" + id).status()).isEqualTo(401);
    }

    @Test
    void theShippingPhoneIsShownInFullOnlyToTheOrdersAgent() {
        String team = team();
        Seller seller = seller(team);
        Map<String, Object> order = body(seller.customerId(), line(shipped("1999.00", "TWD"), 1));
        order.put("shippingAddress", address());
        String id = seller.http().post(ORDERS, order).json().get("id").asString();

        assertThat(seller.http().get(ORDERS + "/" + id).json().get("shippingAddress").get("phone").asString()).isEqualTo("+886912345678");
        for (Http other : List.of(as(newUser(Role.SUPERVISOR, team)), as(Role.ADMIN), as(Role.AUDITOR))) {
            var seen = other.get(ORDERS + "/" + id);
            assertThat(seen.json().get("shippingAddress").get("phone").asString()).isEqualTo("+886 9** *** 678");
            assertThat(seen.body()).doesNotContain("912345678");
        }
        assertThat(as(Role.ADMIN).get(ORDERS + "?customerId=" + seller.customerId()).body()).doesNotContain("912345678");
        assertThat(orders.shippingAddress(id).orElseThrow().phone()).isEqualTo("+886912345678");
    }
}
