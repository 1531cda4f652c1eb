package io.telepay.telephony.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TelephoneEventsTest {

    private static byte[] event(int event, boolean end, int duration) {
        return new byte[] {(byte) event, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration};
    }

    @Test
    void anEventIsOneKeyHoweverManyPacketsAndEndsItHas() {
        TelephoneEvents events = new TelephoneEvents();
        StringBuilder keys = new StringBuilder();
        long[] timestamps = {1000, 2600, 4200};
        int[] codes = {4, 11, 10};
        for (int k = 0; k < 3; k++) {
            for (int d = 160; d <= 800; d += 160) {
                append(keys, events.read(event(codes[k], false, d), timestamps[k]));
            }
            for (int copy = 0; copy < 3; copy++) {
                append(keys, events.read(event(codes[k], true, 960), timestamps[k]));
            }
        }
        assertThat(keys.toString()).isEqualTo("4#*");
        assertThat(TelephoneEvents.isEnd(event(1, true, 0))).isTrue();
    }

    @Test
    void theSameKeyTwiceIsTwoEventsAndALateOldPacketIsIgnored() {
        TelephoneEvents events = new TelephoneEvents();
        StringBuilder keys = new StringBuilder();
        append(keys, events.read(event(2, false, 160), 1000));
        append(keys, events.read(event(2, true, 480), 1000));
        append(keys, events.read(event(2, false, 160), 2000));
        append(keys, events.read(event(2, true, 480), 1000));
        append(keys, events.read(event(7, false, 160), 1500));
        assertThat(keys.toString()).isEqualTo("22");
    }

    @Test
    void timestampsThatWrapStillCountAsNewer() {
        TelephoneEvents events = new TelephoneEvents();
        assertThat(events.read(event(1, false, 160), 0xFFFFFF00L)).isEqualTo('1');
        assertThat(events.read(event(3, false, 160), 0x00000100L)).isEqualTo('3');
    }

    @Test
    void flashAndUnknownEventsAndShortPayloadsAreNotKeys() {
        TelephoneEvents events = new TelephoneEvents();
        assertThat(events.read(event(16, false, 160), 10)).isEqualTo((char) 0);
        assertThat(events.read(new byte[] {1, 2}, 20)).isEqualTo((char) 0);
    }

    private static void append(StringBuilder keys, char key) {
        if (key != 0) {
            keys.append(key);
        }
    }
}
