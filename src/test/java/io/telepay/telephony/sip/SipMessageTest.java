package io.telepay.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SipMessageTest {

    private static SipMessage parse(String text) throws MalformedSip {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return SipMessage.parse(bytes, bytes.length);
    }

    private static final String INVITE = """
            INVITE sip:pay-12345678@10.0.0.5:5060;transport=udp SIP/2.0\r
            v: SIP/2.0/UDP 10.0.0.9:5060;branch=z9hG4bK776asdhds;rport, SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKabc\r
            Max-Forwards: 70\r
            To: <sip:pay-12345678@10.0.0.5>\r
            f: "陳大文" <sip:+886912345678@pbx.example>;tag=1928301774\r
            i: a84b4c76e66710@pbx\r
            CSeq: 314159 INVITE\r
            Subject: folded\r
             across lines\r
            Contact: <sip:pbx@10.0.0.9:5060>\r
            c: application/sdp\r
            l: 4\r
            \r
            v=0
            """;

    @Test
    void readsCompactFormsFoldedLinesAndTheBodyByContentLength() throws MalformedSip {
        SipMessage invite = parse(INVITE);
        assertThat(invite.method()).isEqualTo("INVITE");
        assertThat(SipMessage.userOf(invite.uri())).isEqualTo("pay-12345678");
        assertThat(invite.header("Call-ID")).isEqualTo("a84b4c76e66710@pbx");
        assertThat(invite.header("content-type")).isEqualTo("application/sdp");
        assertThat(invite.header("Subject")).isEqualTo("folded across lines");
        assertThat(invite.branch()).isEqualTo("z9hG4bK776asdhds");
        assertThat(invite.cseqNumber()).isEqualTo(314159);
        assertThat(invite.cseqMethod()).isEqualTo("INVITE");
        assertThat(SipMessage.tag(invite.header("From"))).isEqualTo("1928301774");
        assertThat(SipMessage.tag(invite.header("To"))).isNull();
        assertThat(SipMessage.uriOf(invite.header("From"))).isEqualTo("sip:+886912345678@pbx.example");
        assertThat(new String(invite.body(), StandardCharsets.UTF_8)).isEqualTo("v=0\n");
    }

    @Test
    void writesWhatItReadsWithAnExactContentLength() throws MalformedSip {
        SipMessage invite = parse(INVITE);
        SipMessage again = parse(new String(invite.bytes(), StandardCharsets.UTF_8));
        var expected = new java.util.ArrayList<>(invite.headers().stream().filter(h -> !h.name().equals("Content-Length")).toList());
        expected.add(new SipMessage.Header("Content-Length", "4"));
        assertThat(again.headers()).isEqualTo(expected);
        assertThat(again.header("Content-Length")).isEqualTo("4");
        assertThat(again.header("From")).isEqualTo(invite.header("From"));
        assertThat(again.summary()).isEqualTo("INVITE sip:pay-12345678@10.0.0.5:5060;transport=udp call a84b4c76e66710@pbx");
    }

    @Test
    void refusesWhatBreaksTheGrammarNamingTheReason() {
        assertThatThrownBy(() -> parse(INVITE.replace("CSeq: 314159 INVITE", "CSeq: 314159 BYE"))).hasMessage("CSeq Method Mismatch");
        assertThatThrownBy(() -> parse(INVITE.replace("CSeq: 314159", "CSeq: x"))).hasMessage("Bad CSeq");
        assertThatThrownBy(() -> parse(INVITE.replace("i: a84b4c76e66710@pbx\r\n", ""))).hasMessage("Missing Call-ID");
        assertThatThrownBy(() -> parse(INVITE.replace("l: 4", "l: 40"))).hasMessage("Bad Content-Length");
        assertThatThrownBy(() -> parse(INVITE.replace("l: 4", "l: -1"))).hasMessage("Bad Content-Length");
        assertThatThrownBy(() -> parse(INVITE.replace(" SIP/2.0\r\nv:", " SIP/3.0\r\nv:"))).hasMessage("Bad Request Line");
        assertThatThrownBy(() -> parse(INVITE.replace("sip:pay-12345678@10.0.0.5:5060;transport=udp", "http://x"))).hasMessage("Bad Request-URI");
        assertThatThrownBy(() -> parse(INVITE.replace("Max-Forwards: 70", "Max-Forwards: lots"))).hasMessage("Bad Max-Forwards");
        assertThatThrownBy(() -> parse(INVITE.replace("Max-Forwards: 70", "Max Forwards 70"))).hasMessage("Bad Header Line");
        assertThatThrownBy(() -> parse("INVITE sip:x@y SIP/2.0\r\nVia: a")).hasMessage("No End Of Headers");
    }

    @Test
    void readsAResponse() throws MalformedSip {
        SipMessage ok = parse("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKx\r\nCSeq: 7 BYE\r\nContent-Length: 0\r\n\r\n");
        assertThat(ok.isRequest()).isFalse();
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.cseqMethod()).isEqualTo("BYE");
        assertThat(ok.branch()).isEqualTo("z9hG4bKx");
    }
}
