package io.telepay.idempotency;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.telepay.TelepayApplication;
import io.telepay.identity.ApiKeys;
import io.telepay.shared.Role;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the Idempotency-Key check costs per request, measured outside the test suite: the server with
 * the test endpoint {@link EffectCounter}, the same POST without the header, with a new key each time
 * (claim insert + response update) and with one key replayed (insert that conflicts + read), in
 * interleaved rounds. On the test profile's database, or PostgreSQL through TELEPAY_TEST_DB_URL:
 * <pre>
 * ./mvnw -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.telepay.idempotency.IdempotencyOverhead [clients] [seconds]
 * </pre>
 */
public final class IdempotencyOverhead {

    enum Mode { NO_HEADER, NEW_KEY, REPLAY }

    private IdempotencyOverhead() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (ConfigurableApplicationContext context = SpringApplication.run(TelepayApplication.class,
                "--spring.profiles.active=test", "--server.port=0", "--logging.level.root=WARN", "--logging.level.io.telepay=WARN")) {
            String port = context.getEnvironment().getProperty("local.server.port");
            String key = context.getBean(ApiKeys.class).create("idempotency overhead", Role.AGENT, null).key();
            URI uri = URI.create("http://localhost:" + port + "/api/v1/test/idempotency/effects");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            System.out.printf("database %s, %d clients, %d s per mode and round%n",
                    context.getEnvironment().getProperty("spring.datasource.url").replaceAll("\\?.*", ""), clients, seconds);

            run(http, uri, key, Mode.NO_HEADER, clients, 3); // warm-up
            run(http, uri, key, Mode.NEW_KEY, clients, 3);
            run(http, uri, key, Mode.REPLAY, clients, 3);
            List<List<Long>> latencies = new ArrayList<>();
            long[] counts = new long[Mode.values().length];
            for (Mode ignored : Mode.values()) {
                latencies.add(Collections.synchronizedList(new ArrayList<>()));
            }
            for (int round = 0; round < 3; round++) {
                for (Mode mode : Mode.values()) {
                    List<Long> measured = run(http, uri, key, mode, clients, seconds);
                    latencies.get(mode.ordinal()).addAll(measured);
                    counts[mode.ordinal()] += measured.size();
                }
            }
            inProcess(context.getBean(IdempotencyKeys.class), seconds);
            // the server runs requests on virtual threads: the same work there
            Thread virtual = Thread.ofVirtual().start(() -> inProcess(context.getBean(IdempotencyKeys.class), seconds));
            virtual.join();
            for (Mode mode : Mode.values()) {
                List<Long> sorted = new ArrayList<>(latencies.get(mode.ordinal()));
                Collections.sort(sorted);
                double mean = sorted.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6;
                System.out.printf("%-10s %8.0f req/s   mean %6.2f ms   p50 %6.2f ms   p99 %6.2f ms%n", mode,
                        counts[mode.ordinal()] / (3.0 * seconds), mean, percentile(sorted, 0.50), percentile(sorted, 0.99));
            }
        }
    }

    /** The database work alone, one thread, no HTTP: claim + complete of a new key, and the claim that finds a replay. */
    private static void inProcess(IdempotencyKeys keys, int seconds) {
        byte[] body = "{\"id\": \"eff_x\", \"count\": 1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int round = 0; round < 2; round++) {
            long n = 0;
            long start = System.nanoTime();
            long deadline = start + seconds * 1_000_000_000L;
            String prefix = "in-process-" + System.nanoTime() + "-";
            while (System.nanoTime() < deadline) {
                var request = new IdempotencyKeys.Request("bench", prefix + n, "POST", "/api/v1/x", "0".repeat(64));
                var claim = (IdempotencyKeys.Claim.Claimed) keys.claim(request);
                keys.complete(claim, 201, "application/json", "/api/v1/x/1", body);
                n++;
            }
            double newKeyMicros = (System.nanoTime() - start) / 1e3 / n;
            var replayed = new IdempotencyKeys.Request("bench", prefix + 0, "POST", "/api/v1/x", "0".repeat(64));
            long m = 0;
            start = System.nanoTime();
            deadline = start + seconds * 1_000_000_000L;
            while (System.nanoTime() < deadline) {
                if (!(keys.claim(replayed) instanceof IdempotencyKeys.Claim.Replay)) {
                    throw new IllegalStateException("expected a replay");
                }
                m++;
            }
            double replayMicros = (System.nanoTime() - start) / 1e3 / m;
            System.out.printf("in process (%s thread), round %d: new key (claim + complete) %.0f µs, replay (claim finds it) %.0f µs%n",
                    Thread.currentThread().isVirtual() ? "virtual" : "platform", round + 1, newKeyMicros, replayMicros);
        }
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1e6;
    }

    /** Requests from {@code clients} parallel loops for {@code seconds}; the latency of each, in nanoseconds. */
    private static List<Long> run(HttpClient http, URI uri, String key, Mode mode, int clients, int seconds) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong sequence = new AtomicLong();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        String replayKey = "replay-" + System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> loops = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                loops.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"counter\": \"overhead\"}"));
                        switch (mode) {
                            case NEW_KEY -> request.header("Idempotency-Key", "k-" + System.nanoTime() + "-" + sequence.incrementAndGet());
                            case REPLAY -> request.header("Idempotency-Key", replayKey);
                            case NO_HEADER -> { }
                        }
                        long start = System.nanoTime();
                        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                        long took = System.nanoTime() - start;
                        if (response.statusCode() != 201 && response.statusCode() != 409) {
                            throw new IllegalStateException(mode + " answered " + response.statusCode() + " " + response.body());
                        }
                        latencies.add(took);
                    }
                    return null;
                }));
            }
            for (Future<?> loop : loops) {
                loop.get();
            }
        }
        return latencies;
    }
}
