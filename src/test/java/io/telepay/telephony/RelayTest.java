package io.telepay.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.telepay.telephony.media.G711;
import io.telepay.telephony.media.Relay;
import io.telepay.telephony.media.RtpPacket;
import org.junit.jupiter.api.Test;

/** The masking relay on the loopback, fed at the pace a phone sends: speech passes, keys do not. */
class RelayTest {

    private static byte[] speech(String language, String prompt, int millis) throws Exception {
        try (InputStream in = RelayTest.class.getResourceAsStream("/telephony/prompts/" + language + "/" + prompt + ".ul")) {
            return Arrays.copyOf(in.readAllBytes(), millis * 8);
        }
    }

    @Test
    void speechAfterKeysReachesTheAgentWhole() throws Exception {
        relayed(true);
    }

    /** What a starved reader sees: everything at once. Masking goes by RTP time, not by when packets were read. */
    @Test
    void aBurstOfLatePacketsIsMaskedTheSameWay() throws Exception {
        relayed(false);
    }

    private void relayed(boolean paced) throws Exception {
        byte[] after = speech("zh-TW", "approved", 1500);
        RtpPcap pcap = new RtpPcap().eventsWithTones("123#", 80, 80, 6000).speech(after);
        List<Tshark.Datagram> packets = Tshark.read(pcapBytes(pcap));
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        StringBuilder keys = new StringBuilder();
        try (DatagramSocket phone = new DatagramSocket(0, loopback); DatagramSocket agentPhone = new DatagramSocket(0, loopback)) {
            Relay relay = new Relay(new DatagramSocket(0, loopback), new InetSocketAddress(loopback, phone.getLocalPort()),
                    new DatagramSocket(0, loopback), G711.PCMU, RtpPcap.TELEPHONE_EVENT, keys::append, clock);
            relay.agentAnswered(new InetSocketAddress(loopback, agentPhone.getLocalPort()));
            long start = System.nanoTime();
            for (Tshark.Datagram d : packets) {
                long due = start + d.micros() * 1000;
                while (paced && System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                phone.send(new DatagramPacket(d.payload(), d.payload().length, new InetSocketAddress(loopback, relay.customerPort())));
            }
            agentPhone.setSoTimeout(500);
            List<byte[]> heard = new ArrayList<>();
            while (true) {
                DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
                try {
                    agentPhone.receive(p);
                } catch (SocketTimeoutException done) {
                    break;
                }
                heard.add(RtpPacket.parse(p.getData(), p.getLength()).orElseThrow().payload());
            }
            relay.close();
            int whole = 0;
            for (int at = 0; at + 160 <= after.length; at += 160) {
                byte[] frame = Arrays.copyOfRange(after, at, at + 160);
                if (heard.stream().anyMatch(h -> Arrays.equals(h, frame))) {
                    whole++;
                }
            }
            assertThat(keys.toString()).isEqualTo("123#");
            assertThat(heard.stream().map(RelayTest::dtmfFree)).as("no frame the agent heard holds a tone").containsOnly(true);
            assertThat(whole).as("frames of speech heard as spoken, of %d", after.length / 160).isGreaterThanOrEqualTo(after.length / 160 - 2);
        } finally {
            clock.shutdownNow();
        }
    }

    private static boolean dtmfFree(byte[] frame) {
        short[] samples = new short[frame.length];
        for (int i = 0; i < frame.length; i++) {
            samples[i] = G711.decode(G711.PCMU, frame[i]);
        }
        return new io.telepay.telephony.media.DtmfDetector().feed(samples).isEmpty() && !toneIn(samples);
    }

    // a tone of the key "1" would correlate with 697 and 1209 Hz; silence and speech barely do
    private static boolean toneIn(short[] samples) {
        double energy = 0;
        double low = 0;
        double high = 0;
        for (int i = 0; i < samples.length; i++) {
            energy += (double) samples[i] * samples[i];
        }
        if (energy / samples.length < 100 * 100) {
            return false;
        }
        for (double[] pair : new double[][] {{697, 1209}, {697, 1336}, {697, 1477}, {941, 1477}}) {
            double re1 = 0, im1 = 0, re2 = 0, im2 = 0;
            for (int i = 0; i < samples.length; i++) {
                re1 += samples[i] * Math.cos(2 * Math.PI * pair[0] * i / 8000);
                im1 += samples[i] * Math.sin(2 * Math.PI * pair[0] * i / 8000);
                re2 += samples[i] * Math.cos(2 * Math.PI * pair[1] * i / 8000);
                im2 += samples[i] * Math.sin(2 * Math.PI * pair[1] * i / 8000);
            }
            low = Math.max(low, 2 * (re1 * re1 + im1 * im1) / samples.length / energy);
            high = Math.max(high, 2 * (re2 * re2 + im2 * im2) / samples.length / energy);
        }
        return low > 0.3 && high > 0.3;
    }

    private static byte[] pcapBytes(RtpPcap pcap) throws Exception {
        var dir = java.nio.file.Files.createTempDirectory("relay");
        return java.nio.file.Files.readAllBytes(pcap.write(dir, "p.pcap"));
    }
}
