package io.telepay.telephony;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * sipp (Debian package sip-tester) as the customer's phone: runs one of the scenarios in
 * {@code src/test/resources/telephony/} against our SIP port, from its own free ports. A test that
 * cannot have sipp, or cannot let it send raw packets (play_pcap_audio needs root or CAP_NET_RAW),
 * is skipped by a JUnit assumption that says why; it never passes without the call.
 */
final class Sipp {

    record Result(int exitCode, String output, String errors) {
        boolean succeeded() {
            return exitCode == 0;
        }

        @Override
        public String toString() {
            return "sipp exit " + exitCode + "\n" + output + "\n" + errors;
        }
    }

    private final int sipPort;
    private final Path directory;

    Sipp(int sipPort) {
        this.sipPort = sipPort;
        try {
            this.directory = Files.createTempDirectory("telepay-sipp");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Skips the calling test, saying why, when this machine has no sipp or may not send raw packets. */
    static void assumeAvailable() {
        assumeTrue(executable("sipp"), "sipp is not installed (Debian package sip-tester; .ci/telephony-tools installs it)");
        assumeTrue("root".equals(System.getProperty("user.name")) || Boolean.getBoolean("telepay.sipp.rawSockets"),
                "sipp's play_pcap_audio sends raw packets: run as root (as CI does) or grant CAP_NET_RAW and set -Dtelepay.sipp.rawSockets=true");
    }

    static boolean executable(String tool) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin" : path).split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    Path directory() {
        return directory;
    }

    /** Writes a pcap for the scenario to play. */
    Path pcap(RtpPcap pcap) {
        try {
            return pcap.write(directory, "keys-" + System.nanoTime() + ".pcap");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts sipp with the scenario (placeholders {@code @NAME@} filled from {@code values}) calling
     * {@code user} from {@code localAddress}; {@code transport} is {@code u1} (UDP) or {@code t1} (TCP).
     */
    Process start(String scenario, String user, String localAddress, String transport, Map<String, String> values) {
        return start(scenario, user, localAddress, transport, freePort(localAddress), freeMediaPort(localAddress), values);
    }

    /** As {@link #start}, on the SIP and media ports given (a phone that Telepay calls: its address must be known first). */
    Process start(String scenario, String user, String localAddress, String transport, int port, int mediaPort,
                  Map<String, String> values) {
        try {
            String xml;
            try (InputStream in = Sipp.class.getResourceAsStream("/telephony/" + scenario + ".xml")) {
                xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            for (var value : values.entrySet()) {
                xml = xml.replace("@" + value.getKey() + "@", value.getValue());
            }
            Path file = Files.writeString(directory.resolve(scenario + "-" + System.nanoTime() + ".xml"), xml);
            List<String> command = new ArrayList<>(List.of("sipp", "127.0.0.1:" + sipPort, "-sf", file.toString(), "-s", user,
                    "-i", localAddress, "-bind_local", "-p", Integer.toString(port),
                    "-mp", Integer.toString(mediaPort), "-t", transport, "-m", "1", "-l", "1", "-nostdin",
                    "-timeout", "60s", "-timeout_error", "-max_recv_loops", "1000", "-nr"));
            return new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Result run(String scenario, String user, String localAddress, String transport, Map<String, String> values) {
        return finish(start(scenario, user, localAddress, transport, values));
    }

    static Result finish(Process sipp) {
        try {
            // drain both streams while it runs: a full pipe would stall sipp
            var output = new java.util.concurrent.CompletableFuture<String>();
            var errors = new java.util.concurrent.CompletableFuture<String>();
            Thread.ofVirtual().start(() -> output.complete(read(sipp.getInputStream())));
            Thread.ofVirtual().start(() -> errors.complete(read(sipp.getErrorStream())));
            if (!sipp.waitFor(90, TimeUnit.SECONDS)) {
                sipp.destroyForcibly();
                return new Result(-1, "sipp did not finish within 90 s", "");
            }
            String out = output.get(5, TimeUnit.SECONDS);
            // sipp's screen output is long; its last lines say what happened
            String tail = String.join("\n", out.lines().skip(Math.max(0, out.lines().count() - 25)).toList());
            return new Result(sipp.exitValue(), tail, errors.get(5, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** A port free on UDP and TCP at this moment (sipp binds both for its SIP port). */
    static int freePort(String address) {
        for (int i = 0; i < 50; i++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), 0));
                 ServerSocket tcp = new ServerSocket(udp.getLocalPort(), 1, InetAddress.getByName(address))) {
                return tcp.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port");
    }

    // sipp takes the media port and the next ones (RTCP, video): an even port with three free after it
    static int freeMediaPort(String address) {
        for (int i = 0; i < 50; i++) {
            int port = 20_000 + 2 * java.util.concurrent.ThreadLocalRandom.current().nextInt(20_000);
            try (DatagramSocket a = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), port));
                 DatagramSocket b = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), port + 1));
                 DatagramSocket c = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), port + 2));
                 DatagramSocket d = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), port + 3))) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free media ports");
    }
}
