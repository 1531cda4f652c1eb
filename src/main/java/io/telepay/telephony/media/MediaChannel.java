package io.telepay.telephony.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's RTP (RFC 3550): receives the caller's audio and telephone-events and hands each key
 * pressed to the listener, and sends our prompts (or silence between them) every 20 ms. Keys come from
 * RFC 4733 events; until the first event arrives, also from tones in the audio (a carrier that sends
 * them in-band). Packets from any address other than the caller's media host are dropped, so no one
 * else can key into the call. Never logs a key or a payload.
 */
public final class MediaChannel implements AutoCloseable {

    /** Receives each key once, in order, on the channel's receive thread. */
    public interface Listener {
        void pressed(char key);
    }

    private static final Logger log = LoggerFactory.getLogger(MediaChannel.class);
    private static final int FRAME = 160;
    private static final SecureRandom RANDOM = new SecureRandom();
    // an RFC 4733 event right after an in-band tone of the same key is that key sent both ways
    private static final long SAME_KEY_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(300);

    private final DatagramSocket socket;
    private final InetSocketAddress remote;
    private final int codec;
    private final int telephoneEvent;
    private final Listener listener;
    private final TelephoneEvents events = new TelephoneEvents();
    private final DtmfDetector inBand = new DtmfDetector();
    private final Deque<Queued> queue = new ArrayDeque<>();
    private final ScheduledFuture<?> ticking;
    private final long ssrc = RANDOM.nextInt() & 0xFFFFFFFFL;
    private int sequence = RANDOM.nextInt(0x10000);
    private long timestamp = RANDOM.nextInt() & 0xFFFFFFFFL;
    private byte[] playing;
    private int position;
    private boolean talkspurt = true;
    private CompletableFuture<Boolean> played = CompletableFuture.completedFuture(true);
    private volatile boolean sawTelephoneEvent;
    private volatile char lastInBandKey;
    private volatile long lastInBandAt;
    private volatile boolean open = true;
    private volatile long packetsReceived;

    /** What {@link #play} queued: when its first frame went out (System.nanoTime), and whether it played to the end. */
    public record Playback(CompletableFuture<Long> started, CompletableFuture<Boolean> finished) {
    }

    private record Queued(byte[] clip, CompletableFuture<Long> started) {
    }

    /** Takes over the bound socket; sends to {@code remote} and accepts packets from its host only. */
    public MediaChannel(DatagramSocket socket, InetSocketAddress remote, int codec, int telephoneEvent, Listener listener,
                        ScheduledExecutorService clock) {
        this.socket = socket;
        this.remote = remote;
        this.codec = codec;
        this.telephoneEvent = telephoneEvent;
        this.listener = listener;
        Thread.ofPlatform().daemon().priority(Thread.MAX_PRIORITY).name("rtp-in-" + socket.getLocalPort()).start(this::receive);
        this.ticking = clock.scheduleAtFixedRate(this::tick, 20, 20, TimeUnit.MILLISECONDS);
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    /**
     * Plays the clips (µ-law) one after the other, after what is playing. The future completes with
     * true when they were heard to the end, false when {@link #stopPlaying()} cut them short.
     */
    public synchronized Playback play(List<byte[]> clips) {
        CompletableFuture<Long> started = new CompletableFuture<>();
        for (byte[] clip : clips) {
            queue.add(new Queued(clip, started));
        }
        if (played.isDone()) {
            played = new CompletableFuture<>();
        }
        return new Playback(started, played);
    }

    /** Whether a prompt is playing or queued. */
    public synchronized boolean playing() {
        return !played.isDone();
    }

    /** Stops the prompt (the caller started keying: barge-in). */
    public synchronized void stopPlaying() {
        queue.forEach(q -> q.started().cancel(false));
        queue.clear();
        playing = null;
        talkspurt = true;
        played.complete(false);
    }

    private void tick() {
        byte[] frame = new byte[FRAME];
        boolean marker;
        synchronized (this) {
            while ((playing == null || position >= playing.length) && !queue.isEmpty()) {
                Queued next = queue.poll();
                playing = next.clip();
                position = 0;
                next.started().complete(System.nanoTime());
            }
            if (playing != null && position < playing.length) {
                for (int i = 0; i < FRAME; i++) {
                    byte ulaw = position < playing.length ? playing[position++] : (byte) 0xFF;
                    frame[i] = codec == G711.PCMU ? ulaw : G711.encode(G711.PCMA, G711.decode(G711.PCMU, ulaw));
                }
                if (position >= playing.length && queue.isEmpty()) {
                    playing = null;
                    played.complete(true);
                }
            } else {
                java.util.Arrays.fill(frame, G711.silence(codec));
            }
            marker = talkspurt;
            talkspurt = false;
            sequence = (sequence + 1) & 0xFFFF;
            timestamp = (timestamp + FRAME) & 0xFFFFFFFFL;
        }
        send(new RtpPacket(codec, marker, sequence, timestamp, ssrc, frame));
    }

    private void send(RtpPacket packet) {
        if (!open) {
            return;
        }
        byte[] bytes = packet.bytes();
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, remote));
        } catch (IOException e) {
            log.trace("RTP send to {} failed: {}", remote, e.getClass().getSimpleName());
        }
    }

    private void receive() {
        byte[] buffer = new byte[2048];
        while (open) {
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(datagram);
            } catch (IOException e) {
                continue;
            }
            if (!datagram.getAddress().equals(remote.getAddress())) {
                continue;
            }
            packetsReceived++;
            RtpPacket.parse(datagram.getData(), datagram.getLength()).ifPresent(this::handle);
        }
    }

    private void handle(RtpPacket packet) {
        if (packet.payloadType() == telephoneEvent && telephoneEvent >= 0) {
            char key = events.read(packet.payload(), packet.timestamp());
            boolean first = !sawTelephoneEvent;
            sawTelephoneEvent = true;
            if (key != 0 && !(first && key == lastInBandKey && System.nanoTime() - lastInBandAt < SAME_KEY_WINDOW_NANOS)) {
                listener.pressed(key);
            }
        } else if (packet.payloadType() == codec && !sawTelephoneEvent) {
            byte[] payload = packet.payload();
            short[] samples = new short[payload.length];
            for (int i = 0; i < payload.length; i++) {
                samples[i] = G711.decode(codec, payload[i]);
            }
            String keys = inBand.feed(samples);
            for (int i = 0; i < keys.length(); i++) {
                lastInBandKey = keys.charAt(i);
                lastInBandAt = System.nanoTime();
                listener.pressed(keys.charAt(i));
            }
        }
    }

    /** How many packets came from the caller's media host (a call whose audio never arrives is dead air). */
    public long packetsReceived() {
        return packetsReceived;
    }

    @Override
    public void close() {
        open = false;
        ticking.cancel(false);
        synchronized (this) {
            queue.clear();
            playing = null;
            played.complete(false);
        }
        socket.close();
    }
}
