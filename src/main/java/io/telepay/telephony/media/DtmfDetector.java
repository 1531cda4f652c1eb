package io.telepay.telephony.media;

/**
 * In-band DTMF on 8 kHz linear audio: Goertzel's algorithm on blocks of 205 samples (25.6 ms) at the
 * eight DTMF frequencies. A block holds a key when its strongest low (row) and high (column) tones are
 * loud enough, each stands 6 dB above the rest of its group, their twist is within 8 dB (normal: the
 * high tone weaker) or 4 dB (reverse), and together they carry most of the block's energy (speech and
 * noise spread theirs). A key is reported once it held for two blocks in a row (≥ about 40 ms, ITU-T
 * Q.24's minimum); it must stop for a block before the same key counts again.
 */
public final class DtmfDetector {

    static final int BLOCK = 205;
    private static final double[] ROWS = {697, 770, 852, 941};
    private static final double[] COLUMNS = {1209, 1336, 1477, 1633};
    private static final char[][] KEYS = {{'1', '2', '3', 'A'}, {'4', '5', '6', 'B'}, {'7', '8', '9', 'C'}, {'*', '0', '#', 'D'}};
    private static final double[] ROW_COEFFICIENTS = coefficients(ROWS);
    private static final double[] COLUMN_COEFFICIENTS = coefficients(COLUMNS);

    // a tone component of amplitude 500 (about -36 dBm0) over one block, as Goertzel's power measures it
    private static final double MIN_TONE_POWER = Math.pow(500 * BLOCK / 2.0, 2);
    private static final double RELATIVE_PEAK = 4.0;          // 6 dB over the rest of its group
    private static final double NORMAL_TWIST = 6.3;           // 8 dB: high tone weaker than the low one
    private static final double REVERSE_TWIST = 2.5;          // 4 dB: high tone stronger
    private static final double MIN_SHARE_OF_ENERGY = 0.5;
    private static final int BLOCKS_TO_REPORT = 2;

    private final short[] block = new short[BLOCK];
    private int filled;
    private char candidate;
    private int held;
    private boolean reported;
    private boolean toneInLastBlock;

    private static double[] coefficients(double[] frequencies) {
        double[] out = new double[frequencies.length];
        for (int i = 0; i < frequencies.length; i++) {
            out[i] = 2 * Math.cos(2 * Math.PI * frequencies[i] / 8000.0);
        }
        return out;
    }

    /**
     * Feeds samples; returns the keys that became certain in them (usually none, at most one per block).
     */
    public String feed(short[] samples) {
        StringBuilder keys = null;
        for (short sample : samples) {
            block[filled++] = sample;
            if (filled == BLOCK) {
                filled = 0;
                char key = analyse();
                toneInLastBlock = key != 0;
                if (key != 0 && key == candidate) {
                    held++;
                } else {
                    candidate = key;
                    held = key == 0 ? 0 : 1;
                    reported = false;
                }
                if (key != 0 && !reported && held >= BLOCKS_TO_REPORT) {
                    reported = true;
                    if (keys == null) {
                        keys = new StringBuilder(1);
                    }
                    keys.append(key);
                }
            }
        }
        return keys == null ? "" : keys.toString();
    }

    /** Whether the last whole block held a DTMF tone (reported or not): what a masking relay silences. */
    public boolean toneInLastBlock() {
        return toneInLastBlock;
    }

    private char analyse() {
        double energy = 0;
        for (short s : block) {
            energy += (double) s * s;
        }
        double[] rows = new double[4];
        double[] columns = new double[4];
        for (int i = 0; i < 4; i++) {
            rows[i] = power(block, ROW_COEFFICIENTS[i]);
            columns[i] = power(block, COLUMN_COEFFICIENTS[i]);
        }
        int row = strongest(rows);
        int column = strongest(columns);
        double low = rows[row];
        double high = columns[column];
        if (low < MIN_TONE_POWER || high < MIN_TONE_POWER) {
            return 0;
        }
        if (high > low * REVERSE_TWIST || low > high * NORMAL_TWIST) {
            return 0;
        }
        for (int i = 0; i < 4; i++) {
            if ((i != row && rows[i] * RELATIVE_PEAK > low) || (i != column && columns[i] * RELATIVE_PEAK > high)) {
                return 0;
            }
        }
        // a sinusoid of amplitude A has power (A·N/2)² here and energy A²·N/2 in the block
        double toneEnergy = 2 * (low + high) / BLOCK;
        if (toneEnergy < MIN_SHARE_OF_ENERGY * energy) {
            return 0;
        }
        return KEYS[row][column];
    }

    /** Goertzel's power of the samples at the frequency whose coefficient is 2·cos(2πf/8000): (A·N/2)² for a sinusoid of amplitude A. */
    static double power(short[] samples, double coefficient) {
        double previous = 0;
        double beforePrevious = 0;
        for (short sample : samples) {
            double current = sample + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        return previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
    }

    private static int strongest(double[] powers) {
        int best = 0;
        for (int i = 1; i < powers.length; i++) {
            if (powers[i] > powers[best]) {
                best = i;
            }
        }
        return best;
    }
}
