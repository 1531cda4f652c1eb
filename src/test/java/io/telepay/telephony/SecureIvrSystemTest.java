package io.telepay.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.telepay.telephony.media.G711;
import io.telepay.testing.CardDataScan;
import io.telepay.testing.Sales;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Whole sales over a real SIP call: an agent opens a keypad session, sipp (the customer's phone) calls
 * the session's SIP URI and keys the card as RFC 4733 events or as in-band tones, the secure IVR takes
 * it through the keypad capture and the order is PAID — or declined, timed out, re-entered, hung up.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecureIvrSystemTest extends SystemTest {

    static final String RFC4733_OFFER = "0 8 101";
    private final Sales sales = new Sales(this);
    private Sipp sipp;

    record KeypadSession(Sales.Sale sale, String id, String code, int sipPort) {
    }

    @BeforeEach
    void needsSipp() {
        Sipp.assumeAvailable();
    }

    private KeypadSession keypadSession(String amount, String currency) {
        Sales.Sale sale = sales.confirmedOrder(amount, currency);
        return keypadSessionFor(sale);
    }

    private KeypadSession keypadSessionFor(Sales.Sale sale) {
        var created = sale.asAgent().post("/api/v1/orders/" + sale.orderId() + "/payment-sessions", Map.of("channel", "IVR"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode json = created.json();
        String code = json.get("keypadCode").asString();
        String uri = json.get("sipUri").asString();
        assertThat(code).matches("[0-9]{8}");
        assertThat(uri).isEqualTo("sip:pay-" + code + "@127.0.0.1:" + uri.substring(uri.lastIndexOf(':') + 1));
        int port = Integer.parseInt(uri.substring(uri.lastIndexOf(':') + 1));
        sipp = new Sipp(port);
        return new KeypadSession(sale, json.get("id").asString(), code, port);
    }

    private static Map<String, String> call(java.nio.file.Path pcap, String formats, String headers, int waitMillis) {
        return Map.of("PCAP", pcap.toString(), "FORMATS", formats, "HEADERS", headers, "WAIT_MS", Integer.toString(waitMillis));
    }

    private JsonNode session(KeypadSession session) {
        return session.sale().asAgent().get("/api/v1/payment-sessions/" + session.id()).json();
    }

    private String orderStatus(KeypadSession session) {
        return session.sale().asAgent().get("/api/v1/orders/" + session.sale().orderId()).json().get("status").asString();
    }

    @Test
    void aCallerKeysTheCardAsTelephoneEventsAndTheOrderIsPaidWhileTheDeskFollowsAndNoLogHoldsADigit(CapturedOutput output) throws Exception {
        Logger telephony = (Logger) LoggerFactory.getLogger("io.telepay.telephony");
        Level before = telephony.getLevel();
        telephony.setLevel(Level.TRACE);
        try {
            KeypadSession session = keypadSession("1280.00", "TWD");
            // a pause before # keeps "16 digits, valid" on the desk long enough for the test's poll to see it
            var pcap = sipp.pcap(new RtpPcap().pause(300).events("4242 4242 4242 4242", 60, 60).pause(800).events("#", 60, 60)
                    .events("1230#", 60, 60).events("123#", 60, 60));
            Set<String> seenOnTheDesk = ConcurrentHashMap.newKeySet();
            AtomicBoolean calling = new AtomicBoolean(true);
            Thread desk = Thread.ofVirtual().start(() -> {
                while (calling.get()) {
                    seenOnTheDesk.add(session(session).get("progress").asString());
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            Sipp.Result result = sipp.run("pay", "pay-" + session.code(), "127.0.0.1", "u1",
                    call(pcap, RFC4733_OFFER, "Accept-Language: en", 30_000));
            calling.set(false);
            desk.join();
            assertThat(result.succeeded()).as(result.toString()).isTrue();

            JsonNode after = session(session);
            assertThat(after.get("status").asString()).isEqualTo("COMPLETED");
            assertThat(orderStatus(session)).isEqualTo("PAID");
            JsonNode payment = as(io.telepay.shared.Role.RISK_ANALYST).get("/api/v1/payments/" + after.get("paymentId").asString()).json();
            assertThat(payment.get("status").asString()).isEqualTo("CAPTURED");
            assertThat(payment.get("card").get("last4").asString()).isEqualTo("4242");
            assertThat(payment.get("card").get("expMonth").asInt()).isEqualTo(12);
            assertThat(seenOnTheDesk).as("the agent's desk followed the keys live").anyMatch(p -> p.matches("[0-9]+ digits of the card number entered"))
                    .contains("16 digits entered, valid (Visa)");

            assertThat(output.getAll()).as("the call was logged at TRACE").contains("Keypad call").contains("INVITE sip:pay-");
            List<String> leaks = new ArrayList<>(new CardDataScan(jdbc, List.of("4242424242424242"), List.of("123")).databaseLeaks());
            assertThat(leaks).isEmpty();
            assertThat(output.getAll()).doesNotContain("4242424242424242").doesNotContain("4242 4242")
                    .doesNotContainPattern("(?i)(key|digit|event)[^\\n]{0,12}[=:][ ]*[0-9*#]\\b");
        } finally {
            telephony.setLevel(before);
        }
    }

    @Test
    void aDeclinedCardIsSaidAndAnotherCardPaysOnTheSameCall() {
        KeypadSession session = keypadSession("399.00", "TWD");
        var pcap = sipp.pcap(new RtpPcap().pause(300).events("4000 0000 0000 0002#1230#123#", 60, 60)
                // "declined, you can try another card" and the card-number prompt are cut short by the next keys
                .pause(1500).events("5555 5555 5555 4444#1230#321#", 60, 60));
        Sipp.Result result = sipp.run("pay", "pay-" + session.code(), "127.0.0.1", "u1",
                call(pcap, RFC4733_OFFER, "Accept-Language: en", 30_000));
        assertThat(result.succeeded()).as(result.toString()).isTrue();
        assertThat(orderStatus(session)).isEqualTo("PAID");
        JsonNode after = session(session);
        assertThat(after.get("declinedAttempts").asInt()).isEqualTo(1);
        assertThat(as(io.telepay.shared.Role.RISK_ANALYST).get("/api/v1/payments/" + after.get("paymentId").asString()).json()
                .get("card").get("brand").asString()).isEqualTo("MASTERCARD");
    }

    @Test
    void afterTheOutcomeTheCallerIsTransferredBackWhereThePbxSaid() {
        KeypadSession session = keypadSession("199.00", "TWD");
        var pcap = sipp.pcap(new RtpPcap().pause(300).events("5555 5555 5555 4444#1230#123#", 60, 60));
        // the scenario checks the REFER names the X-Telepay-Return-To address, says the transfer worked, and takes the BYE
        Sipp.Result result = sipp.run("transfer", "pay-" + session.code(), "127.0.0.1", "u1", Map.of("PCAP", pcap.toString()));
        assertThat(result.succeeded()).as(result.toString()).isTrue();
        assertThat(orderStatus(session)).isEqualTo("PAID");
        Sipp.Result used = sipp.run("refused", "pay-" + session.code(), "127.0.0.1", "u1", Map.of("FORMATS", RFC4733_OFFER, "STATUS", "404"));
        assertThat(used.succeeded()).as("a code dies with its session: " + used).isTrue();
    }

    @Test
    void silenceRepromptsAndStarStartsTheFieldAgain() {
        KeypadSession session = keypadSession("88.00", "TWD");
        var pcap = sipp.pcap(new RtpPcap().pause(300)
                // a stray key, then silence past the 2 s key timeout: the field is dropped and asked again
                .events("9", 60, 60).pause(3000)
                .events("4242 4242 4242 4242#", 60, 60)
                // a wrong expiry, * and the right one
                .events("0999*", 60, 60).pause(400).events("1230#", 60, 60)
                .events("123#", 60, 60));
        Sipp.Result result = sipp.run("pay", "pay-" + session.code(), "127.0.0.1", "u1",
                call(pcap, RFC4733_OFFER, "Accept-Language: en", 40_000));
        assertThat(result.succeeded()).as(result.toString()).isTrue();
        assertThat(orderStatus(session)).isEqualTo("PAID");
        JsonNode payment = as(io.telepay.shared.Role.RISK_ANALYST).get("/api/v1/payments/" + session(session).get("paymentId").asString()).json();
        assertThat(payment.get("card").get("expYear").asInt()).isEqualTo(2030);
    }

    @Test
    void threeSilentTriesEndTheCallAndTheSessionStaysOpen() {
        KeypadSession session = keypadSession("66.00", "TWD");
        var pcap = sipp.pcap(new RtpPcap().pause(100));
        long started = System.nanoTime();
        Sipp.Result result = sipp.run("pay", "pay-" + session.code(), "127.0.0.1", "u1",
                call(pcap, RFC4733_OFFER, "Accept-Language: en", 60_000));
        assertThat(result.succeeded()).as(result.toString()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("three prompts, each followed by the 2 s timeout")
                .isGreaterThan(Duration.ofSeconds(6));
        assertThat(session(session).get("status").asString()).isEqualTo("OPEN");
        assertThat(orderStatus(session)).isEqualTo("CONFIRMED");
    }

    @Test
    void aCallerWhoHangsUpHalfwayLeavesTheSessionOpenAndCanCallAgain() {
        KeypadSession session = keypadSession("150.00", "TWD");
        var half = sipp.pcap(new RtpPcap().pause(300).events("4242 4242 4242 4242#12", 60, 60));
        Sipp.Result hungUp = sipp.run("hangup", "pay-" + session.code(), "127.0.0.1", "u1",
                Map.of("PCAP", half.toString(), "FORMATS", RFC4733_OFFER, "HEADERS", "Accept-Language: en", "HANGUP_AFTER_MS", "3500"));
        assertThat(hungUp.succeeded()).as(hungUp.toString()).isTrue();
        assertThat(session(session).get("status").asString()).isEqualTo("OPEN");
        assertThat(session(session).has("paymentId")).isFalse();
        assertThat(orderStatus(session)).isEqualTo("CONFIRMED");

        var whole = sipp.pcap(new RtpPcap().pause(300).events("4242 4242 4242 4242#1230#123#", 60, 60));
        Sipp.Result again = sipp.run("pay", "pay-" + session.code(), "127.0.0.1", "u1",
                call(whole, RFC4733_OFFER, "Accept-Language: zh-TW", 30_000));
        assertThat(again.succeeded()).as(again.toString()).isTrue();
        assertThat(orderStatus(session)).isEqualTo("PAID");
    }

    @Test
    void twoCallsAtOnceOnTwoSessionsOneOverTcp() {
        KeypadSession first = keypadSession("100.00", "TWD");
        KeypadSession second = keypadSession("200.00", "CNY");
        var keys = new RtpPcap().pause(300).events("4242 4242 4242 4242#1230#123#", 60, 60);
        var one = sipp.start("pay", "pay-" + first.code(), "127.0.0.1", "u1",
                call(sipp.pcap(keys), RFC4733_OFFER, "Accept-Language: zh-CN", 30_000));
        var two = sipp.start("pay", "pay-" + second.code(), "127.0.0.1", "t1",
                call(sipp.pcap(keys), RFC4733_OFFER, "Accept-Language: zh-TW", 30_000));
        Sipp.Result a = Sipp.finish(one);
        Sipp.Result b = Sipp.finish(two);
        assertThat(a.succeeded()).as(a.toString()).isTrue();
        assertThat(b.succeeded()).as(b.toString()).isTrue();
        assertThat(orderStatus(first)).isEqualTo("PAID");
        assertThat(orderStatus(second)).isEqualTo("PAID");
    }

    @Test
    void inBandTonesInALawAudioPayTheOrder() {
        KeypadSession session = keypadSession("520.00", "TWD");
        // no telephone-event offered: the carrier sends the keys as tones in the audio, a little twisted
        var pcap = sipp.pcap(new RtpPcap().silenceFor(300, G711.PCMA)
                .tones("4242 4242 4242 4242#", G711.PCMA, 80, 80, 6000, -3)
                .tones("1230#", G711.PCMA, 80, 80, 6000, 2)
                .tones("123#", G711.PCMA, 80, 80, 6000, 0));
        Sipp.Result result = sipp.run("pay", "pay-" + session.code(), "127.0.0.1", "u1",
                call(pcap, "8", "Accept-Language: en", 30_000));
        assertThat(result.succeeded()).as(result.toString()).isTrue();
        assertThat(orderStatus(session)).isEqualTo("PAID");
    }

    @Test
    void anUnknownCodeIs404AndAnUntrustedSourceIs403() {
        KeypadSession session = keypadSession("10.00", "TWD");
        Sipp.Result unknown = sipp.run("refused", "pay-00000000", "127.0.0.1", "u1", Map.of("FORMATS", RFC4733_OFFER, "STATUS", "404"));
        assertThat(unknown.succeeded()).as(unknown.toString()).isTrue();
        Sipp.Result untrusted = sipp.run("refused", "pay-" + session.code(), "127.0.0.2", "u1", Map.of("FORMATS", RFC4733_OFFER, "STATUS", "403"));
        assertThat(untrusted.succeeded()).as(untrusted.toString()).isTrue();
        Sipp.Result noG711 = sipp.run("refused", "pay-" + session.code(), "127.0.0.1", "u1", Map.of("FORMATS", "9 101", "STATUS", "488"));
        assertThat(noG711.succeeded()).as(noG711.toString()).isTrue();
        assertThat(session(session).get("status").asString()).isEqualTo("OPEN");
    }

    @Test
    void aCodeDiesWithItsSession() {
        KeypadSession session = keypadSession("10.00", "TWD");
        // a new session for the order replaces this one: its code no longer reaches anything
        keypadSessionFor(session.sale());
        Sipp.Result old = sipp.run("refused", "pay-" + session.code(), "127.0.0.1", "u1", Map.of("FORMATS", RFC4733_OFFER, "STATUS", "404"));
        assertThat(old.succeeded()).as(old.toString()).isTrue();
    }
}
