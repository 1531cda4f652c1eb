package io.telepay.telephony.media;

/** G.711 µ-law (PCMU) and A-law (PCMA) to and from 16-bit linear samples (ITU-T G.711, the classic tables' arithmetic). */
public final class G711 {

    public static final int PCMU = 0;
    public static final int PCMA = 8;

    private static final short[] ULAW_TO_LINEAR = new short[256];
    private static final short[] ALAW_TO_LINEAR = new short[256];

    static {
        for (int i = 0; i < 256; i++) {
            int u = ~i & 0xFF;
            int t = ((u & 0x0F) << 3) + 0x84;
            t <<= (u & 0x70) >> 4;
            ULAW_TO_LINEAR[i] = (short) ((u & 0x80) != 0 ? 0x84 - t : t - 0x84);

            int a = i ^ 0x55;
            int value = (a & 0x0F) << 4;
            int segment = (a & 0x70) >> 4;
            value = switch (segment) {
                case 0 -> value + 8;
                case 1 -> value + 0x108;
                default -> (value + 0x108) << (segment - 1);
            };
            ALAW_TO_LINEAR[i] = (short) ((a & 0x80) != 0 ? value : -value);
        }
    }

    private G711() {
    }

    public static short decode(int codec, byte sample) {
        return codec == PCMU ? ULAW_TO_LINEAR[sample & 0xFF] : ALAW_TO_LINEAR[sample & 0xFF];
    }

    public static byte encode(int codec, int linear) {
        return codec == PCMU ? ulaw(linear) : alaw(linear);
    }

    /** The codec's code for silence (what a masked or idle frame carries). */
    public static byte silence(int codec) {
        return codec == PCMU ? (byte) 0xFF : (byte) 0xD5;
    }

    static byte ulaw(int linear) {
        int sample = Math.max(-32635, Math.min(32635, linear));
        int sign = sample < 0 ? 0x80 : 0;
        if (sample < 0) {
            sample = -sample;
        }
        sample += 0x84;
        int exponent = 7;
        for (int mask = 0x4000; (sample & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (sample >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    static byte alaw(int linear) {
        int sample = Math.max(-32767, Math.min(32767, linear));
        int sign = sample >= 0 ? 0x80 : 0;
        if (sample < 0) {
            sample = -sample;
        }
        int result;
        if (sample < 256) {
            result = sample >> 4;
        } else {
            int exponent = 7;
            for (int mask = 0x4000; (sample & mask) == 0 && exponent > 1; mask >>= 1) {
                exponent--;
            }
            result = (exponent << 4) | ((sample >> (exponent + 3)) & 0x0F);
        }
        return (byte) ((result | sign) ^ 0x55);
    }
}
