package io.telepay.telephony;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import io.telepay.telephony.media.G711;

/**
 * Writes what a phone sends while the caller keys: RTP in a pcap file (Ethernet/IPv4/UDP) for sipp's
 * {@code play_pcap_audio}, which sends each packet at its recorded time from sipp's media port to the
 * address our SDP answer gave. Keys as RFC 4733 events, or as DTMF tones in G.711 audio.
 */
final class RtpPcap {

    static final int TELEPHONE_EVENT = 101;
    private static final String KEYS = "0123456789*#";
    private static final double[][] TONES = {{941, 1336}, {697, 1209}, {697, 1336}, {697, 1477}, {770, 1209}, {770, 1336},
            {770, 1477}, {852, 1209}, {852, 1336}, {852, 1477}, {941, 1209}, {941, 1477}};

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long timeMicros;
    private int sequence = 1000;
    private long timestamp = 16_000;

    RtpPcap() {
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        out.writeBytes(header.array());
    }

    /** Waits this long (nothing sent, as a phone on mute). */
    RtpPcap pause(long millis) {
        timeMicros += millis * 1000;
        timestamp += millis * 8;
        return this;
    }

    /**
     * Keys as RFC 4733 events: each {@code toneMillis} long (an update every 20 ms, the end sent three
     * times), {@code gapMillis} between keys. Spaces in {@code keys} are ignored.
     */
    RtpPcap events(String keys, int toneMillis, int gapMillis) {
        for (char key : keys.replace(" ", "").toCharArray()) {
            int event = KEYS.indexOf(key);
            long start = timestamp;
            boolean first = true;
            for (int elapsed = 20; elapsed <= toneMillis; elapsed += 20) {
                boolean end = elapsed + 20 > toneMillis;
                for (int copy = 0; copy < (end ? 3 : 1); copy++) {
                    byte[] payload = {(byte) event, (byte) ((end ? 0x80 : 0) | 10), (byte) ((elapsed * 8) >> 8), (byte) (elapsed * 8)};
                    packet(TELEPHONE_EVENT, first, start, payload);
                    first = false;
                }
                advance(20);
            }
            timestamp = start + toneMillis * 8L;
            silenceFor(gapMillis, G711.PCMU);
        }
        return this;
    }

    /** Keys as tones in the audio: {@code toneMillis} of the key's two frequencies, then {@code gapMillis} of silence. */
    RtpPcap tones(String keys, int codec, int toneMillis, int gapMillis, double amplitude, double twistDb) {
        for (char key : keys.replace(" ", "").toCharArray()) {
            double[] f = TONES[KEYS.indexOf(key)];
            double high = amplitude * Math.pow(10, twistDb / 20);
            audio(codec, toneMillis, n -> amplitude * Math.sin(2 * Math.PI * f[0] * n / 8000) + high * Math.sin(2 * Math.PI * f[1] * n / 8000));
            silenceFor(gapMillis, codec);
        }
        return this;
    }

    /**
     * Keys sent both ways at once, as some phones do: an RFC 4733 event and, in the same 20 ms steps,
     * the key's tones in the µ-law audio beside it.
     */
    RtpPcap eventsWithTones(String keys, int toneMillis, int gapMillis, double amplitude) {
        for (char key : keys.replace(" ", "").toCharArray()) {
            int event = KEYS.indexOf(key);
            double[] f = TONES[event];
            long start = timestamp;
            for (int elapsed = 20; elapsed <= toneMillis; elapsed += 20) {
                byte[] frame = new byte[160];
                for (int i = 0; i < 160; i++) {
                    long n = timestamp + i;
                    frame[i] = G711.encode(G711.PCMU, (int) Math.round(amplitude * Math.sin(2 * Math.PI * f[0] * n / 8000)
                            + amplitude * Math.sin(2 * Math.PI * f[1] * n / 8000)));
                }
                packet(G711.PCMU, false, timestamp, frame);
                timestamp += 160;
                boolean end = elapsed + 20 > toneMillis;
                for (int copy = 0; copy < (end ? 3 : 1); copy++) {
                    byte[] payload = {(byte) event, (byte) ((end ? 0x80 : 0) | 10), (byte) ((elapsed * 8) >> 8), (byte) (elapsed * 8)};
                    packet(TELEPHONE_EVENT, elapsed == 20 && copy == 0, start, payload);
                }
                advance(20);
            }
            silenceFor(gapMillis, G711.PCMU);
        }
        return this;
    }

    /** Recorded speech (8 kHz µ-law samples), 20 ms a packet. */
    RtpPcap speech(byte[] ulaw) {
        for (int at = 0; at + 160 <= ulaw.length; at += 160) {
            packet(G711.PCMU, false, timestamp, java.util.Arrays.copyOfRange(ulaw, at, at + 160));
            timestamp += 160;
            advance(20);
        }
        return this;
    }

    /** Audio of the function of the sample index, 20 ms a packet. */
    RtpPcap audio(int codec, int millis, java.util.function.LongToDoubleFunction signal) {
        for (int done = 0; done < millis; done += 20) {
            byte[] frame = new byte[160];
            for (int i = 0; i < 160; i++) {
                frame[i] = G711.encode(codec, (int) Math.round(signal.applyAsDouble(timestamp + i)));
            }
            packet(codec, false, timestamp, frame);
            timestamp += 160;
            advance(20);
        }
        return this;
    }

    RtpPcap silenceFor(int millis, int codec) {
        return audio(codec, millis, n -> 0);
    }

    private void advance(int millis) {
        timeMicros += millis * 1000L;
    }

    private void packet(int payloadType, boolean marker, long rtpTimestamp, byte[] payload) {
        ByteBuffer rtp = ByteBuffer.allocate(12 + payload.length);
        rtp.put((byte) 0x80).put((byte) ((marker ? 0x80 : 0) | payloadType)).putShort((short) sequence++)
                .putInt((int) rtpTimestamp).putInt(0x5eed1234).put(payload);
        int udpLength = 8 + rtp.capacity();
        int ipLength = 20 + udpLength;
        ByteBuffer frame = ByteBuffer.allocate(14 + ipLength);
        frame.put(new byte[12]).putShort((short) 0x0800);
        frame.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) 0).putShort((short) 0)
                .put((byte) 64).put((byte) 17).putShort((short) 0).put(new byte[] {127, 0, 0, 1}).put(new byte[] {127, 0, 0, 1});
        frame.putShort((short) 40000).putShort((short) 40002).putShort((short) udpLength).putShort((short) 0);
        frame.put(rtp.array());
        ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt((int) (timeMicros / 1_000_000)).putInt((int) (timeMicros % 1_000_000)).putInt(frame.capacity()).putInt(frame.capacity());
        out.writeBytes(record.array());
        out.writeBytes(frame.array());
    }

    Path write(Path directory, String name) throws IOException {
        return Files.write(directory.resolve(name), out.toByteArray());
    }
}
