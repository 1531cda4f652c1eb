package io.telepay.telephony.media;

/**
 * Reads RFC 4733 telephone-events (DTMF named events 0–15) from their RTP packets. An event is sent as
 * several packets sharing one RTP timestamp (its start), the last three repeated with the E bit; each
 * event is reported once, on its first packet, and repeats or late end packets of it are ignored.
 * A packet whose event's timestamp is older than the last reported one (reordered) is ignored too.
 */
public final class TelephoneEvents {

    private static final String KEYS = "0123456789*#ABCD";

    private long lastTimestamp = -1;
    private int lastEvent = -1;

    /** The key of a new event in this payload, or 0 when the packet continues or ends one already reported. */
    public char read(byte[] payload, long timestamp) {
        if (payload.length < 4) {
            return 0;
        }
        int event = payload[0] & 0xFF;
        if (event >= KEYS.length()) {
            return 0;
        }
        if (lastTimestamp >= 0 && timestamp == lastTimestamp && event == lastEvent) {
            return 0;
        }
        if (lastTimestamp >= 0 && newer(lastTimestamp, timestamp)) {
            return 0;
        }
        lastTimestamp = timestamp;
        lastEvent = event;
        return KEYS.charAt(event);
    }

    // RTP timestamps wrap at 2^32: a is newer than b when it is less than half the range ahead
    private static boolean newer(long a, long b) {
        long difference = (a - b) & 0xFFFFFFFFL;
        return difference != 0 && difference < 0x80000000L;
    }

    /** The E (end) bit of an event payload. */
    public static boolean isEnd(byte[] payload) {
        return payload.length >= 4 && (payload[1] & 0x80) != 0;
    }
}
