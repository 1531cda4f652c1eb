package io.telepay.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Signatures against vectors computed outside Java ({@code openssl dgst -sha256 -hmac}). */
class SigningSecretTest {

    static final SigningSecret SECRET = new SigningSecret("whsec_dGVzdC12ZWN0b3Itc2VjcmV0LW5vdC1mb3ItcHJvZHVjdGlvbg");
    static final SigningSecret OLD = new SigningSecret("whsec_b2xkLXNlY3JldC1iZWZvcmUtcm90YXRpb24tMzItYnl0ZXMh");
    static final String BODY = "{\"id\":\"evt_test\",\"type\":\"order.paid\",\"data\":{\"orderId\":\"ord_1\",\"total\":{\"amount\":\"1999.00\",\"currency\":\"TWD\"}}}";

    @Test
    void signsTimestampDotBodyWithHmacSha256AsOpensslDoes() {
        // printf '%s' '1767225600.<body>' | openssl dgst -sha256 -hmac 'whsec_dGVz…'
        assertThat(SECRET.sign(1767225600L, BODY)).isEqualTo("41a8e29c12631c5b68affe2faeddbc1a7c29ba4dc85b6d841bc082ff848e0187");
    }

    @Test
    void signsTheBodyAsUtf8Bytes() {
        assertThat(SECRET.sign(1700000000L, "{\"name\":\"線上課程\"}"))
                .isEqualTo("04619eea7834c6e24c56a119ec682faebc73c68654a0ca7ef0eeb167c62c6448");
    }

    @Test
    void theHeaderCarriesOneSignaturePerValidSecretCurrentFirst() {
        assertThat(SignatureHeader.of(1767225600L, BODY, List.of(SECRET)))
                .isEqualTo("t=1767225600,v1=41a8e29c12631c5b68affe2faeddbc1a7c29ba4dc85b6d841bc082ff848e0187");
        assertThat(SignatureHeader.of(1767225600L, BODY, List.of(SECRET, OLD)))
                .isEqualTo("t=1767225600,v1=41a8e29c12631c5b68affe2faeddbc1a7c29ba4dc85b6d841bc082ff848e0187"
                        + ",v1=c66aad7a5b0a62a7fe572dcccf210f1190ff1ee7f22eeab3423a704ee1de2083");
    }

    @Test
    void aChangedTimestampOrBodyChangesTheSignature() {
        String signature = SECRET.sign(1767225600L, BODY);
        assertThat(SECRET.sign(1767225601L, BODY)).isNotEqualTo(signature);
        assertThat(SECRET.sign(1767225600L, BODY.replace("1999.00", "1.00"))).isNotEqualTo(signature);
    }

    @Test
    void aGeneratedSecretHoldsThirtyTwoRandomBytesAndNeverRepeats() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String value = SigningSecret.generate(random).value();
            assertThat(value).startsWith("whsec_");
            assertThat(Base64.getUrlDecoder().decode(value.substring(6))).hasSize(32);
            seen.add(value);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void theSecretNeverShowsInItsStringForm() {
        assertThat(SECRET.toString()).doesNotContain("dGVzdC12ZWN0b3I");
    }

    @Test
    void refusesAValueThatIsNotASecret() {
        assertThatThrownBy(() -> new SigningSecret("short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SigningSecret(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
