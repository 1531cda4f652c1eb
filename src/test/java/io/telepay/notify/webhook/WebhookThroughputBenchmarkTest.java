package io.telepay.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Public events published by several threads, each delivered signed to a local receiver: events per
 * second from the first publication to the last delivery acknowledged, printed for docs/benchmarks.md.
 * Out of the default run; run it with
 * {@code ./mvnw -o test -Dtest=WebhookThroughputBenchmarkTest -Dbenchmark=true} (add {@code TELEPAY_TEST_DB_URL}
 * for PostgreSQL). It measures; it asserts only that every event arrived.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class WebhookThroughputBenchmarkTest extends WebhookSystemTestSupport {

    private static final int PUBLISHERS = 4;
    private static final int EVENTS_PER_PUBLISHER = 500;

    @Test
    void deliversEventsToOneReceiver() throws Exception {
        TestReceiver receiver = receiver();
        createEndpoint(receiver.url(), "webhook.probe");
        for (int i = 0; i < 50; i++) {
            publishProbe(); // warm-up: the JIT, the pools
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> dispatcher.sweep() >= 0 && receiver.requests().size() >= 50);

        int total = PUBLISHERS * EVENTS_PER_PUBLISHER;
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS)) {
            List<Future<?>> runs = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < EVENTS_PER_PUBLISHER; i++) {
                        publishProbe();
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        }
        long published = System.nanoTime();
        // sends beyond the parallel limit wait for a sweep: sweep as the scheduler would, continuously
        Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> dispatcher.sweep() >= 0 && receiver.requests().size() >= 50 + total);
        long delivered = System.nanoTime();
        double seconds = (delivered - start) / 1e9;
        System.out.printf("webhooks: %d events published by %d threads in %.2f s, all delivered after %.2f s: %.0f events/s end to end%n",
                total, PUBLISHERS, (published - start) / 1e9, seconds, total / seconds);
        assertThat(receiver.requests()).hasSize(50 + total);
    }
}
