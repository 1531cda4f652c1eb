package io.telepay.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SdpTest {

    private static Sdp.Offer read(String sdp) throws Exception {
        return Sdp.readOffer(sdp.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void takesTheCallersFirstG711AndTelephoneEvent() throws Exception {
        Sdp.Offer offer = read("""
                v=0\r
                o=- 1 1 IN IP4 10.0.0.9\r
                s=-\r
                c=IN IP4 10.0.0.9\r
                t=0 0\r
                m=audio 30000 RTP/AVP 9 8 0 96\r
                a=rtpmap:9 G722/8000\r
                a=rtpmap:96 telephone-event/8000\r
                a=fmtp:96 0-16\r
                """);
        assertThat(offer.codec()).isEqualTo(8);
        assertThat(offer.codecName()).isEqualTo("PCMA");
        assertThat(offer.telephoneEvent()).isEqualTo(96);
        assertThat(offer.media().getPort()).isEqualTo(30000);
        assertThat(offer.media().getAddress().getHostAddress()).isEqualTo("10.0.0.9");

        String answer = new String(Sdp.answer("192.0.2.7", 41000, 5, offer), StandardCharsets.US_ASCII);
        assertThat(answer).contains("c=IN IP4 192.0.2.7\r\n").contains("m=audio 41000 RTP/AVP 8 96\r\n")
                .contains("a=rtpmap:96 telephone-event/8000\r\n").doesNotContain("G722");
    }

    @Test
    void aMediaLevelAddressWinsAndStaticPayloadsNeedNoRtpmap() throws Exception {
        Sdp.Offer offer = read("v=0\nc=IN IP4 10.0.0.1\nm=audio 4000 RTP/AVP 0\nc=IN IP4 10.0.0.2\n");
        assertThat(offer.media().getAddress().getHostAddress()).isEqualTo("10.0.0.2");
        assertThat(offer.codec()).isZero();
        assertThat(offer.telephoneEvent()).isEqualTo(-1);
    }

    @Test
    void refusesOffersItCannotSpeakAndWhatIsNotSdp() {
        assertThatThrownBy(() -> read("v=0\nc=IN IP4 10.0.0.1\nm=audio 4000 RTP/AVP 9 18\n")).isInstanceOf(Sdp.NotAcceptable.class);
        assertThatThrownBy(() -> read("v=0\nc=IN IP4 10.0.0.1\nm=video 4000 RTP/AVP 96\n")).isInstanceOf(Sdp.NotAcceptable.class);
        assertThatThrownBy(() -> read("hello")).isInstanceOf(MalformedSip.class);
        assertThatThrownBy(() -> read("v=0\nm=audio 4000 RTP/AVP 0\n")).isInstanceOf(MalformedSip.class);
        // a host name would make us resolve whatever a peer wrote
        assertThatThrownBy(() -> read("v=0\nc=IN IP4 attacker.example\nm=audio 4000 RTP/AVP 0\n")).hasMessage("Bad SDP Address");
        assertThatThrownBy(() -> read("v=0\nc=IN IP4 10.0.0.1\nm=audio many RTP/AVP 0\n")).hasMessage("Bad SDP");
    }
}
