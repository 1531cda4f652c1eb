package io.telepay.notify.webhook;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpServer;
import org.awaitility.Awaitility;

/**
 * A webhook receiver on this machine (the JDK's HTTP server): keeps every request and answers with the
 * statuses it is told, 200 when told nothing, or holds the answer back until it is closed.
 */
final class TestReceiver implements AutoCloseable {

    record Request(Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Queue<Integer> nextAnswers = new ConcurrentLinkedQueue<>();
    private volatile int answer = 200;
    private volatile boolean holding;
    private final CountDownLatch closed = new CountDownLatch(1);

    private TestReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(Map.copyOf(exchange.getRequestHeaders()), body));
            if (holding) {
                try {
                    closed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Integer next = nextAnswers.poll();
            exchange.sendResponseHeaders(next != null ? next : answer, -1);
            exchange.close();
        });
        server.start();
    }

    static TestReceiver start() {
        try {
            return new TestReceiver();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** On {@code localhost}, which the test configuration trusts (http, loopback). */
    String url() {
        return "http://localhost:" + port() + "/hooks";
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Answers these statuses to the next requests, one each, then the usual answer again. */
    TestReceiver thenAnswer(Integer... statuses) {
        nextAnswers.addAll(List.of(statuses));
        return this;
    }

    TestReceiver alwaysAnswer(int status) {
        answer = status;
        return this;
    }

    /** Takes requests but answers none until closed: the sender's timeout must end the wait. */
    TestReceiver holdAnswers() {
        holding = true;
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(Predicate<Request> which) {
        return requests.stream().filter(which).toList();
    }

    List<Request> awaitRequests(Predicate<Request> which, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> requests(which).size() >= count);
        return requests(which);
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
