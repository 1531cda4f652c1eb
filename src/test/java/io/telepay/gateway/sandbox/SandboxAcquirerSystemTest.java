package io.telepay.gateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.telepay.gateway.AuthorizationRequest;
import io.telepay.gateway.GatewayOutcome;
import io.telepay.gateway.GatewayResult;
import io.telepay.gateway.PaymentGateway;
import io.telepay.shared.Ids;
import io.telepay.shared.Money;
import io.telepay.testing.SystemTest;
import io.telepay.vault.PresentedCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

class SandboxAcquirerSystemTest extends SystemTest {

    @Autowired
    PaymentGateway gateway;

    private PresentedCard card(String number, String cvc) {
        return PresentedCard.parse(number, "12/39", cvc, "CHEN CHIH MING", Clock.systemUTC());
    }

    private AuthorizationRequest sale(String number, String amount) {
        return new AuthorizationRequest("pay_" + Ids.randomToken(8), Money.of(amount, "TWD"), card(number, "123"), true);
    }

    private AuthorizationRequest hold(String number, String amount) {
        return new AuthorizationRequest("pay_" + Ids.randomToken(8), Money.of(amount, "TWD"), card(number, "123"), false);
    }

    @ParameterizedTest
    @CsvSource({
            "4242 4242 4242 4242, APPROVED, ",
            "5555 5555 5555 4444, APPROVED, ",
            "6200 0000 0000 0005, APPROVED, ",
            "4000 0000 0000 0002, DECLINED, card_declined",
            "4000 0000 0000 9995, DECLINED, insufficient_funds",
            "4000 0000 0000 0069, DECLINED, expired_card",
            "4000 0000 0000 0119, UNKNOWN, ",
            "4111 1111 1111 1111, APPROVED, "})
    void theTestCardsOfTheApiDecide(String number, GatewayOutcome outcome, String declineCode) {
        GatewayResult result = gateway.authorize(sale(number, "1999.00"));
        assertThat(result.outcome()).isEqualTo(outcome);
        assertThat(result.declineCode()).isEqualTo(declineCode);
    }

    @Test
    void aLostAnswerWasApprovedAndTheStatusSaysSo() {
        AuthorizationRequest request = sale("4000 0000 0000 0119", "500.00");
        assertThat(gateway.authorize(request).outcome()).isEqualTo(GatewayOutcome.UNKNOWN);
        var status = gateway.status(request.reference());
        assertThat(status.outcome()).isEqualTo(GatewayOutcome.APPROVED);
        assertThat(status.captured()).isEqualTo(Money.of("500", "TWD"));
    }

    @Test
    void theSameReferenceNeverChargesTwice() {
        AuthorizationRequest request = sale("4242424242424242", "100.00");
        GatewayResult first = gateway.authorize(request);
        GatewayResult again = gateway.authorize(request);
        assertThat(again).isEqualTo(first);
        assertThat(jdbc.sql("select count(*) from sandbox_charge where reference = :r").param("r", request.reference())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anUnknownReferenceIsNotFound() {
        assertThat(gateway.status("pay_never_sent").outcome()).isEqualTo(GatewayOutcome.NOT_FOUND);
    }

    @Test
    void capturesAddUpToTheAuthorizationAndNoFurther() {
        AuthorizationRequest request = hold("4242424242424242", "1000.00");
        assertThat(gateway.authorize(request).approved()).isTrue();
        assertThat(gateway.capture(request.reference(), "cap1", Money.of("600", "TWD")).approved()).isTrue();
        assertThat(gateway.capture(request.reference(), "cap2", Money.of("500", "TWD")).declineCode())
                .isEqualTo("capture_exceeds_authorization");
        assertThat(gateway.capture(request.reference(), "cap3", Money.of("400", "TWD")).approved()).isTrue();
        assertThat(gateway.status(request.reference()).captured()).isEqualTo(Money.of("1000", "TWD"));
    }

    @Test
    void refundsAddUpToTheCaptureAndRepeatsAreAnsweredFromTheBooks() {
        AuthorizationRequest request = sale("5555555555554444", "300.00");
        gateway.authorize(request);
        assertThat(gateway.refund(request.reference(), "ref1", Money.of("200", "TWD")).approved()).isTrue();
        assertThat(gateway.refund(request.reference(), "ref1", Money.of("200", "TWD")).approved()).as("replayed").isTrue();
        assertThat(gateway.refund(request.reference(), "ref2", Money.of("200", "TWD")).declineCode()).isEqualTo("refund_exceeds_capture");
        assertThat(gateway.operationStatus("ref1")).isEqualTo(GatewayOutcome.APPROVED);
        assertThat(gateway.operationStatus("ref2")).isEqualTo(GatewayOutcome.DECLINED);
        assertThat(gateway.operationStatus("ref-none")).isEqualTo(GatewayOutcome.NOT_FOUND);
    }

    @Test
    void aVoidReleasesOnlyAnUncapturedAuthorization() {
        AuthorizationRequest held = hold("4242424242424242", "80.00");
        gateway.authorize(held);
        assertThat(gateway.voidAuthorization(held.reference(), "void1").approved()).isTrue();
        assertThat(gateway.capture(held.reference(), "cap-after-void", Money.of("80", "TWD")).declineCode()).isEqualTo("authorization_voided");

        AuthorizationRequest sold = sale("4242424242424242", "80.00");
        gateway.authorize(sold);
        assertThat(gateway.voidAuthorization(sold.reference(), "void2").declineCode()).isEqualTo("already_captured");
    }

    @Test
    void concurrentCapturesNeverPassTheAuthorization() throws Exception {
        AuthorizationRequest request = hold("4242424242424242", "1000.00");
        gateway.authorize(request);
        List<Callable<GatewayResult>> captures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String op = "cap-" + i;
            captures.add(() -> gateway.capture(request.reference(), op, Money.of("100", "TWD")));
        }
        try (var pool = Executors.newFixedThreadPool(10)) {
            long approved = 0;
            for (Future<GatewayResult> f : pool.invokeAll(captures)) {
                approved += f.get().approved() ? 1 : 0;
            }
            assertThat(approved).isEqualTo(10);
        }
        assertThat(gateway.status(request.reference()).captured()).isEqualTo(Money.of("1000", "TWD"));
    }

    @Test
    void theCardNeverReachesTheAcquirersBooks() {
        gateway.authorize(sale("4242424242424242", "10.00"));
        var rows = jdbc.sql("select * from sandbox_charge").query().listOfRows().toString()
                + jdbc.sql("select * from sandbox_operation").query().listOfRows().toString();
        assertThat(rows).doesNotContain("4242424242424242").doesNotContain("123,");
    }
}
