package io.telepay.notify.webhook;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * Receives Telepay webhooks with nothing but the JDK: checks the signature in constant time, refuses a
 * delivery signed more than five minutes before or after now (a replay, or a clock far off), and hands
 * each verified event on. Run it with {@code TELEPAY_WEBHOOK_SECRET=whsec_… java TelepayWebhookReceiver.java}.
 */
public class TelepayWebhookReceiver implements HttpHandler {

    static final Duration TOLERANCE = Duration.ofMinutes(5);
    static final int MAX_BODY_BYTES = 1 << 20;

    private final List<byte[]> secrets;
    private final Clock clock;
    private final Consumer<String> onEvent;

    /**
     * @param secrets the endpoint's secret as Telepay showed it; while you roll a rotated secret out to
     *                your servers, give both (Telepay signs with the old and the new during the overlap)
     * @param onEvent gets the JSON of each verified event
     */
    public TelepayWebhookReceiver(List<String> secrets, Clock clock, Consumer<String> onEvent) {
        this.secrets = secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        this.clock = clock;
        this.onEvent = onEvent;
    }

    public static void main(String[] args) throws IOException {
        String secret = System.getenv("TELEPAY_WEBHOOK_SECRET");
        HttpServer server = HttpServer.create(new InetSocketAddress(8000), 0);
        server.createContext("/telepay/webhooks", new TelepayWebhookReceiver(List.of(secret), Clock.systemUTC(),
                event -> System.out.println("verified: " + event)));
        server.start();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            // verify the bytes as received: parsing and re-serializing the JSON would change them
            byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES);
            if (!verify(exchange.getRequestHeaders().getFirst("Telepay-Signature"), body)) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            // Delivery is at least once: skip an event whose Telepay-Event-Id you have already processed.
            onEvent.accept(new String(body, StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1); // answer within 10 s; do slow work after answering
        } finally {
            exchange.close();
        }
    }

    /** Whether the header signs this body under one of our secrets, at a time within five minutes of now. */
    public boolean verify(String header, byte[] body) {
        if (header == null) {
            return false;
        }
        long timestamp = -1;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] pair = part.strip().split("=", 2);
            if (pair.length != 2) {
                continue;
            }
            if (pair[0].equals("t")) {
                try {
                    timestamp = Long.parseLong(pair[1]);
                } catch (NumberFormatException e) {
                    return false;
                }
            } else if (pair[0].equals("v1")) {
                signatures.add(pair[1]);
            } // other schemes may come later: ignore them
        }
        long now = clock.instant().getEpochSecond();
        if (timestamp < 0 || Math.abs(now - timestamp) > TOLERANCE.toSeconds()) {
            return false;
        }
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        for (byte[] secret : secrets) {
            byte[] expected = hmacSha256(secret, prefix, body);
            for (String signature : signatures) {
                // MessageDigest.isEqual takes the same time wherever the bytes differ: no timing oracle
                if (MessageDigest.isEqual(expected, parseHex(signature))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] hmacSha256(byte[] key, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] parseHex(String hex) {
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
