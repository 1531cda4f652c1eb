package io.telepay.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.telepay.identity.StaffUser;
import io.telepay.shared.Money;
import io.telepay.shared.Role;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/** A callId on an order names a call of the same customer by the same agent; payments come from the payment module. */
@Import(TestCalls.class)
class OrderCallSystemTest extends OrderSystemTestSupport {

    @Test
    void anOrderTakenOnTheAgentsCallWithTheCustomerKeepsTheCall() {
        Seller seller = seller();
        String call = TestCalls.call(seller.customerId(), seller.user().id(), "ACTIVE");
        Map<String, Object> body = body(seller.customerId(), line(service("680.00", "TWD"), 1));
        body.put("callId", call);

        var created = seller.http().post(ORDERS, body);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("callId").asString()).isEqualTo(call);
        String id = created.json().get("id").asString();
        var confirmed = seller.http().post(ORDERS + "/" + id + "/confirm", Map.of());
        assertThat(confirmed.json().get("confirmation").get("callId").asString()).isEqualTo(call);
        assertThat(seller.http().get(ORDERS + "?callId=" + call).json().get("items")).hasSize(1);
    }

    @Test
    void aCallOfAnotherCustomerAnotherAgentOrNoCallAtAllIs422NamingTheCallId() {
        Seller seller = seller();
        Seller other = seller();
        String sku = service("680.00", "TWD");
        for (String call : new String[] {
                TestCalls.call(other.customerId(), seller.user().id(), "ACTIVE"),
                TestCalls.call(seller.customerId(), other.user().id(), "ACTIVE"),
                "call_doesnotexist"}) {
            Map<String, Object> body = body(seller.customerId(), line(sku, 1));
            body.put("callId", call);
            var refused = seller.http().post(ORDERS, body);
            assertProblem(refused, 422);
            assertThat(fields(refused)).containsExactly("callId");
        }
        assertThat(ordersOf(seller.customerId())).isZero();
    }

    @Test
    void aSupervisorsOrderForAnAgentNeedsThatAgentsCall() {
        String team = team();
        Seller seller = seller(team);
        StaffUser supervisor = newUser(Role.SUPERVISOR, team);
        String agentsCall = TestCalls.call(seller.customerId(), seller.user().id(), "ENDED");
        String supervisorsCall = TestCalls.call(seller.customerId(), supervisor.id(), "ACTIVE");
        String sku = service("680.00", "TWD");

        Map<String, Object> onAgentsCall = body(seller.customerId(), line(sku, 1));
        onAgentsCall.put("agentId", seller.user().id());
        onAgentsCall.put("callId", agentsCall);
        assertThat(as(supervisor).post(ORDERS, onAgentsCall).status()).isEqualTo(201);

        Map<String, Object> onOwnCall = body(seller.customerId(), line(sku, 1));
        onOwnCall.put("agentId", seller.user().id());
        onOwnCall.put("callId", supervisorsCall);
        assertProblem(as(supervisor).post(ORDERS, onOwnCall), 422, "callId");
    }

    @Test
    void confirmingOnALaterCallRecordsThatCallAndChecksItToo() {
        Seller seller = seller();
        String id = draft(seller);
        String strangersCall = TestCalls.call(seller.customerId(), "usr_someoneelse", "ACTIVE");
        assertProblem(seller.http().post(ORDERS + "/" + id + "/confirm", Map.of("callId", strangersCall)), 422, "callId");
        assertThat(status(id)).isEqualTo("DRAFT");

        String callback = TestCalls.call(seller.customerId(), seller.user().id(), "ACTIVE");
        var confirmed = seller.http().post(ORDERS + "/" + id + "/confirm", Map.of("callId", callback));
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(confirmed.json().get("confirmation").get("callId").asString()).isEqualTo(callback);
        assertThat(confirmed.json().get("callId").asString()).as("the order had no call: it was taken on this one").isEqualTo(callback);
        assertThat(orders.read(id).callId()).isEqualTo(callback);
    }

    @Test
    void anOrderListsThePaymentsThePaymentModuleReports() {
        Seller seller = seller();
        String id = confirmed(seller);
        TestCalls.payment(id, Money.of("680.00", "TWD"));
        JsonNode payments = seller.http().get(ORDERS + "/" + id).json().get("payments");
        assertThat(payments).hasSize(1);
        assertThat(payments.get(0).get("status").asString()).isEqualTo("CAPTURED");
        assertThat(payments.get(0).get("amount").get("amount").asString()).isEqualTo("680.00");
        assertThat(payments.get(0).get("cardLast4").asString()).isEqualTo("4242");
    }
}
