package io.telepay.telephony.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The Goertzel detector against synthetic audio: the checks a carrier's tones and a caller's voice put it to. */
class DtmfDetectorTest {

    private static final String KEYS = "0123456789*#";
    private static final double[][] TONES = {{941, 1336}, {697, 1209}, {697, 1336}, {697, 1477}, {770, 1209}, {770, 1336},
            {770, 1477}, {852, 1209}, {852, 1336}, {852, 1477}, {941, 1209}, {941, 1477}};

    private static short[] tone(char key, int millis, double amplitude, double twistDb, long offset) {
        double[] f = TONES[KEYS.indexOf(key)];
        double high = amplitude * Math.pow(10, twistDb / 20);
        short[] out = new short[millis * 8];
        for (int i = 0; i < out.length; i++) {
            long n = offset + i;
            out[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * f[0] * n / 8000) + high * Math.sin(2 * Math.PI * f[1] * n / 8000));
        }
        return out;
    }

    private static short[] silence(int millis) {
        return new short[millis * 8];
    }

    /** Feeds the audio in 20 ms packets through G.711 µ-law, as it arrives from a call. */
    private static String detect(DtmfDetector detector, short[]... parts) {
        StringBuilder keys = new StringBuilder();
        for (short[] part : parts) {
            for (int at = 0; at < part.length; at += 160) {
                short[] frame = new short[Math.min(160, part.length - at)];
                for (int i = 0; i < frame.length; i++) {
                    frame[i] = G711.decode(G711.PCMU, G711.encode(G711.PCMU, part[at + i]));
                }
                keys.append(detector.feed(frame));
            }
        }
        return keys.toString();
    }

    @Test
    void readsEveryKeyOnceAtUsualSpeed() {
        DtmfDetector detector = new DtmfDetector();
        StringBuilder expected = new StringBuilder();
        java.util.List<short[]> audio = new java.util.ArrayList<>();
        for (char key : "4242424242424242#1230#123#0*56789".toCharArray()) {
            audio.add(tone(key, 70, 5000, -2, 0));
            audio.add(silence(60));
            expected.append(key);
        }
        assertThat(detect(detector, audio.toArray(short[][]::new))).isEqualTo(expected.toString());
    }

    @Test
    void aLongKeyIsOneKeyAndTheSameKeyAgainNeedsAGap() {
        assertThat(detect(new DtmfDetector(), tone('5', 900, 4000, 0, 0))).isEqualTo("5");
        assertThat(detect(new DtmfDetector(), tone('5', 100, 4000, 0, 0), silence(50), tone('5', 100, 4000, 0, 0))).isEqualTo("55");
    }

    @Test
    void aToneShorterThanTwoBlocksIsNotAKey() {
        assertThat(detect(new DtmfDetector(), silence(40), tone('7', 25, 6000, 0, 0), silence(100))).isEmpty();
    }

    @Test
    void twistBeyondEightDecibelsNormalOrFourReverseIsNotAKey() {
        assertThat(detect(new DtmfDetector(), tone('1', 100, 6000, -7, 0), silence(60))).isEqualTo("1");
        assertThat(detect(new DtmfDetector(), tone('1', 100, 6000, -10, 0), silence(60))).isEmpty();
        assertThat(detect(new DtmfDetector(), tone('1', 100, 4000, 3, 0), silence(60))).isEqualTo("1");
        assertThat(detect(new DtmfDetector(), tone('1', 100, 4000, 6, 0), silence(60))).isEmpty();
    }

    @Test
    void aToneTooQuietIsNotAKey() {
        assertThat(detect(new DtmfDetector(), tone('9', 100, 200, 0, 0), silence(60))).isEmpty();
    }

    @Test
    void speechLikeAudioAndNoiseAreNotKeys() {
        Random random = new Random(42);
        short[] noise = new short[8000 * 3];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (short) (random.nextGaussian() * 3000);
        }
        // a voiced sound: a 140 Hz fundamental with its harmonics, some of which fall near DTMF frequencies
        short[] vowel = new short[8000 * 3];
        for (int i = 0; i < vowel.length; i++) {
            double v = 0;
            for (int h = 1; h <= 20; h++) {
                v += 2500.0 / h * Math.sin(2 * Math.PI * 140 * h * i / 8000 + h);
            }
            vowel[i] = (short) Math.max(-32000, Math.min(32000, v));
        }
        // a chord of one DTMF row tone and a third tone
        short[] chord = new short[8000];
        for (int i = 0; i < chord.length; i++) {
            chord[i] = (short) (5000 * Math.sin(2 * Math.PI * 770 * i / 8000) + 5000 * Math.sin(2 * Math.PI * 1000 * i / 8000));
        }
        assertThat(detect(new DtmfDetector(), noise, vowel, chord)).isEmpty();
    }

    @Test
    void aKeyUnderTalkIsStillAKey() {
        short[] key = tone('3', 100, 6000, 0, 0);
        Random random = new Random(7);
        for (int i = 0; i < key.length; i++) {
            key[i] = (short) (key[i] + random.nextGaussian() * 400);
        }
        assertThat(detect(new DtmfDetector(), key, silence(60))).isEqualTo("3");
    }

    @Test
    void saysWhenTheLastBlockHeldATone() {
        DtmfDetector detector = new DtmfDetector();
        detect(detector, tone('8', 60, 5000, 0, 0));
        assertThat(detector.toneInLastBlock()).isTrue();
        detect(detector, silence(60));
        assertThat(detector.toneInLastBlock()).isFalse();
    }
}
