package io.telepay.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.telepay.shared.Role;
import io.telepay.telephony.media.DtmfDetector;
import io.telepay.telephony.media.G711;
import io.telepay.telephony.media.RtpPacket;
import io.telepay.testing.Sales;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Agent assist with real peers: sipp as the customer's phone (talks, keys the card as RFC 4733 events
 * with the same tones in its audio, talks again, hangs up), sipp as the agent's phone (answers
 * Telepay's call, talks), tshark capturing what the agent's phone received. The agent follows the
 * counts on the desk's keypad panel, asks for the security code again, presses Submit there once it is
 * in, and the supervisor's live board shows the call as secure capture; the order is paid, and the
 * packets show the agent heard the customer's voice and not one key.
 */
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class AgentAssistSystemTest extends SystemTest {

    private final Sales sales = new Sales(this);

    @BeforeEach
    void needsPeers() {
        Sipp.assumeAvailable();
        Tshark.assumeAvailable();
    }

    private static byte[] speech(String language, String prompt, int millis) throws IOException {
        try (InputStream in = AgentAssistSystemTest.class.getResourceAsStream("/telephony/prompts/" + language + "/" + prompt + ".ul")) {
            byte[] all = in.readAllBytes();
            return Arrays.copyOf(all, Math.min(all.length, millis * 8));
        }
    }

    @Test
    void theAgentHearsTheCustomerTalkButNoKeyAndPaysFromTheDesk(org.springframework.boot.test.system.CapturedOutput output) throws Exception {
        Sales.Sale sale = sales.confirmedOrder("2480.00", "TWD");
        JsonNode created = sale.asAgent().post("/api/v1/orders/" + sale.orderId() + "/payment-sessions", Map.of("channel", "IVR")).json();
        String sessionId = created.get("id").asString();
        String code = created.get("keypadCode").asString();
        String uri = created.get("sipUri").asString();
        Sipp sipp = new Sipp(Integer.parseInt(uri.substring(uri.lastIndexOf(':') + 1)));

        int agentPort = Sipp.freePort("127.0.0.1");
        int agentMedia = Sipp.freeMediaPort("127.0.0.1");
        byte[] before = speech("en", "welcome", 1500);
        byte[] after = speech("zh-TW", "approved", 1500);
        // the customer keys a wrong security code first; the agent asks for it again from the desk, then it is keyed right
        // the customer starts talking once the agent's phone had time to answer (audio before that reaches nobody)
        var customerAudio = new RtpPcap().pause(2000).speech(before).eventsWithTones("4242 4242 4242 4242#1230#99", 80, 80, 6000).pause(5000)
                .eventsWithTones("123#", 80, 80, 6000).speech(after);
        io.telepay.testing.ConsoleSession desk = signedIn(sale.agent());
        io.telepay.testing.ConsoleSession supervisor = signedIn(newUser(Role.SUPERVISOR, sale.agent().team()));
        String panel = "/console/desk/sessions/" + sessionId + "?customer=" + sale.customerId();
        var agentAudio = new RtpPcap().speech(speech("zh-TW", "card-number", 2000));

        List<Tshark.Datagram> received;
        try (Tshark capture = new Tshark(sipp.directory().resolve("agent-leg.pcap"), "udp and dst port " + agentMedia)) {
            Process agent = sipp.start("agent", "agent", "127.0.0.1", "u1", agentPort, agentMedia,
                    Map.of("PCAP", sipp.pcap(agentAudio).toString(), "WAIT_MS", "60000"));
            Process customer = sipp.start("hangup", "assist-" + code, "127.0.0.1", "u1", Map.of("PCAP", sipp.pcap(customerAudio).toString(),
                    "FORMATS", "0 101", "HEADERS", "X-Telepay-Agent: <sip:agent@127.0.0.1:" + agentPort + ">", "HANGUP_AFTER_MS", "18000"));

            // the desk: counts only
            List<String> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> remember(seen, sale, sessionId).equals("2 security code digits entered"));
            assertThat(seen).contains("16 digits entered, valid (Visa)", "Expiry entered");
            String onTheDesk = desk.http().get(panel).body();
            assertThat(onTheDesk).contains(code).contains("data-testid=\"secure-capture\"").contains("data-testid=\"keypad-submit\"")
                    .doesNotContain("4242 4242").doesNotContain("4242424242424242");
            assertThat(supervisor.http().get("/console/team/live").body()).contains("data-testid=\"secure-capture\"");

            var again = desk.submit(panel, "/console/desk/sessions/" + sessionId + "/keypad/reenter",
                    Map.of("field", "CVC", "customer", sale.customerId()));
            assertThat(again.body()).contains("Ask the customer to key the security code again");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> remember(seen, sale, sessionId).equals("3 security code digits entered"));
            var submitted = desk.submit(panel, "/console/desk/sessions/" + sessionId + "/keypad/submit", Map.of("customer", sale.customerId()));
            assertThat(submitted.body()).as(submitted.toString()).contains("Payment approved.");

            Sipp.Result customerCall = Sipp.finish(customer);
            Sipp.Result agentCall = Sipp.finish(agent);
            assertThat(customerCall.succeeded()).as(customerCall.toString()).isTrue();
            assertThat(agentCall.succeeded()).as("Telepay hung up the agent's leg when the customer left: " + agentCall).isTrue();
            received = capture.stop();
        }
        assertThat(sale.asAgent().get("/api/v1/orders/" + sale.orderId()).json().get("status").asString()).isEqualTo("PAID");
        assertThat(output.getAll()).doesNotContain("4242424242424242");
        assertThat(new io.telepay.testing.CardDataScan(jdbc, List.of("4242424242424242"), List.of("123")).databaseLeaks()).isEmpty();

        // the packet proof, from what the agent's phone received
        List<RtpPacket> rtp = received.stream().map(d -> RtpPacket.parse(d.payload(), d.payload().length)).flatMap(java.util.Optional::stream).toList();
        assertThat(rtp).as("the agent's leg got the customer's audio").hasSizeGreaterThan(250);
        assertThat(rtp).as("no telephone-event packet reached the agent").noneMatch(p -> p.payloadType() == RtpPcap.TELEPHONE_EVENT);
        assertThat(rtp).allMatch(p -> p.payloadType() == G711.PCMU);
        short[] audio = decode(rtp);
        assertThat(new DtmfDetector().feed(audio)).as("no key can be read from the agent's audio").isEmpty();
        Blocks blocks = analyse(audio);
        assertThat(blocks.maxDtmfShare()).as("no 25 ms of the agent's audio holds a DTMF tone pair").isLessThan(0.2);
        int spoken = analyse(ulaw(before)).loud() + analyse(ulaw(after)).loud();
        assertThat(spoken).isGreaterThan(30);
        assertThat(blocks.loud()).as("the customer's voice reached the agent: loud 25 ms blocks, of %d spoken", spoken)
                .isGreaterThanOrEqualTo(spoken * 8 / 10);
    }

    private static String remember(List<String> seen, Sales.Sale sale, String sessionId) {
        String progress = sale.asAgent().get("/api/v1/payment-sessions/" + sessionId).json().get("progress").asString();
        if (seen.isEmpty() || !seen.getLast().equals(progress)) {
            seen.add(progress);
        }
        return progress;
    }

    private static short[] ulaw(byte[] samples) {
        short[] out = new short[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = G711.decode(G711.PCMU, samples[i]);
        }
        return out;
    }

    private static short[] decode(List<RtpPacket> packets) {
        List<RtpPacket> ordered = new ArrayList<>(packets);
        ordered.sort(java.util.Comparator.comparingLong(RtpPacket::timestamp));
        short[] audio = new short[ordered.stream().mapToInt(p -> p.payload().length).sum()];
        int at = 0;
        for (RtpPacket packet : ordered) {
            for (byte b : packet.payload()) {
                audio[at++] = G711.decode(packet.payloadType(), b);
            }
        }
        return audio;
    }

    record Blocks(double maxDtmfShare, int loud) {
    }

    /**
     * Independently of the code under test: in each 205-sample block, the share of the block's energy the
     * strongest low-group and the strongest high-group DTMF frequency hold (a key holds about half each);
     * the smaller of the two is the block's DTMF share.
     */
    private static Blocks analyse(short[] audio) {
        double[] low = {697, 770, 852, 941};
        double[] high = {1209, 1336, 1477, 1633};
        double max = 0;
        int loud = 0;
        for (int start = 0; start + 205 <= audio.length; start += 205) {
            double energy = 0;
            for (int i = start; i < start + 205; i++) {
                energy += (double) audio[i] * audio[i];
            }
            if (energy / 205 > 300.0 * 300.0) {
                loud++;
            }
            if (energy / 205 < 100.0 * 100.0) {
                continue;
            }
            double share = Math.min(strongest(audio, start, low), strongest(audio, start, high)) * 2 / 205 / energy;
            max = Math.max(max, share);
        }
        return new Blocks(max, loud);
    }

    private static double strongest(short[] audio, int start, double[] frequencies) {
        double best = 0;
        for (double f : frequencies) {
            double coefficient = 2 * Math.cos(2 * Math.PI * f / 8000);
            double s1 = 0;
            double s2 = 0;
            for (int i = start; i < start + 205; i++) {
                double s0 = audio[i] + coefficient * s1 - s2;
                s2 = s1;
                s1 = s0;
            }
            best = Math.max(best, s1 * s1 + s2 * s2 - coefficient * s1 * s2);
        }
        return best;
    }
}
