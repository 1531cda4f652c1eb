package io.telepay.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The SIP endpoint's answers to what a PBX, a scanner or a broken peer sends, over plain sockets (no
 * SIP stack could send these): malformed requests 400, untrusted sources 403, a source over its call
 * limit 503 with Retry-After, retransmissions the answer they got before.
 */
class SipEndpointSystemTest extends SystemTest {

    @Autowired
    SipLine line;

    private static String invite(String user, String branch, String callId, String extraHeaders, String body) {
        return "INVITE sip:" + user + "@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=" + branch + ";rport\r\n"
                + "From: <sip:caller@127.0.0.1>;tag=abc\r\n"
                + "To: <sip:" + user + "@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Max-Forwards: 70\r\n"
                + extraHeaders
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0 101\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\n";

    private static String branch() {
        return "z9hG4bK" + UUID.randomUUID().toString().replace("-", "");
    }

    /** Sends a datagram from the address and returns the answers that came within half a second. */
    private List<String> exchange(String from, String... messages) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(from), 0))) {
            socket.setSoTimeout(500);
            for (String message : messages) {
                byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", line.port())));
            }
            List<String> answers = new ArrayList<>();
            byte[] buffer = new byte[65536];
            while (true) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException quiet) {
                    return answers;
                }
                answers.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
            }
        }
    }

    private static String status(String response) {
        return response.substring(0, response.indexOf("\r\n"));
    }

    @Test
    void malformedRequestsAre400AndNoiseIsDropped() throws IOException {
        String badCseq = invite("pay-12345678", branch(), "c1", "", SDP).replace("CSeq: 1 INVITE", "CSeq: one INVITE");
        assertThat(exchange("127.0.0.1", badCseq)).singleElement().satisfies(r -> assertThat(status(r)).isEqualTo("SIP/2.0 400 Bad CSeq"));

        String noCallId = invite("pay-12345678", branch(), "c2", "", SDP).replace("Call-ID: c2\r\n", "");
        assertThat(exchange("127.0.0.1", noCallId)).singleElement().satisfies(r -> {
            assertThat(status(r)).isEqualTo("SIP/2.0 400 Missing Call-ID");
            assertThat(r).contains("CSeq: 1 INVITE").contains(";received=127.0.0.1");
        });

        String shortBody = invite("pay-12345678", branch(), "c3", "", SDP).replace("Content-Length: " + SDP.length(), "Content-Length: 900");
        assertThat(exchange("127.0.0.1", shortBody)).singleElement().satisfies(r -> assertThat(status(r)).isEqualTo("SIP/2.0 400 Bad Content-Length"));

        String methodMismatch = invite("pay-12345678", branch(), "c4", "", SDP).replace("CSeq: 1 INVITE", "CSeq: 1 BYE");
        assertThat(exchange("127.0.0.1", methodMismatch)).singleElement()
                .satisfies(r -> assertThat(status(r)).isEqualTo("SIP/2.0 400 CSeq Method Mismatch"));

        assertThat(exchange("127.0.0.1", "GET / HTTP/1.1\r\nHost: x\r\n\r\n", "\u0000\u0001garbage")).isEmpty();
    }

    @Test
    void anUntrustedSourceIs403WhateverItSends() throws IOException {
        assertThat(exchange("127.0.0.3", invite("pay-12345678", branch(), "u1", "", SDP))).singleElement()
                .satisfies(r -> assertThat(status(r)).isEqualTo("SIP/2.0 403 Forbidden"));
        String options = invite("pay-12345678", branch(), "u2", "", "").replace("INVITE", "OPTIONS");
        assertThat(exchange("127.0.0.3", options)).singleElement()
                .satisfies(r -> assertThat(status(r)).isEqualTo("SIP/2.0 403 Forbidden"));
        // malformed from an untrusted source: not even a 400, nothing to learn
        assertThat(exchange("127.0.0.3", invite("x", branch(), "u3", "", SDP).replace("CSeq: 1 INVITE", "CSeq: x"))).isEmpty();
    }

    @Test
    void aSourceOverItsCallLimitIs503WithRetryAfterAndARetransmissionGetsTheSameAnswer() throws IOException {
        // 127.0.0.4 is trusted and used by this test alone; the test profile allows 60 calls a minute per source
        String[] calls = new String[70];
        for (int i = 0; i < calls.length; i++) {
            calls[i] = invite("pay-0000" + String.format("%04d", i), branch(), "limit-" + i + "-" + UUID.randomUUID(), "", SDP);
        }
        List<String> answers = exchange("127.0.0.4", calls);
        assertThat(answers).hasSize(70);
        assertThat(answers.stream().map(SipEndpointSystemTest::status)).containsOnly("SIP/2.0 404 Not Found", "SIP/2.0 503 Service Unavailable");
        // 60 at once, and the bucket refills one a second while the burst is answered
        assertThat(answers.stream().filter(a -> status(a).contains("404")).count()).isBetween(60L, 62L);
        String limited = answers.stream().filter(a -> status(a).contains("503")).findFirst().orElseThrow();
        assertThat(limited).containsPattern("Retry-After: [1-9][0-9]*\r\n");

        // a retransmission (same branch) after the answer gets the same answer, not a second lookup
        byte[] repeated = invite("pay-99999999", branch(), "again-" + UUID.randomUUID(), "", SDP).getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            socket.setSoTimeout(2000);
            List<String> twice = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                socket.send(new DatagramPacket(repeated, repeated.length, new InetSocketAddress("127.0.0.1", line.port())));
                DatagramPacket answer = new DatagramPacket(new byte[65536], 65536);
                socket.receive(answer);
                twice.add(new String(answer.getData(), 0, answer.getLength(), StandardCharsets.UTF_8));
            }
            assertThat(status(twice.get(0))).isEqualTo("SIP/2.0 404 Not Found");
            assertThat(twice.get(1)).isEqualTo(twice.get(0));
        }
    }

    @Test
    void optionsIsAnsweredWithWhatWeAllowAndOtherMethodsAre405() throws IOException {
        String options = invite("telepay", branch(), "o1", "", "").replace("INVITE", "OPTIONS");
        assertThat(exchange("127.0.0.1", options)).singleElement().satisfies(r -> {
            assertThat(status(r)).isEqualTo("SIP/2.0 200 OK");
            assertThat(r).contains("Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, NOTIFY");
        });
        String register = invite("telepay", branch(), "o2", "", "").replace("INVITE", "REGISTER");
        assertThat(exchange("127.0.0.1", register)).singleElement().satisfies(r -> assertThat(status(r)).isEqualTo("SIP/2.0 405 Method Not Allowed"));
        String bye = invite("telepay", branch(), "o3", "", "").replace("INVITE", "BYE");
        assertThat(exchange("127.0.0.1", bye)).singleElement()
                .satisfies(r -> assertThat(status(r)).isEqualTo("SIP/2.0 481 Call/Transaction Does Not Exist"));
    }

    @Test
    void tcpFramesByContentLengthAndAnswersOnTheConnection() throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), line.port())) {
            socket.setSoTimeout(2000);
            String first = invite("pay-00000001", branch(), "t1", "", SDP).replace("SIP/2.0/UDP", "SIP/2.0/TCP");
            String second = invite("telepay", branch(), "t2", "", "").replace("INVITE", "OPTIONS").replace("SIP/2.0/UDP", "SIP/2.0/TCP");
            socket.getOutputStream().write((first + "\r\n" + second).getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            StringBuilder read = new StringBuilder();
            byte[] buffer = new byte[8192];
            while (!(read.toString().contains("404 Not Found") && read.toString().contains("200 OK"))) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                read.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            assertThat(read.toString()).contains("SIP/2.0 404 Not Found").contains("Call-ID: t1")
                    .contains("SIP/2.0 200 OK").contains("Call-ID: t2");
        }
    }
}
