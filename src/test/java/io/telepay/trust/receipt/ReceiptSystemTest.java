package io.telepay.trust.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.telepay.payment.PaymentCaptured;
import io.telepay.payment.Payments;
import io.telepay.shared.Money;
import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.RecordedEvents;
import io.telepay.testing.Sales;
import io.telepay.testing.SystemTest;
import io.telepay.trust.Consumers;
import io.telepay.trust.FraudReported;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Receipts after a real sale, the charge page they link to, and "I did not authorize this". */
class ReceiptSystemTest extends SystemTest {

    private static final Pattern LINK = Pattern.compile("/receipts/([a-z2-7]{32})");

    @Autowired
    RecordedEvents events;

    @Autowired
    Payments payments;

    @Autowired
    Receipts receipts;

    private final Sales sales = new Sales(this);

    record Paid(Sales.Sale sale, String paymentId) {
    }

    private Paid paid(String amount, String number) {
        Sales.Sale sale = sales.confirmedOrder(amount, "TWD");
        var result = http().header("Accept", "application/json").post("/pay/" + sales.payToken(sale), Sales.card(number, "123"));
        assertThat(result.json().get("status").asString()).as(result.toString()).isEqualTo("SUCCEEDED");
        return new Paid(sale, result.json().get("paymentId").asString());
    }

    private record Message(String channel, String to, String body) {
    }

