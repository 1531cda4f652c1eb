package io.telepay.telephony.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class G711Test {

    @Test
    void everyCodeDecodesAndEncodesBackToItself() {
        for (int code = 0; code < 256; code++) {
            byte b = (byte) code;
            assertThat(G711.encode(G711.PCMU, G711.decode(G711.PCMU, b)) & 0xFF)
                    .as("µ-law %02x", code).isIn(code, 0x7F, 0xFF); // µ-law has two zeros
            assertThat(G711.encode(G711.PCMA, G711.decode(G711.PCMA, b))).as("A-law %02x", code).isEqualTo(b);
        }
    }

    @Test
    void knownValuesAndQuantisationError() {
        assertThat(G711.decode(G711.PCMU, (byte) 0xFF)).isZero();
        assertThat(G711.decode(G711.PCMU, (byte) 0x80)).isEqualTo((short) 32124);
        assertThat(G711.decode(G711.PCMA, (byte) 0xD5)).isEqualTo((short) 8);
        for (int linear = -32000; linear <= 32000; linear += 37) {
            int error = Math.abs(G711.decode(G711.PCMU, G711.encode(G711.PCMU, linear)) - linear);
            assertThat(error).as("µ-law at %d", linear).isLessThanOrEqualTo(Math.max(4, Math.abs(linear) / 16));
            error = Math.abs(G711.decode(G711.PCMA, G711.encode(G711.PCMA, linear)) - linear);
            assertThat(error).as("A-law at %d", linear).isLessThanOrEqualTo(Math.max(8, Math.abs(linear) / 16));
        }
    }
}
