package io.telepay.console;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on this machine for the console's tests (on {@code localhost}, which the test
 * configuration trusts): keeps each request, answers the statuses it is told, then 200.
 */
public final class LocalReceiver implements AutoCloseable {

    public record Request(String signature, String eventId, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Queue<Integer> answers = new ConcurrentLinkedQueue<>();

    private LocalReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestHeaders().getFirst("Telepay-Signature"),
                    exchange.getRequestHeaders().getFirst("Telepay-Event-Id"), body));
            Integer next = answers.poll();
            exchange.sendResponseHeaders(next == null ? 200 : next, -1);
            exchange.close();
        });
        server.start();
    }

    public static LocalReceiver start() {
        try {
            return new LocalReceiver();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers these statuses to the next requests, one each, then 200 again. */
    public LocalReceiver thenAnswer(Integer... statuses) {
        answers.addAll(List.of(statuses));
        return this;
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/hooks";
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> about(String text) {
        return requests.stream().filter(r -> r.body().contains(text)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
