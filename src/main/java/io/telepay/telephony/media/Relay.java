package io.telepay.telephony.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Agent assist's media: relays RTP between the customer's leg and the agent's leg, and keeps the
 * customer's keys from the agent while masking is on. Towards the agent, RFC 4733 events are never
 * forwarded, and audio passes a 60 ms delay line in which every 20 ms packet that holds DTMF tone
 * energy (and one packet each side of it, for the tone's edges) is replaced by silence before it is
 * sent; audio during an RFC 4733 event is silenced too (some phones send both). The agent hears the
 * customer talk, never a key. The customer hears the agent unchanged. Keys go to the listener as in
 * {@link MediaChannel}: RFC 4733 events, or in-band tones until the first event arrives.
 */
public final class Relay implements AutoCloseable {

    private static final long DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(60);
    // audio this close to an RFC 4733 event (in RTP time: the two share the stream's clock) is silenced
    private static final int EVENT_MARGIN_SAMPLES = 480;

    private final DatagramSocket customerSide;
    private final DatagramSocket agentSide;
    private final InetSocketAddress customer;
    private volatile InetSocketAddress agent;
    private final int codec;
    private final int telephoneEvent;
    private final MediaChannel.Listener listener;
    private final TelephoneEvents events = new TelephoneEvents();
    private final DtmfDetector inBand = new DtmfDetector();
    private final Deque<Held> line = new ArrayDeque<>();
    private final ScheduledFuture<?> ticking;
    private volatile boolean masking = true;
    private volatile boolean sawTelephoneEvent;
    private long eventStart = -1;
    private long eventEnd = -1;
    private volatile boolean open = true;
    private boolean previousToned;

    private static final class Held {
        final RtpPacket packet;
        final long arrived;
        boolean masked;

        Held(RtpPacket packet, long arrived, boolean masked) {
            this.packet = packet;
            this.arrived = arrived;
            this.masked = masked;
        }
    }

    /** Takes over both bound sockets; {@code agent} may be null until the agent's leg answers. */
    public Relay(DatagramSocket customerSide, InetSocketAddress customer, DatagramSocket agentSide, int codec, int telephoneEvent,
                 MediaChannel.Listener listener, ScheduledExecutorService clock) {
        this.customerSide = customerSide;
        this.customer = customer;
        this.agentSide = agentSide;
        this.codec = codec;
        this.telephoneEvent = telephoneEvent;
        this.listener = listener;
        // platform threads: a relay must keep reading while the pay step keeps the carrier threads busy
        Thread.ofPlatform().daemon().priority(Thread.MAX_PRIORITY).name("relay-customer-" + customerSide.getLocalPort()).start(this::fromCustomer);
        Thread.ofPlatform().daemon().priority(Thread.MAX_PRIORITY).name("relay-agent-" + agentSide.getLocalPort()).start(this::fromAgent);
        this.ticking = clock.scheduleAtFixedRate(this::release, 20, 20, TimeUnit.MILLISECONDS);
    }

    public int codec() {
        return codec;
    }

    public int customerPort() {
        return customerSide.getLocalPort();
    }

    public int agentPort() {
        return agentSide.getLocalPort();
    }

    /** Where the agent's leg takes its audio (from its SDP answer). */
    public void agentAnswered(InetSocketAddress media) {
        this.agent = media;
    }

    /** Masking on while a field is captured; off once the card went through, so the call is a plain call again. */
    public void masking(boolean on) {
        this.masking = on;
    }

    public boolean masking() {
        return masking;
    }

    private void fromCustomer() {
        byte[] buffer = new byte[2048];
        while (open) {
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            try {
                customerSide.receive(datagram);
            } catch (IOException e) {
                continue;
            }
            if (!datagram.getAddress().equals(customer.getAddress())) {
                continue;
            }
            RtpPacket.parse(datagram.getData(), datagram.getLength()).ifPresent(this::customerPacket);
        }
    }

    private void customerPacket(RtpPacket packet) {
        long now = System.nanoTime();
        if (packet.payloadType() == telephoneEvent && telephoneEvent >= 0) {
            sawTelephoneEvent = true;
            byte[] event = packet.payload();
            if (event.length >= 4) {
                synchronized (line) {
                    eventStart = packet.timestamp();
                    eventEnd = (packet.timestamp() + (((event[2] & 0xFF) << 8) | (event[3] & 0xFF))) & 0xFFFFFFFFL;
                }
            }
            char key = events.read(packet.payload(), packet.timestamp());
            if (key != 0) {
                listener.pressed(key);
            }
            if (!masking) {
                send(agentSide, agent, packet);
            }
            return;
        }
        if (packet.payloadType() != codec) {
            return;
        }
        byte[] payload = packet.payload();
        short[] samples = new short[payload.length];
        for (int i = 0; i < payload.length; i++) {
            samples[i] = G711.decode(codec, payload[i]);
        }
        String keys = inBand.feed(samples);
        if (!sawTelephoneEvent) {
            for (int i = 0; i < keys.length(); i++) {
                listener.pressed(keys.charAt(i));
            }
        }
        boolean toned = ToneEnergy.dtmfLike(samples) || inBand.toneInLastBlock();
        synchronized (line) {
            boolean duringEvent = eventStart >= 0 && (int) (packet.timestamp() - eventStart) >= -EVENT_MARGIN_SAMPLES
                    && (int) (packet.timestamp() - eventEnd) <= EVENT_MARGIN_SAMPLES;
            boolean masked = toned || previousToned || duringEvent;
            if (toned && !line.isEmpty()) {
                line.peekLast().masked = true;
            }
            previousToned = toned;
            line.addLast(new Held(packet, now, masked));
        }
    }

    // sends what has waited out the delay line, silenced where a tone was found around it
    private void release() {
        long now = System.nanoTime();
        while (true) {
            Held held;
            synchronized (line) {
                if (line.isEmpty() || now - line.peekFirst().arrived < DELAY_NANOS) {
                    return;
                }
                held = line.pollFirst();
            }
            RtpPacket packet = held.packet;
            if (masking && held.masked) {
                byte[] silence = new byte[packet.payload().length];
                java.util.Arrays.fill(silence, G711.silence(codec));
                packet = new RtpPacket(packet.payloadType(), packet.marker(), packet.sequence(), packet.timestamp(), packet.ssrc(), silence);
            }
            send(agentSide, agent, packet);
        }
    }

    private void fromAgent() {
        byte[] buffer = new byte[2048];
        while (open) {
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            try {
                agentSide.receive(datagram);
            } catch (IOException e) {
                continue;
            }
            InetSocketAddress from = agent;
            if (from == null || !datagram.getAddress().equals(from.getAddress())) {
                continue;
            }
            RtpPacket.parse(datagram.getData(), datagram.getLength()).ifPresent(p -> send(customerSide, customer, p));
        }
    }

    private void send(DatagramSocket socket, InetSocketAddress to, RtpPacket packet) {
        if (to == null || !open) {
            return;
        }
        byte[] bytes = packet.bytes();
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, to));
        } catch (IOException ignored) {
            // a lost packet is what RTP expects
        }
    }

    @Override
    public void close() {
        open = false;
        ticking.cancel(false);
        customerSide.close();
        agentSide.close();
    }
}