    private List<Message> receiptMessages(String paymentId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                        "select channel, recipient, body from notify_message where purpose = 'PAYMENT_RECEIPT' and reference = :p order by channel")
                .param("p", paymentId).query((rs, n) -> new Message(rs.getString(1), rs.getString(2), rs.getString(3))).list(),
                list -> list.size() == 2);
    }

    private static String token(String body) {
        Matcher link = LINK.matcher(body);
        assertThat(link.find()).as(body).isTrue();
        return link.group(1);
    }

    private Http consumer() {
        return Consumers.fromNewAddress(base());
    }

    @Test
    void aRealSaleSendsAReceiptBySmsAndEmailWithTheChargeAndALinkToIt() {
        Paid paid = paid("1999.00", "4242424242424242");
        List<Message> messages = receiptMessages(paid.paymentId());
        assertThat(messages).extracting(Message::channel).containsExactly("EMAIL", "SMS");
        Message sms = messages.get(1);
        assertThat(sms.to()).startsWith("+8869");
        String reference = paid.sale().asAgent().get("/api/v1/orders/" + paid.sale().orderId()).json().get("reference").asString();
        assertThat(sms.body()).as("the short reference a person reads back, not the internal id")
                .contains(reference.substring(0, 4) + " " + reference.substring(4)).doesNotContain(paid.sale().orderId()).contains("NT$1,999").contains("VISA ****4242")
                .contains("服務人員：測試").contains("agent 測試").contains("/receipts/")
                .doesNotContain("4242424242424242").doesNotContain("424242******");
        String token = token(sms.body());
        assertThat(token(messages.get(0).body())).as("one link for both channels").isEqualTo(token);

        var page = consumer().header("Accept-Language", "zh-TW").get("/receipts/" + token);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("NT$1,999").contains("VISA ****4242").contains(paid.sale().orderId())
                .contains("線上課程 " + paid.sale().productSku()).contains("這筆交易不是我授權的").contains("PIN 碼")
                .doesNotContain("_csrf");
        JsonNode json = consumer().get("/api/v1/public/receipts/" + token).json();
        assertThat(json.get("amount").get("amount").asString()).isEqualTo("1999.00");
        assertThat(json.get("cardLast4").asString()).isEqualTo("4242");
        assertThat(json.get("agentName").asString()).isEqualTo("測試");
        assertThat(json.get("disputed").asBoolean()).isFalse();
        assertThat(json.toString()).doesNotContain(paid.paymentId()).doesNotContain("fingerprint").doesNotContain(paid.sale().customerId());

        assertThat(jdbc.sql("select count(*) from trust_receipt where token_hash = :t").param("t", token).query(Long.class).single())
                .as("only the token's hash is stored").isZero();
        assertThat(jdbc.sql("select token_hash from trust_receipt where payment_id = :p").param("p", paid.paymentId())
                .query(String.class).single()).isEqualTo(Receipts.hash(token));
    }

    @Test
    void notMeFilesAReportLinkedToThePaymentHoldsItAndTellsRisk() {
        Paid paid = paid("3200.00", "5555555555554444");
        String token = token(receiptMessages(paid.paymentId()).get(1).body());
        String fingerprint = as(Role.ADMIN).get("/api/v1/payments/" + paid.paymentId()).json().get("card").get("fingerprint").asString();
        assertThat(payments.settlementHeld(paid.paymentId())).isFalse();

        var question = consumer().header("Accept-Language", "en").get("/receipts/" + token + "/dispute");
        assertThat(question.body()).contains("What happened?").contains("I confirm that I did not authorize this charge");
        assertThat(payments.settlementHeld(paid.paymentId())).as("asking is not reporting").isFalse();

        var page = consumer().header("Accept-Language", "en").postForm("/receipts/" + token + "/dispute", Map.of(
                "what", "GAVE_DETAILS_TO_CALLER", "details", "They called from 02 2345 6789 and I read them 5555 5555 5555 4444",
                "confirmed", "yes"));
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.body()).contains("we received your report").contains("We stopped this charge from being paid out");
        Matcher reference = Pattern.compile("rpt_[a-z2-7]{26}").matcher(page.body());
        assertThat(reference.find()).isTrue();
        String reportId = reference.group();

        assertThat(payments.settlementHeld(paid.paymentId())).isTrue();
        FraudReported event = await().atMost(Duration.ofSeconds(5)).until(() -> events.of(FraudReported.class).stream()
                .filter(e -> reportId.equals(e.reportId())).findFirst(), java.util.Optional::isPresent).orElseThrow();
        assertThat(event.paymentId()).isEqualTo(paid.paymentId());
        assertThat(event.agentId()).isEqualTo(paid.sale().agent().id());
        assertThat(event.cardFingerprint()).isEqualTo(fingerprint);
        assertThat(event.customerId()).isEqualTo(paid.sale().customerId());

        JsonNode report = as(Role.RISK_ANALYST).get("/api/v1/reports/" + reportId).json();
        assertThat(report.get("source").asString()).isEqualTo("RECEIPT");
        assertThat(report.get("description").asString()).contains("gave card details, a code or a PIN to a caller")
                .contains("02 2345 6789").doesNotContain("5555 5555 5555 4444");
        assertThat(report.get("paymentId").asString()).isEqualTo(paid.paymentId());
        assertThat(report.get("links").toString()).contains("PAYMENT", "AGENT", "CUSTOMER", "CARD", fingerprint);

        var again = consumer().post("/api/v1/public/receipts/" + token + "/dispute", Map.of());
        assertThat(again.json().get("reference").asString()).as("saying it twice files one report").isEqualTo(reportId);
        assertThat(again.json().get("settlementHeld").asBoolean()).isTrue();
        assertThat(events.of(FraudReported.class).stream().filter(e -> paid.paymentId().equals(e.paymentId())).count()).isEqualTo(1);
        assertThat(consumer().header("Accept-Language", "en").get("/receipts/" + token).body())
                .contains("You reported this charge").contains(reportId).doesNotContain("/dispute\"");
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'payment.settlement-held' and subject = :p")
                .param("p", paid.paymentId()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aReportWithoutAnAnswerOrAConfirmationIsAskedAgainKeepingWhatWasChosenAndReportsNothing() {
        Paid paid = paid("880.00", "4242424242424242");
        String token = token(receiptMessages(paid.paymentId()).get(1).body());

        var unconfirmed = consumer().header("Accept-Language", "zh-TW").postForm("/receipts/" + token + "/dispute",
                Map.of("what", "DID_NOT_AGREE", "details", "只同意買一堂課"));
        assertThat(unconfirmed.status()).isEqualTo(422);
        assertThat(unconfirmed.body()).contains("請勾選以確認回報").doesNotContain("請選擇發生了什麼事")
                .containsPattern("value=\"DID_NOT_AGREE\"[^>]*checked").contains("只同意買一堂課");
        var unanswered = consumer().header("Accept-Language", "en").postForm("/receipts/" + token + "/dispute",
                Map.of("confirmed", "yes", "what", "SOMETHING_MADE_UP"));
        assertThat(unanswered.status()).isEqualTo(422);
        assertThat(unanswered.body()).contains("Choose what happened.");

        assertThat(payments.settlementHeld(paid.paymentId())).isFalse();
        assertThat(consumer().get("/api/v1/public/receipts/" + token).json().get("disputed").asBoolean()).isFalse();
    }

    @Test
    void unknownTamperedAndExpiredLinksShowNothing() {
        Paid paid = paid("500.00", "4242424242424242");
        String token = token(receiptMessages(paid.paymentId()).get(1).body());
        String tampered = token.substring(0, 31) + (token.endsWith("a") ? "b" : "a");
        assertThat(consumer().get("/receipts/" + tampered).status()).isEqualTo(404);
        assertThat(consumer().get("/receipts/short").status()).isEqualTo(404);
        assertThat(consumer().get("/api/v1/public/receipts/" + tampered).status()).isEqualTo(404);
        assertThat(consumer().post("/api/v1/public/receipts/" + tampered + "/dispute", Map.of()).status()).isEqualTo(404);
        assertThat(consumer().postForm("/receipts/" + tampered + "/dispute", Map.of()).status()).isEqualTo(404);
        assertThat(consumer().get("/receipts/" + tampered + "/dispute").status()).isEqualTo(404);
        assertThat(payments.settlementHeld(paid.paymentId())).isFalse();

        clock.advance(Duration.ofDays(91));
        try {
            assertThat(consumer().get("/receipts/" + token).status()).as("past its validity").isEqualTo(404);
            assertThat(consumer().post("/api/v1/public/receipts/" + token + "/dispute", Map.of()).status()).isEqualTo(404);
        } finally {
            clock.advance(Duration.ofDays(-91));
        }
        assertThat(consumer().get("/receipts/" + token).status()).isEqualTo(200);
    }

    @Test
    void aCaptureHeardTwiceSendsOneReceipt() {
        Paid paid = paid("880.00", "4242424242424242");
        receiptMessages(paid.paymentId());
        receipts.issue(new PaymentCaptured(paid.paymentId(), paid.sale().orderId(), paid.sale().customerId(),
                paid.sale().agent().id(), Money.of("880.00", "TWD"), "cap_test", "VISA", "4242",
                "fp_test"));
        assertThat(jdbc.sql("select count(*) from trust_receipt where payment_id = :p").param("p", paid.paymentId())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from notify_message where purpose = 'PAYMENT_RECEIPT' and reference = :p")
                .param("p", paid.paymentId()).query(Long.class).single()).isEqualTo(2);
    }
}
