package io.telepay.telephony;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * tshark (Debian package tshark) capturing on the loopback what a test's peer received, written as a
 * libpcap file and read back here as UDP payloads: the packets themselves, not what our code says it sent.
 */
final class Tshark implements AutoCloseable {

    record Datagram(long micros, int sourcePort, int destinationPort, byte[] payload) {
    }

    private final Path file;
    private final Process process;

    static void assumeAvailable() {
        assumeTrue(Sipp.executable("tshark"), "tshark is not installed (Debian package tshark; .ci/telephony-tools installs it)");
        assumeTrue("root".equals(System.getProperty("user.name")), "capturing on the loopback needs root (as CI runs)");
    }

    /** Starts capturing on lo with the BPF filter and returns once tshark says it captures. */
    Tshark(Path file, String filter) {
        this.file = file;
        try {
            process = new ProcessBuilder("tshark", "-i", "lo", "-f", filter, "-F", "pcap", "-w", file.toString()).start();
            BufferedReader errors = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
            CompletableFuture<Boolean> capturing = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    for (String line; (line = errors.readLine()) != null; ) {
                        if (line.contains("Capturing on")) {
                            capturing.complete(true);
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
                capturing.complete(false);
            });
            if (!capturing.get(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("tshark did not start capturing");
            }
        } catch (Exception e) {
            throw new IllegalStateException("tshark could not capture on lo", e);
        }
    }

    /** Stops the capture and reads every UDP datagram in it. */
    List<Datagram> stop() {
        process.destroy();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
            return read(Files.readAllBytes(file));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    static List<Datagram> read(byte[] pcap) {
        ByteBuffer in = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
        int magic = in.getInt(0);
        if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
            in.order(ByteOrder.BIG_ENDIAN);
        }
        boolean nanos = in.getInt(0) == 0xa1b23c4d;
        int linkType = in.getInt(20);
        int linkHeader = switch (linkType) {
            case 1 -> 14;     // Ethernet, as Linux's loopback is captured
            case 113 -> 16;   // Linux cooked
            case 276 -> 20;   // Linux cooked v2
            default -> throw new IllegalStateException("link type " + linkType);
        };
        List<Datagram> datagrams = new ArrayList<>();
        int at = 24;
        while (at + 16 <= pcap.length) {
            long micros = (in.getInt(at) & 0xFFFFFFFFL) * 1_000_000 + (in.getInt(at + 4) & 0xFFFFFFFFL) / (nanos ? 1000 : 1);
            int length = in.getInt(at + 8);
            int packet = at + 16;
            at = packet + length;
            int ip = packet + linkHeader;
            if (ip >= at || (pcap[ip] >> 4) != 4 || pcap[ip + 9] != 17) {
                continue;
            }
            int udp = ip + (pcap[ip] & 0x0F) * 4;
            int sourcePort = ((pcap[udp] & 0xFF) << 8) | (pcap[udp + 1] & 0xFF);
            int destinationPort = ((pcap[udp + 2] & 0xFF) << 8) | (pcap[udp + 3] & 0xFF);
            byte[] payload = java.util.Arrays.copyOfRange(pcap, udp + 8, at);
            datagrams.add(new Datagram(micros, sourcePort, destinationPort, payload));
        }
        return datagrams;
    }
}
