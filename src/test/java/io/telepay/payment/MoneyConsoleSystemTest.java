package io.telepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.telepay.identity.StaffUser;
import io.telepay.shared.Role;
import io.telepay.testing.CardDataScan;
import io.telepay.testing.ConsoleSession;
import org.junit.jupiter.api.Test;

/** The console's refund approvals and held payments pages, with the second-person rule. */
class MoneyConsoleSystemTest extends PaymentSystemTest {

    private String operationStatus(String id) {
        return jdbc.sql("select status from payment_operation where id = :id").param("id", id).query(String.class).single();
    }

    @Test
    void aSupervisorApprovesTheTeamsRefundsButNotTheirOwn() {
        PaymentFixtures.Paid paid = fixtures().captured("30000.00", "TWD");
        String team = staff.get(paid.sale().agent().id()).team();
        StaffUser supervisor = newUser(Role.SUPERVISOR, team);
        String path = "/api/v1/payments/" + paid.paymentId() + "/refunds";
        String agentsRefund = paid.sale().asAgent().post(path, Map.of("amount", Map.of("amount", "12000.00", "currency", "TWD"),
                "reason", "年約取消")).json().get("id").asString();
        String supervisorsRefund = as(supervisor).post(path, Map.of("amount", Map.of("amount", "11000.00", "currency", "TWD"),
                "reason", "補償")).json().get("id").asString();

        ConsoleSession console = signedIn(supervisor);
        String page = "/console/team/approvals";
        var list = console.http().get(page);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(agentsRefund).contains(supervisorsRefund).contains("NT$12,000").contains("年約取消")
                .contains("/console/team/approvals/" + agentsRefund + "/approve")
                .doesNotContain("/console/team/approvals/" + supervisorsRefund + "/approve");
        assertThat(console.http().get("/console").body()).contains("/console/team/approvals").contains("/console/team/held");

        var self = console.submit(page, page + "/" + supervisorsRefund + "/approve", Map.of("note", ""));
        assertThat(self.status()).as("the service refuses a forged self-approval").isEqualTo(200);
        assertThat(self.body()).contains("alert error");
        assertThat(operationStatus(supervisorsRefund)).isEqualTo("PENDING_APPROVAL");

        var approved = console.submit(page, page + "/" + agentsRefund + "/approve", Map.of("note", "OK"));
        assertThat(approved.status()).isEqualTo(302);
        assertThat(operationStatus(agentsRefund)).isEqualTo("SUCCEEDED");

        StaffUser admin = newUser(Role.ADMIN);
        ConsoleSession adminConsole = signedIn(admin);
        var rejected = adminConsole.submit(page, page + "/" + supervisorsRefund + "/reject", Map.of("note", ""));
        assertThat(rejected.status()).isEqualTo(302);
        assertThat(operationStatus(supervisorsRefund)).isEqualTo("REJECTED");

        ConsoleSession outsider = signedIn(newUser(Role.SUPERVISOR));
        assertThat(outsider.http().get(page).body()).doesNotContain(agentsRefund);
        assertThat(signedIn(paid.sale().agent()).http().get(page).status()).isEqualTo(403);
    }

    @Test
    void heldPaymentsAreReleasedCapturedOrVoidedFromTheConsole() {
        PaymentFixtures.Paid review = fixtures().authorized("1500.00", "TWD", "REVIEW");
        StaffUser supervisor = newUser(Role.SUPERVISOR, staff.get(review.sale().agent().id()).team());
        PaymentFixtures.Paid authorized = fixtures().authorized("700.00", "TWD", "CHALLENGE");
        StaffUser otherTeamSupervisor = newUser(Role.SUPERVISOR, staff.get(authorized.sale().agent().id()).team());

        ConsoleSession console = signedIn(supervisor);
        String page = "/console/team/held";
        var list = console.http().get(page, "text/html");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(review.paymentId()).doesNotContain(authorized.paymentId());
        assertThat(list.body()).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>");
        assertThat(new CardDataScan(jdbc, List.of("4242424242424242"), List.of("123")).leaks(page, list.body())).isEmpty();

        assertThat(console.submit(page, page + "/" + review.paymentId() + "/release", Map.of()).status()).isEqualTo(302);
        assertThat(jdbc.sql("select status from payment where id = :id").param("id", review.paymentId()).query(String.class).single())
                .isEqualTo("CAPTURED");
        assertThat(console.submit(page, page + "/" + authorized.paymentId() + "/void", Map.of()).body())
                .as("another team's payment is out of reach").contains("alert error");

        ConsoleSession other = signedIn(otherTeamSupervisor);
        assertThat(other.http().get(page).body()).contains(authorized.paymentId());
        assertThat(other.submit(page, page + "/" + authorized.paymentId() + "/void", Map.of()).status()).isEqualTo(302);
        assertThat(jdbc.sql("select status from payment where id = :id").param("id", authorized.paymentId()).query(String.class).single())
                .isEqualTo("VOIDED");
    }

    @Test
    void analystsWorkTheReviewQueueButCaptureNothing() {
        PaymentFixtures.Paid review = fixtures().authorized("1600.00", "TWD", "REVIEW");
        PaymentFixtures.Paid authorized = fixtures().authorized("800.00", "TWD", "CHALLENGE");
        ConsoleSession analyst = signedIn(newUser(Role.RISK_ANALYST));
        String page = "/console/team/held";

        var list = analyst.http().get(page, "text/html");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(review.paymentId()).doesNotContain(authorized.paymentId());
        assertThat(analyst.http().get("/console").body()).contains(page);

        assertThat(analyst.submit(page, page + "/" + authorized.paymentId() + "/capture", Map.of()).status()).isEqualTo(403);
        assertThat(analyst.submit(page, page + "/" + authorized.paymentId() + "/void", Map.of()).status()).isEqualTo(403);
        assertThat(analyst.submit(page, page + "/" + review.paymentId() + "/capture", Map.of()).status()).isEqualTo(403);
        assertThat(jdbc.sql("select status from payment where id in (:ids) order by status").param("ids", List.of(review.paymentId(), authorized.paymentId()))
                .query(String.class).list()).containsExactly("AUTHORIZED", "REVIEW");

        assertThat(analyst.submit(page, page + "/" + review.paymentId() + "/void", Map.of()).status()).isEqualTo(302);
        assertThat(jdbc.sql("select status from payment where id = :id").param("id", review.paymentId()).query(String.class).single())
                .isEqualTo("VOIDED");
    }
}
