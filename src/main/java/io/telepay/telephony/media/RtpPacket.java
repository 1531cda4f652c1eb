package io.telepay.telephony.media;

import java.util.Arrays;

/** An RTP packet (RFC 3550 §5.1): the fields we read, and the payload after CSRCs, extension and padding. */
public record RtpPacket(int payloadType, boolean marker, int sequence, long timestamp, long ssrc, byte[] payload) {

    /** Parses a datagram; empty when it is not RTP version 2 or is cut short. */
    public static java.util.Optional<RtpPacket> parse(byte[] data, int length) {
        if (length < 12 || (data[0] & 0xC0) != 0x80) {
            return java.util.Optional.empty();
        }
        int csrcs = data[0] & 0x0F;
        int offset = 12 + 4 * csrcs;
        if ((data[0] & 0x10) != 0) {
            if (offset + 4 > length) {
                return java.util.Optional.empty();
            }
            offset += 4 + 4 * (((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF));
        }
        int end = length;
        if ((data[0] & 0x20) != 0 && length > 12) {
            end -= data[length - 1] & 0xFF;
        }
        if (offset > end) {
            return java.util.Optional.empty();
        }
        int payloadType = data[1] & 0x7F;
        // RTCP multiplexed on the RTP port (RFC 5761) carries 200-204 in this byte: not media
        if (payloadType >= 72 && payloadType <= 76) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new RtpPacket(payloadType, (data[1] & 0x80) != 0,
                ((data[2] & 0xFF) << 8) | (data[3] & 0xFF), readInt(data, 4), readInt(data, 8),
                Arrays.copyOfRange(data, offset, end)));
    }

    public byte[] bytes() {
        byte[] out = new byte[12 + payload.length];
        out[0] = (byte) 0x80;
        out[1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F));
        out[2] = (byte) (sequence >> 8);
        out[3] = (byte) sequence;
        writeInt(out, 4, timestamp);
        writeInt(out, 8, ssrc);
        System.arraycopy(payload, 0, out, 12, payload.length);
        return out;
    }

    private static long readInt(byte[] data, int at) {
        return ((long) (data[at] & 0xFF) << 24) | ((data[at + 1] & 0xFF) << 16) | ((data[at + 2] & 0xFF) << 8) | (data[at + 3] & 0xFF);
    }

    private static void writeInt(byte[] out, int at, long value) {
        out[at] = (byte) (value >> 24);
        out[at + 1] = (byte) (value >> 16);
        out[at + 2] = (byte) (value >> 8);
        out[at + 3] = (byte) value;
    }

    // the payload may be a telephone-event: never print it
    @Override
    public String toString() {
        return "RtpPacket[pt=" + payloadType + ", seq=" + sequence + ", " + payload.length + " bytes]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RtpPacket p && p.payloadType == payloadType && p.sequence == sequence && p.timestamp == timestamp
                && p.ssrc == ssrc && p.marker == marker && Arrays.equals(p.payload, payload);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(ssrc) * 31 + sequence;
    }
}
