package io.telepay.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.telepay.telephony.media.G711;
import io.telepay.testing.Sales;
import io.telepay.testing.SystemTest;
import io.telepay.testing.TestCards;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Concurrent keypad calls through the secure IVR, each keying its own card, expiry and CVC, and the
 * time from the caller's last # to the first frame of the spoken outcome (telepay.ivr.outcome.latency).
 * Every payment must carry exactly the card its call keyed: a lost or misread digit would make the
 * number invalid (Luhn) or another card. Opt-in (docs/benchmarks.md):
 * <pre>
 * ./mvnw -o test -Dtest=SecureIvrBenchmarkTest -Dbenchmark=true [-Dcalls=20 -Dkeys=rfc4733|inband]
 * </pre>
 */
class SecureIvrBenchmarkTest extends SystemTest {

    private static final Logger log = LoggerFactory.getLogger(SecureIvrBenchmarkTest.class);

    @Autowired
    MeterRegistry meters;

    @Autowired
    SipLine line;

    private final Sales sales = new Sales(this);

    record Caller(Sales.Sale sale, String sessionId, String code, String card, String expiry, String cvc) {
    }

    @Test
    void concurrentCallsKeyEveryDigitRightAndHearTheOutcomeQuickly() throws Exception {
        assumeTrue(Boolean.getBoolean("benchmark"), "run with -Dbenchmark=true");
        Sipp.assumeAvailable();
        int calls = Integer.getInteger("calls", 20);
        boolean inBand = "inband".equals(System.getProperty("keys", "rfc4733"));

        List<Caller> callers = new ArrayList<>();
        Sales.Sale first = sales.confirmedOrder("1999.00", "TWD");
        for (int i = 0; i < calls; i++) {
            Sales.Sale sale = i == 0 ? first : sales.confirmedOrderForNewCustomer(first);
            JsonNode session = sale.asAgent().post("/api/v1/orders/" + sale.orderId() + "/payment-sessions", Map.of("channel", "IVR")).json();
            int month = 1 + ThreadLocalRandom.current().nextInt(12);
            callers.add(new Caller(sale, session.get("id").asString(), session.get("keypadCode").asString(), TestCards.fresh(),
                    String.format("%02d%02d", month, 30 + ThreadLocalRandom.current().nextInt(9)),
                    String.format("%03d", ThreadLocalRandom.current().nextInt(1000))));
        }
        Timer latency = meters.get("telepay.ivr.outcome.latency").timer();
        long before = latency.count();

        Sipp sipp = new Sipp(line.port());
        long started = System.nanoTime();
        List<Process> running = new ArrayList<>();
        for (Caller caller : callers) {
            String keys = caller.card() + "#" + caller.expiry() + "#" + caller.cvc() + "#";
            RtpPcap pcap = inBand ? new RtpPcap().silenceFor(300, G711.PCMU).tones(keys, G711.PCMU, 70, 70, 5000, -2)
                    : new RtpPcap().pause(300).events(keys, 60, 60);
            running.add(sipp.start("pay", "pay-" + caller.code(), "127.0.0.1", "u1", Map.of("PCAP", sipp.pcap(pcap).toString(),
                    "FORMATS", inBand ? "0" : SecureIvrSystemTest.RFC4733_OFFER, "HEADERS", "Accept-Language: en", "WAIT_MS", "60000")));
        }
        List<Sipp.Result> results = new ArrayList<>();
        for (Process process : running) {
            results.add(Sipp.finish(process));
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(results).allSatisfy(r -> assertThat(r.succeeded()).as(r.toString()).isTrue());
        for (Caller caller : callers) {
            JsonNode session = caller.sale().asAgent().get("/api/v1/payment-sessions/" + caller.sessionId()).json();
            assertThat(session.get("status").asString()).as("session of %s", caller.code()).isEqualTo("COMPLETED");
            JsonNode card = as(io.telepay.shared.Role.RISK_ANALYST).get("/api/v1/payments/" + session.get("paymentId").asString()).json().get("card");
            assertThat(card.get("bin").asString() + card.get("last4").asString())
                    .isEqualTo(caller.card().substring(0, 6) + caller.card().substring(12));
            assertThat(card.get("expMonth").asInt()).isEqualTo(Integer.parseInt(caller.expiry().substring(0, 2)));
            assertThat(card.get("expYear").asInt()).isEqualTo(2000 + Integer.parseInt(caller.expiry().substring(2)));
        }
        assertThat(latency.count() - before).isEqualTo(calls);
        StringBuilder percentiles = new StringBuilder();
        for (ValueAtPercentile p : latency.takeSnapshot().percentileValues()) {
            percentiles.append(String.format(" p%.0f %.1f ms", p.percentile() * 100, p.value(java.util.concurrent.TimeUnit.MILLISECONDS)));
        }
        log.info("Secure IVR benchmark: {} concurrent calls ({}), all paid with the keyed card in {} s; last # to spoken outcome:{}, max {} ms",
                calls, inBand ? "in-band tones" : "RFC 4733", String.format("%.1f", seconds), percentiles,
                String.format("%.1f", latency.max(java.util.concurrent.TimeUnit.MILLISECONDS)));
    }
}
