package io.telepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.telepay.shared.Role;
import io.telepay.testing.Sales;
import org.junit.jupiter.api.Test;

/**
 * The payment card of the agent's desk (issue 16): no second pay link while a payment holds the card's money,
 * with the reason in words, and the paid line names the card that paid, not the ones declined before it.
 */
class DeskPaymentPanelSystemTest extends PaymentSystemTest {

    private String desk(Sales.Sale sale) {
        return signedIn(sale.agent()).http().header("Accept-Language", "en")
                .get("/console/desk?customer=" + sale.customerId() + "&order=" + sale.orderId()).body();
    }

    @Test
    void aPaymentHeldForReviewOffersNoNewLinkAndSaysWhy() {
        PaymentFixtures.Paid held = fixtures()
                .authorized("2400.00", "TWD", "REVIEW");

        String page = desk(held.sale());
        assertThat(page).contains("data-testid=\"payment-open\"").contains("is held for review: no new link")
                .contains("···· 4242").doesNotContain("value=\"SMS\"");
    }

    @Test
    void afterTheReviewTheStepSaysWhetherThePaymentWasReleasedOrVoided() {
        PaymentFixtures.Paid released = fixtures().authorized("2400.00", "TWD", "REVIEW");
        assertThat(desk(released.sale())).contains("Approved; held for a risk review")
                .as("the card asks again while the review waits").contains("data-waiting-review=\"true\"").contains("hx-trigger=\"every 15s\"");
        assertThat(as(Role.ADMIN).post("/api/v1/payments/" + released.paymentId() + "/release", Map.of()).status()).isEqualTo(200);
        assertThat(desk(released.sale())).contains("Released after the risk review and charged").contains("data-testid=\"paid\"")
                .doesNotContain("Approved; held for a risk review").doesNotContain("data-waiting-review");

        PaymentFixtures.Paid voided = fixtures().authorized("2400.00", "TWD", "REVIEW");
        assertThat(as(Role.ADMIN).post("/api/v1/payments/" + voided.paymentId() + "/void", Map.of()).status()).isEqualTo(200);
        assertThat(desk(voided.sale())).contains("Voided after the risk review: not charged").contains("value=\"SMS\"")
                .doesNotContain("data-testid=\"paid\"");
    }

    @Test
    void thePaidLineNamesTheCardThatPaidAndNotTheDeclinedOne() {
        Sales sales = new Sales(this);
        Sales.Sale sale = sales.confirmedOrder("990.00", "TWD");
        String token = sales.payToken(sale);
        http().get("/pay/" + token);
        assertThat(desk(sale)).as("when the customer opened the link").contains("data-testid=\"pay-opened\"").contains("link opened at");
        assertThat(http().header("Accept", "application/json").post("/pay/" + token, Sales.card("4000 0000 0000 0002", "123"))
                .json().get("status").asString()).isEqualTo("DECLINED");
        assertThat(http().header("Accept", "application/json").post("/pay/" + token, Sales.card("5555 5555 5555 4444", "123"))
                .json().get("status").asString()).isEqualTo("SUCCEEDED");

        String page = desk(sale);
        String paidLine = page.substring(page.indexOf("data-testid=\"paid\""));
        paidLine = paidLine.substring(0, paidLine.indexOf("</p>"));
        assertThat(paidLine).contains("···· 4444").doesNotContain("···· 0002");
    }
}
