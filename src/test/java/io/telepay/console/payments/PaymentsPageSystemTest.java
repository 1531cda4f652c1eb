package io.telepay.console.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.telepay.console.ConsolePageSupport;
import io.telepay.console.LocalReceiver;
import io.telepay.customer.CustomerFixtures;
import io.telepay.identity.StaffUser;
import io.telepay.shared.Role;
import io.telepay.testing.ConsoleSession;
import io.telepay.testing.Http;
import io.telepay.testing.Sales;
import io.telepay.trust.Consumers;
import org.junit.jupiter.api.Test;

/**
 * {@code /console/payments}: the search filters, who sees which payment, the refund form (partial, over-refund,
 * approval, a double submit) and the refund on the customer's receipt.
 */
class PaymentsPageSystemTest extends ConsolePageSupport {

    private static final Pattern RECEIPT_LINK = Pattern.compile("/receipts/([a-z2-7]{32})");

    private final Sales sales = new Sales(this);

    record Paid(Sales.Sale sale, String paymentId) {
    }

    private Paid paid(Sales.Sale sale, String number) {
        Http.Response result = http().header("Accept", "application/json").post("/pay/" + sales.payToken(sale), Sales.card(number, "123"));
        assertThat(result.json().get("status").asString()).as(result.toString()).isEqualTo("SUCCEEDED");
        return new Paid(sale, result.json().get("paymentId").asString());
    }

    private String phoneOf(String customerId) {
        return jdbc.sql("select phone from customer where id = :id").param("id", customerId).query(String.class).single();
    }

    private static String list(ConsoleSession session, String query) {
        return session.http().get("/console/payments?" + query).body();
    }

    private static String row(String paymentId) {
        return "data-payment=\"" + paymentId + "\"";
    }

    @Test
    void searchesByPhoneAsTypedLast4IdsAmountDatesAndStatus() {
        Sales.Sale first = sales.confirmedOrder("2468.13", "TWD");
        Paid visa = paid(first, "4242424242424242");
        Paid mastercard = paid(sales.confirmedOrderFor(first), "5555555555554444");
        Paid otherCustomer = paid(sales.confirmedOrderForNewCustomer(first), "4242424242424242");
        String refundId = first.asAgent().post("/api/v1/payments/" + visa.paymentId() + "/refunds",
                Map.of("amount", Map.of("amount", "100.00", "currency", "TWD"), "reason", "部分退款")).json().get("id").asString();
        ConsoleSession admin = signedIn(Role.ADMIN);
        String local = CustomerFixtures.local(phoneOf(first.customerId()));

        String byPhone = page(admin, "/console/payments?phone=" + local.replace("-", "+"), 200).body();
        assertThat(byPhone).contains(row(visa.paymentId())).contains(row(mastercard.paymentId()))
                .doesNotContain(row(otherCustomer.paymentId()))
                .contains("VISA ···· 4242").contains("MASTERCARD ···· 4444").contains("林志玲").contains(first.agent().displayName());
        assertThat(list(admin, "phone=" + phoneOf(first.customerId()).replace("+", "%2B") + "&last4=4444"))
                .contains(row(mastercard.paymentId())).doesNotContain(row(visa.paymentId()));
        assertThat(list(admin, "reference=" + first.orderId())).contains(row(visa.paymentId())).doesNotContain(row(mastercard.paymentId()));
        assertThat(list(admin, "reference=" + mastercard.paymentId())).contains(row(mastercard.paymentId())).doesNotContain(row(visa.paymentId()));
        assertThat(list(admin, "reference=" + refundId)).as("a refund's id finds its payment").contains(row(visa.paymentId()));
        String orderReference = first.asAgent().get("/api/v1/orders/" + first.orderId()).json().get("reference").asString();
        assertThat(list(admin, "reference=" + orderReference.substring(0, 4) + "+" + orderReference.substring(4).toLowerCase(java.util.Locale.ROOT)))
                .as("the short reference the customer reads out, typed as heard").contains(row(visa.paymentId()))
                .doesNotContain(row(mastercard.paymentId()));
        assertThat(list(admin, "amount=2,468.13&phone=" + local)).contains(row(visa.paymentId()));
        assertThat(list(admin, "amount=2468.14&phone=" + local)).doesNotContain(row(visa.paymentId()));
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Taipei"));
        assertThat(list(admin, "phone=" + local + "&from=" + today + "&to=" + today)).contains(row(visa.paymentId()));
        assertThat(list(admin, "phone=" + local + "&from=" + today.plusDays(1))).doesNotContain(row(visa.paymentId()));
        assertThat(list(admin, "phone=" + local + "&to=" + today.minusDays(1))).doesNotContain(row(visa.paymentId()));
        assertThat(list(admin, "phone=" + local + "&status=PARTIALLY_REFUNDED")).contains(row(visa.paymentId()))
                .doesNotContain(row(mastercard.paymentId()));

        Http.Response notAPhone = page(admin, "/console/payments?phone=abc-def&last4=42x2", 400);
        assertThat(notAPhone.body()).contains("id=\"phone-error\"").contains("This is not a phone number")
                .contains("id=\"last4-error\"").contains("value=\"abc-def\"").doesNotContain("data-payment=");
        Http.Response inChinese = admin.http().get("/console/payments?lang=zh-TW&amount=abc");
        assertThat(inChinese.status()).isEqualTo(400);
        assertThat(inChinese.body()).contains("請輸入金額");
    }

