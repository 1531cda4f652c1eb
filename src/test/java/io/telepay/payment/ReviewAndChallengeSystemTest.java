package io.telepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.telepay.identity.StaffUser;
import io.telepay.shared.Role;
import io.telepay.testing.CardDataScan;
import org.junit.jupiter.api.Test;

/** Payments risk held for review (released or voided by staff) and payments the customer must confirm (CHALLENGE). */
class ReviewAndChallengeSystemTest extends PaymentSystemTest {

    private static final Pattern LINK = Pattern.compile("/confirm/([a-z2-7]{40,80})");

    private String status(String paymentId) {
        return jdbc.sql("select status from payment where id = :id").param("id", paymentId).query(String.class).single();
    }

    @Test
    void heldPaymentsQueueForReviewAndAreReleasedOrVoided() {
        PaymentFixtures.Paid held = fixtures().authorized("2400.00", "TWD", "REVIEW");
        PaymentFixtures.Paid other = fixtures().authorized("1300.00", "TWD", "REVIEW");
        assertThat(status(held.paymentId())).isEqualTo("REVIEW");
        StaffUser supervisor = newUser(Role.SUPERVISOR, staff.get(held.sale().agent().id()).team());

        assertThat(as(Role.RISK_ANALYST).get("/api/v1/payments?status=REVIEW").json().findValuesAsString("id"))
                .contains(held.paymentId(), other.paymentId());
        assertThat(as(supervisor).get("/api/v1/payments?status=REVIEW").json().findValuesAsString("id"))
                .contains(held.paymentId()).doesNotContain(other.paymentId());
        assertThat(held.sale().asAgent().get("/api/v1/payments?status=REVIEW").status()).isEqualTo(403);
        assertThat(as(Role.RISK_ANALYST).get("/api/v1/payments?status=HELD").status()).isEqualTo(400);

        assertThat(held.sale().asAgent().post("/api/v1/payments/" + held.paymentId() + "/capture", Map.of()).status())
                .as("a held payment is released, not captured").isEqualTo(409);
        assertThat(held.sale().asAgent().post("/api/v1/payments/" + held.paymentId() + "/release", Map.of()).status())
                .isEqualTo(403);
        var released = as(Role.RISK_ANALYST).post("/api/v1/payments/" + held.paymentId() + "/release", Map.of());
        assertThat(released.status()).as(released.toString()).isEqualTo(200);
        assertThat(released.json().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(status(held.paymentId())).isEqualTo("CAPTURED");
        assertThat(held.sale().asAgent().get("/api/v1/orders/" + held.sale().orderId()).json().get("status").asString())
                .isEqualTo("PAID");
        assertThat(as(Role.RISK_ANALYST).post("/api/v1/payments/" + held.paymentId() + "/release", Map.of()).status())
                .isEqualTo(409);

        var voided = as(Role.RISK_ANALYST).post("/api/v1/payments/" + other.paymentId() + "/void", Map.of());
        assertThat(voided.json().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(status(other.paymentId())).isEqualTo("VOIDED");
        assertThat(as(Role.RISK_ANALYST).get("/api/v1/payments?status=REVIEW").json().findValuesAsString("id"))
                .doesNotContain(held.paymentId(), other.paymentId());
    }

    private String challengeLink(String paymentId) {
        String body = jdbc.sql("select body from notify_message where purpose = 'PAYMENT_CHALLENGE' and reference = :p")
                .param("p", paymentId).query(String.class).single();
        Matcher link = LINK.matcher(body);
        assertThat(link.find()).as(body).isTrue();
        return "/confirm/" + link.group(1);
    }

    @Test
    void aChallengedPaymentIsCapturedWhenTheCustomerConfirmsOnTheRegisteredPhone() {
        PaymentFixtures.Paid challenged = fixtures().authorized("1999.00", "TWD", "CHALLENGE");
        assertThat(status(challenged.paymentId())).isEqualTo("AUTHORIZED");
        String phone = jdbc.sql("select phone from customer where id = :c").param("c", challenged.sale().customerId())
                .query(String.class).single();
        assertThat(jdbc.sql("select recipient from notify_message where purpose = 'PAYMENT_CHALLENGE' and reference = :p")
                .param("p", challenged.paymentId()).query(String.class).single()).isEqualTo(phone);
        String link = challengeLink(challenged.paymentId());
        assertThat(jdbc.sql("select progress from payment_session where order_id = :o").param("o", challenged.sale().orderId())
                .query(String.class).single()).contains("waiting for the customer to confirm");

        var page = http().header("Accept-Language", "zh-TW").get(link);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("這筆付款是您本人嗎").contains("NT$1,999").contains(challenged.sale().orderId());
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");
        assertThat(new CardDataScan(jdbc, java.util.List.of("4242424242424242"), java.util.List.of("123"))
                .leaks("confirmation page", page.body())).isEmpty();
        assertThat(page.body()).doesNotContain("4242");

        var confirmed = http().postForm(link, Map.of("answer", "confirm"));
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(status(challenged.paymentId())).isEqualTo("CAPTURED");
        assertThat(challenged.sale().asAgent().get("/api/v1/orders/" + challenged.sale().orderId()).json().get("status").asString())
                .isEqualTo("PAID");
        assertThat(http().postForm(link, Map.of("answer", "deny")).status()).as("answered once").isEqualTo(410);
        assertThat(status(challenged.paymentId())).isEqualTo("CAPTURED");
        assertThat(http().get("/confirm/" + "a".repeat(52)).status()).isEqualTo(404);
    }

    @Test
    void aChallengedPaymentIsVoidedWhenTheCustomerSaysItWasNotThemAndTheLinkExpires() {
        PaymentFixtures.Paid denied = fixtures().authorized("880.00", "TWD", "CHALLENGE");
        var answer = http().postForm(challengeLink(denied.paymentId()), Map.of("answer", "deny"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(status(denied.paymentId())).isEqualTo("VOIDED");
        assertThat(jdbc.sql("select voided from sandbox_charge where reference = :r").param("r", denied.paymentId())
                .query(Boolean.class).single()).isTrue();

        PaymentFixtures.Paid late = fixtures().authorized("880.00", "TWD", "CHALLENGE");
        String link = challengeLink(late.paymentId());
        clock.advance(Duration.ofMinutes(16));
        assertThat(http().get(link).status()).isEqualTo(410);
        assertThat(http().postForm(link, Map.of("answer", "confirm")).status()).isEqualTo(410);
        assertThat(status(late.paymentId())).as("staff decide on an unanswered challenge").isEqualTo("AUTHORIZED");
    }
}
