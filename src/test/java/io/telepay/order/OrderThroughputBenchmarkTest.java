package io.telepay.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.telepay.shared.Ids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Orders taken and confirmed over HTTP by several agents at once, then marked paid as the payment
 * module would: requests per second and latency percentiles, printed for docs/benchmarks.md. Out of the
 * default run; run it with {@code ./mvnw -o test -Dtest=OrderThroughputBenchmarkTest -Dbenchmark=true}
 * (add {@code TELEPAY_TEST_DB_URL} for PostgreSQL). It measures; it asserts only that every order made it.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class OrderThroughputBenchmarkTest extends OrderSystemTestSupport {

    private static final int AGENTS = 4;
    private static final int ORDERS_PER_AGENT = 250;

    @Test
    void takesConfirmsAndPaysOrdersFromSeveralAgentsAtOnce() throws Exception {
        String gift = shipped("1999.00", "TWD");
        String insurance = service("680.00", "TWD");
        List<Seller> sellers = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            sellers.add(seller());
        }
        Map<String, Object> body = body("", line(gift, 2), line(insurance, 1));
        body.put("shippingAddress", address());
        // warm-up: the JIT and the connection pool, not measured
        for (Seller seller : sellers) {
            for (int i = 0; i < 20; i++) {
                takeAndConfirm(seller, body);
            }
        }

        List<Long> creates = Collections.synchronizedList(new ArrayList<>());
        List<Long> confirms = Collections.synchronizedList(new ArrayList<>());
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(AGENTS);
        long start = System.nanoTime();
        List<Future<?>> runs = new ArrayList<>();
        for (Seller seller : sellers) {
            runs.add(pool.submit(() -> {
                for (int i = 0; i < ORDERS_PER_AGENT; i++) {
                    long t0 = System.nanoTime();
                    String id = create(seller, body);
                    long t1 = System.nanoTime();
                    confirm(seller, id);
                    long t2 = System.nanoTime();
                    creates.add(t1 - t0);
                    confirms.add(t2 - t1);
                    ids.add(id);
                }
            }));
        }
        for (Future<?> run : runs) {
            run.get();
        }
        double httpSeconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();

        long paidStart = System.nanoTime();
        for (String id : ids) {
            orders.markPaid(id, "pay_bench_" + Ids.randomToken(6));
        }
        double paidSeconds = (System.nanoTime() - paidStart) / 1e9;

        int total = AGENTS * ORDERS_PER_AGENT;
        assertThat(ids).hasSize(total);
        System.out.printf("""
                ORDER BENCHMARK (%s): %d agents x %d orders of 2 lines with a shipping address
                  create + confirm over HTTP: %.1f orders/s (%.1f requests/s) in %.1f s
                  create  latency ms: p50 %.1f  p99 %.1f
                  confirm latency ms: p50 %.1f  p99 %.1f
                  markPaid (one thread, in-process): %.0f orders/s
                """, jdbc.sql("select version()").query(String.class).single().split(",")[0], AGENTS, ORDERS_PER_AGENT,
                total / httpSeconds, 2 * total / httpSeconds, httpSeconds,
                percentile(creates, 50), percentile(creates, 99), percentile(confirms, 50), percentile(confirms, 99),
                total / paidSeconds);
    }

    private void takeAndConfirm(Seller seller, Map<String, Object> body) {
        confirm(seller, create(seller, body));
    }

    private static String create(Seller seller, Map<String, Object> template) {
        Map<String, Object> body = new java.util.HashMap<>(template);
        body.put("customerId", seller.customerId());
        var created = seller.http().post(ORDERS, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private static void confirm(Seller seller, String id) {
        var confirmed = seller.http().post(ORDERS + "/" + id + "/confirm", Map.of());
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
    }

    private static double percentile(List<Long> nanos, int percentile) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(index, 0)) / 1e6;
    }
}
