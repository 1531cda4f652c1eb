package io.telepay.telephony.sip;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIP over UDP and TCP on one port (RFC 3261 §18). Each message is handed to the receiver on a virtual
 * thread, so a slow lookup never holds up the socket. Logs start lines at DEBUG, never a body (SDP) or
 * the bytes of a message.
 */
public final class SipTransport implements AutoCloseable {

    /** What the transport hands over: a parsed message, or the reason one could not be parsed. */
    public interface Receiver {
        void received(SipMessage message, Link from);

        void malformed(byte[] bytes, int length, MalformedSip reason, Link from);
    }

    private static final Logger log = LoggerFactory.getLogger(SipTransport.class);
    private static final int MAX_MESSAGE = 64 * 1024;

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final Receiver receiver;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean open = true;

    /** Binds UDP and TCP on the address and port; port 0 takes a free port for both (tests). */
    public SipTransport(InetAddress bind, int port, Receiver receiver) throws IOException {
        this.receiver = receiver;
        DatagramSocket datagrams = null;
        ServerSocket stream = null;
        for (int attempt = 0; stream == null; attempt++) {
            datagrams = new DatagramSocket(new InetSocketAddress(bind, port));
            try {
                stream = new ServerSocket(datagrams.getLocalPort(), 64, bind);
            } catch (IOException taken) {
                datagrams.close();
                // the free UDP port's TCP twin was taken: only a port chosen for us may be chosen again
                if (port != 0 || attempt == 20) {
                    throw taken;
                }
            }
        }
        datagrams.setReceiveBufferSize(1 << 20);
        this.udp = datagrams;
        this.tcp = stream;
        Thread.ofPlatform().daemon().name("sip-udp-" + port()).start(this::readDatagrams);
        Thread.ofPlatform().daemon().name("sip-tcp-" + port()).start(this::acceptConnections);
    }

    public int port() {
        return udp.getLocalPort();
    }

    private void readDatagrams() {
        byte[] buffer = new byte[MAX_MESSAGE];
        while (open) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
            } catch (IOException e) {
                if (open) {
                    log.warn("SIP UDP receive failed: {}", e.getClass().getSimpleName());
                }
                continue;
            }
            byte[] bytes = Arrays.copyOf(packet.getData(), packet.getLength());
            if (isKeepAlive(bytes)) {
                continue;
            }
            InetSocketAddress source = (InetSocketAddress) packet.getSocketAddress();
            workers.execute(() -> dispatch(bytes, bytes.length, new Datagrams(source)));
        }
    }

    // RFC 5626 keep-alives (a CRLF or two) sent by PBXs between messages
    private static boolean isKeepAlive(byte[] bytes) {
        for (byte b : bytes) {
            if (b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private void dispatch(byte[] bytes, int length, Link from) {
        SipMessage message;
        try {
            message = SipMessage.parse(bytes, length);
        } catch (MalformedSip e) {
            log.debug("SIP malformed from {} over {}: {}", from.remote(), from.transport(), e.getMessage());
            receiver.malformed(bytes, length, e, from);
            return;
        }
        log.debug("SIP in  {} {}: {}", from.transport(), from.remote(), message.summary());
        try {
            receiver.received(message, from);
        } catch (RuntimeException e) {
            log.error("SIP handling failed for {}", message.summary(), e);
        }
    }

    private void acceptConnections() {
        while (open) {
            try {
                Socket socket = tcp.accept();
                workers.execute(() -> readStream(socket));
            } catch (IOException e) {
                if (open) {
                    log.warn("SIP TCP accept failed: {}", e.getClass().getSimpleName());
                }
            }
        }
    }

    /** Frames a TCP stream by its blank line and Content-Length (mandatory on a stream: §18.3). */
    private void readStream(Socket socket) {
        Connection connection = new Connection(socket);
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream())) {
            socket.setSoTimeout((int) java.time.Duration.ofMinutes(10).toMillis());
            byte[] buffer = new byte[MAX_MESSAGE];
            while (open) {
                int length = 0;
                int end = -1;
                while (end < 0) {
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    if (length == 0 && (b == '\r' || b == '\n')) {
                        continue;
                    }
                    if (length == buffer.length) {
                        return;
                    }
                    buffer[length++] = (byte) b;
                    if (b == '\n') {
                        end = SipMessage.headerEnd(buffer, length);
                    }
                }
                int bodyLength = contentLength(buffer, end);
                int headLength = length;
                if (bodyLength < 0 || headLength + bodyLength > buffer.length) {
                    // without a usable Content-Length the stream cannot be framed again: answer and close
                    dispatch(buffer, headLength, connection);
                    return;
                }
                int read = in.readNBytes(buffer, headLength, bodyLength);
                if (read < bodyLength) {
                    return;
                }
                dispatch(Arrays.copyOf(buffer, headLength + bodyLength), headLength + bodyLength, connection);
            }
        } catch (IOException e) {
            log.debug("SIP TCP connection from {} closed: {}", connection.remote(), e.getClass().getSimpleName());
        }
    }

    private static int contentLength(byte[] buffer, int end) {
        String head = new String(buffer, 0, end, StandardCharsets.UTF_8);
        for (String line : head.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).strip();
                if (name.equalsIgnoreCase("Content-Length") || name.equals("l")) {
                    String value = line.substring(colon + 1).strip();
                    return value.matches("[0-9]{1,6}") ? Integer.parseInt(value) : -1;
                }
            }
        }
        return -1;
    }

    /** A link to a peer we call ourselves: UDP from our SIP port, whose answers come back to it. */
    public Link datagramLink(InetSocketAddress to) {
        return new Datagrams(to);
    }

    @Override
    public void close() {
        open = false;
        udp.close();
        try {
            tcp.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        workers.shutdownNow();
    }

    private final class Datagrams implements Link {
        private final InetSocketAddress remote;

        Datagrams(InetSocketAddress remote) {
            this.remote = remote;
        }

        @Override
        public InetSocketAddress remote() {
            return remote;
        }

        @Override
        public String transport() {
            return "UDP";
        }

        @Override
        public void send(SipMessage message) {
            byte[] bytes = message.bytes();
            try {
                udp.send(new DatagramPacket(bytes, bytes.length, remote));
                log.debug("SIP out UDP {}: {}", remote, message.summary());
            } catch (IOException e) {
                log.debug("SIP UDP send to {} failed: {}", remote, e.getClass().getSimpleName());
            }
        }
    }

    private static final class Connection implements Link {
        private final Socket socket;
        private final InetSocketAddress remote;

        Connection(Socket socket) {
            this.socket = socket;
            this.remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        }

        @Override
        public InetSocketAddress remote() {
            return remote;
        }

        @Override
        public String transport() {
            return "TCP";
        }

        @Override
        public void send(SipMessage message) {
            try {
                synchronized (this) {
                    OutputStream out = socket.getOutputStream();
                    out.write(message.bytes());
                    out.flush();
                }
                log.debug("SIP out TCP {}: {}", remote, message.summary());
            } catch (IOException | RuntimeException e) {
                log.debug("SIP TCP send to {} failed: {}", remote, e.getClass().getSimpleName());
            }
        }
    }
}
