package io.telepay.telephony.media;

/**
 * A quick, deliberately over-eager look for DTMF in one 20 ms packet: one low-group and one high-group
 * frequency each holding a fair share of the packet's energy. It decides what a masking relay
 * silences, where a missed tone edge would leak a key and a false alarm costs 20 ms of the customer's
 * voice; reading keys is {@link DtmfDetector}'s job, with its stricter checks.
 */
final class ToneEnergy {

    private static final double[] LOW = {697, 770, 852, 941};
    private static final double[] HIGH = {1209, 1336, 1477, 1633};
    private static final double MIN_SHARE = 0.2;
    private static final double MIN_ENERGY_PER_SAMPLE = 150.0 * 150.0;

    private ToneEnergy() {
    }

    static boolean dtmfLike(short[] samples) {
        int n = samples.length;
        if (n == 0) {
            return false;
        }
        double energy = 0;
        for (short s : samples) {
            energy += (double) s * s;
        }
        if (energy / n < MIN_ENERGY_PER_SAMPLE) {
            return false;
        }
        return share(samples, LOW, energy) >= MIN_SHARE && share(samples, HIGH, energy) >= MIN_SHARE;
    }

    // the largest share of the energy that one frequency of the group holds (a sinusoid's Goertzel power is (A·N/2)², its energy A²·N/2)
    private static double share(short[] samples, double[] group, double energy) {
        double best = 0;
        for (double f : group) {
            double power = DtmfDetector.power(samples, 2 * Math.cos(2 * Math.PI * f / 8000.0));
            best = Math.max(best, 2 * power / samples.length / energy);
        }
        return best;
    }
}