    @Test
    void anAmountIsReadInEachPaymentsOwnCurrency() {
        Paid yen = paid(sales.confirmedOrder("1999", "JPY"), "4242424242424242");
        Paid dollars = paid(sales.confirmedOrder("19.99", "USD"), "4242424242424242");
        ConsoleSession admin = signedIn(Role.ADMIN);
        String both = "&reference=";
        assertThat(list(admin, "amount=1999" + both + yen.sale().orderId())).as("¥1,999 has no minor unit").contains(row(yen.paymentId()));
        assertThat(list(admin, "amount=19.99" + both + yen.sale().orderId())).doesNotContain(row(yen.paymentId()));
        assertThat(list(admin, "amount=19.99" + both + dollars.sale().orderId())).contains(row(dollars.paymentId()));
        assertThat(list(admin, "amount=1999" + both + dollars.sale().orderId())).doesNotContain(row(dollars.paymentId()));
        assertThat(page(admin, "/console/payments?amount=-5", 400).body()).contains("id=\"amount-error\"");
        assertThat(page(admin, "/console/payments?cursor=nonsense", 400).body()).contains("This page link is out of date");
    }

    @Test
    void anAgentSeesTheirOwnPaymentsOnlyAndNoFingerprint() {
        Paid mine = paid(sales.confirmedOrder("880.00", "TWD"), "4242424242424242");
        Paid theirs = paid(sales.confirmedOrder("990.00", "TWD"), "4242424242424242");
        ConsoleSession agent = signedIn(mine.sale().agent());

        assertThat(page(agent, "/console/payments?reference=" + mine.sale().orderId(), 200).body()).contains(row(mine.paymentId()));
        assertThat(list(agent, "reference=" + theirs.paymentId())).doesNotContain(row(theirs.paymentId()));
        page(agent, "/console/payments/" + theirs.paymentId(), 404);
        String own = page(agent, "/console/payments/" + mine.paymentId(), 200).body();
        String fingerprint = jdbc.sql("select card_fingerprint from payment where id = :id").param("id", mine.paymentId())
                .query(String.class).single();
        assertThat(own).contains("VISA ···· 4242").doesNotContain(fingerprint).contains("data-testid=\"refund-form\"");

        StaffUser supervisor = newUser(Role.SUPERVISOR, staff.get(mine.sale().agent().id()).team());
        ConsoleSession team = signedIn(supervisor);
        assertThat(page(team, "/console/payments/" + mine.paymentId(), 200).body()).contains(fingerprint);
        page(team, "/console/payments/" + theirs.paymentId(), 404);
        ConsoleSession analyst = signedIn(Role.RISK_ANALYST);
        String asAnalyst = page(analyst, "/console/payments/" + theirs.paymentId(), 200).body();
        assertThat(asAnalyst).as("analysts read, they do not refund").doesNotContain("data-testid=\"refund-form\"")
                .contains("/console/risk/decisions/" + theirs.paymentId())
                .as("blocking the card, phone or e-mail is one step away").contains("/console/risk/decisions/" + theirs.paymentId() + "#block");
        assertThat(own).doesNotContain("/console/risk/decisions/").doesNotContain("data-testid=\"block-link\"");
    }

    @Test
    void aPartialRefundFromTheFormOnceEvenWhenSubmittedTwiceAndShownOnTheReceipt() {
        try (LocalReceiver receiver = LocalReceiver.start()) {
            Http admin = as(Role.ADMIN);
            String hook = admin.post("/api/v1/webhook-endpoints", Map.of("url", receiver.url(),
                    "events", List.of("payment.captured", "payment.refunded"))).json().get("id").asString();
            try {
                refundsOnceAndShowsItOnTheReceipt();
            } finally {
                admin.method("DELETE", "/api/v1/webhook-endpoints/" + hook);
            }
        }
    }

    private void refundsOnceAndShowsItOnTheReceipt() {
        Sales.Sale sale = sales.confirmedOrder("1999.00", "TWD");
        // a declined card first: the timeline tells the attempt and why
        String token = sales.payToken(sale);
        assertThat(http().get("/pay/" + token).status()).isEqualTo(200);
        Http.Response declined = http().header("Accept", "application/json").post("/pay/" + token,
                Sales.card("4000000000000002", "123"));
        assertThat(declined.json().get("status").asString()).isEqualTo("DECLINED");
        Http.Response approved = http().header("Accept", "application/json").post("/pay/" + token,
                Sales.card("4242424242424242", "123"));
        assertThat(approved.json().get("status").asString()).as(approved.toString()).isEqualTo("SUCCEEDED");
        Paid paid = new Paid(sale, approved.json().get("paymentId").asString());
        ConsoleSession agent = signedIn(paid.sale().agent());
        String path = "/console/payments/" + paid.paymentId();
        String form = page(agent, path, 200).body();
        assertThat(form).contains("value=\"1999.00\"").contains("name=\"idempotencyKey\"");
        String key = find(form, "name=\"idempotencyKey\" value=\"([^\"]+)\"");
        // the very form twice, as a double click sends it: same key, same fields, same CSRF token
        List<Map.Entry<String, String>> fields = List.of(field("_csrf", find(form, "name=\"_csrf\" value=\"([^\"]+)\"")),
                field("idempotencyKey", key), field("amount", "500"), field("reason", "客戶退回一件商品"), field("confirm", "yes"));

        Http.Response done = postWithout(agent, path + "/refunds", fields);
        assertThat(done.status()).as(done.body()).isEqualTo(302);
        assertThat(done.header("Location")).endsWith(path);
        Http.Response again = postWithout(agent, path + "/refunds", fields);
        assertThat(again.status()).as("the same form sent again answers the first time").isEqualTo(302);
        assertThat(jdbc.sql("select count(*) from payment_operation where payment_id = :p and kind = 'REFUND'")
                .param("p", paid.paymentId()).query(Integer.class).single()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                        select count(*) from webhook_delivery d join webhook_event e on e.id = d.event_id
                        where e.payment_id = :p and d.status = 'SUCCEEDED'""")
                .param("p", paid.paymentId()).query(Integer.class).single() == 2);
        // the receipt is queued after the capture commits: wait for it before reading the timeline
        Matcher link = RECEIPT_LINK.matcher(await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                        "select body from notify_message where purpose = 'PAYMENT_RECEIPT' and reference = :p and channel = 'SMS'")
                .param("p", paid.paymentId()).query(String.class).optional(), java.util.Optional::isPresent).orElseThrow());
        String after = page(agent, path, 200).body();
        assertThat(after).contains("Refund of NT$500").contains("客戶退回一件商品").contains("value=\"1499.00\"")
                .contains("Partly refunded").contains("Another attempt: VISA ···· 0002").contains("the bank declined the card")
                .contains("Card entered: VISA ···· 4242").contains("Payment session started: pay link")
                .contains("The customer opened the pay page")
                .contains("Webhook to your systems: payment captured").contains("Webhook to your systems: payment refunded")
                .contains("delivered").contains("Receipt by SMS");

        assertThat(link.find()).isTrue();
        Http.Response receipt = Consumers.fromNewAddress(base()).header("Accept-Language", "zh-TW").get("/receipts/" + link.group(1));
        assertThat(receipt.status()).isEqualTo(200);
        assertThat(receipt.body()).contains("已退回您的卡片").contains("−NT$500").contains("NT$1,499");
        Http.Response inEnglish = Consumers.fromNewAddress(base()).header("Accept-Language", "en").get("/receipts/" + link.group(1));
        assertThat(inEnglish.body()).contains("Refunded to your card").contains("You paid in the end");
    }

    @Test
    void aRefundAboveWhatIsLeftOrWithoutReasonIsRefusedNextToTheFieldKeepingWhatWasTyped() {
        Paid paid = paid(sales.confirmedOrder("1200.00", "TWD"), "4242424242424242");
        ConsoleSession agent = signedIn(paid.sale().agent());
        String path = "/console/payments/" + paid.paymentId();
        String key = find(page(agent, path, 200).body(), "name=\"idempotencyKey\" value=\"([^\"]+)\"");

        Http.Response over = post(agent, path, path + "/refunds", List.of(field("idempotencyKey", key), field("amount", "1300"),
                field("reason", "客訴補償"), field("confirm", "yes")));
        assertThat(over.status()).isEqualTo(422);
        assertClean("over-refund", over);
        assertThat(over.body()).contains("id=\"amount-error\"").contains("more than is left to refund: at most NT$1,200")
                .contains("value=\"1300\"").contains("客訴補償").doesNotContain("id=\"reason-error\"")
                .doesNotContain("value=\"" + key + "\"");
        String fresh = find(over.body(), "name=\"idempotencyKey\" value=\"([^\"]+)\"");
        Http.Response noReason = post(agent, path, path + "/refunds", List.of(field("idempotencyKey", fresh), field("amount", "12.5x"),
                field("reason", " ")));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.body()).contains("id=\"reason-error\"").contains("Say why the money goes back")
                .contains("id=\"amount-error\"").contains("id=\"confirm-error\"");
        String third = find(noReason.body(), "name=\"idempotencyKey\" value=\"([^\"]+)\"");
        Http.Response cardInReason = post(agent, path, path + "/refunds", List.of(field("idempotencyKey", third), field("amount", "10"),
                field("reason", "客戶卡號 " + CARD), field("confirm", "yes")));
        assertThat(cardInReason.status()).isEqualTo(422);
        assertClean("a card number typed into the reason", cardInReason);
        assertThat(cardInReason.body()).contains("id=\"reason-error\"").contains("must not hold a card number");
        assertThat(jdbc.sql("select count(*) from payment_operation where payment_id = :p and kind = 'REFUND'")
                .param("p", paid.paymentId()).query(Integer.class).single()).isZero();
        Http.Response withoutKey = post(agent, path, path + "/refunds", List.of(field("amount", "10"), field("reason", "x"),
                field("confirm", "yes")));
        assertThat(withoutKey.status()).as("a money move needs its key, as in the API").isEqualTo(400);
    }

    @Test
    void aLargeRefundWaitsForApprovalAndIsOnTheApprovalsPage() {
        Paid paid = paid(sales.confirmedOrder("30000.00", "TWD"), "4242424242424242");
        ConsoleSession agent = signedIn(paid.sale().agent());
        String path = "/console/payments/" + paid.paymentId();
        String key = find(page(agent, path, 200).body(), "name=\"idempotencyKey\" value=\"([^\"]+)\"");
        Http.Response asked = post(agent, path, path + "/refunds", List.of(field("idempotencyKey", key), field("amount", "12000"),
                field("reason", "年約取消"), field("confirm", "yes")));
        assertThat(asked.status()).isEqualTo(302);
        String shown = page(agent, path, 200).body();
        assertThat(shown).contains("Refund of NT$12,000 is waiting for approval").contains("value=\"18000.00\"");
        assertThat(page(agent, path, 200).body()).as("on a later visit").contains("data-testid=\"pending-refunds\"")
                .contains("1 refund(s) on this payment wait for approval").contains("waiting for approval");
        String refundId = jdbc.sql("select id from payment_operation where payment_id = :p and kind = 'REFUND'")
                .param("p", paid.paymentId()).query(String.class).single();
        assertThat(jdbc.sql("select status from payment_operation where id = :id").param("id", refundId).query(String.class).single())
                .isEqualTo("PENDING_APPROVAL");
        ConsoleSession supervisor = signedIn(newUser(Role.SUPERVISOR, staff.get(paid.sale().agent().id()).team()));
        assertThat(page(supervisor, "/console/team/approvals", 200).body()).contains("data-refund=\"" + refundId + "\"");
    }
}
