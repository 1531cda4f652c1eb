package io.telepay.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.telepay.testing.Http;
import io.telepay.testing.Sales;
import io.telepay.testing.SystemTest;
import io.telepay.testing.TestCards;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * The pay step under load against PostgreSQL, next to {@code pgbench -N} at the same client count in the
 * same run (DESIGN.md: at least 40 % of pgbench's transactions per second, p99 under 50 ms at half that
 * load). Opt-in, never part of the normal run:
 * <pre>
 * TELEPAY_TEST_DB_URL=jdbc:postgresql://127.0.0.1:5432/&lt;db&gt; TELEPAY_TEST_DB_USER=postgres \
 *   ./mvnw -o test -Dtest=PayStepBenchmarkTest -Dbenchmark=true [-Dclients=8 -Dpayments=1500]
 * </pre>
 * One payment = card posted to {@code /pay/{token}} → vault → risk → sandbox authorize and capture →
 * payment, session, order, audit and events written; answered SUCCEEDED.
 */
class PayStepBenchmarkTest extends SystemTest {

    @Value("${spring.datasource.url}")
    String databaseUrl;

    private final Sales sales = new Sales(this);

    @Test
    void payStepAgainstPgbench() throws Exception {
        assumeTrue(Boolean.getBoolean("benchmark"), "run with -Dbenchmark=true");
        assumeTrue(databaseUrl.startsWith("jdbc:postgresql:"), "needs TELEPAY_TEST_DB_URL on PostgreSQL");
        int clients = Integer.getInteger("clients", 8);
        int payments = Integer.getInteger("payments", 1500);

        List<String> tokens = Collections.synchronizedList(new ArrayList<>());
        try (var pool = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < payments / 50 + 1; i++) {
                pool.submit(() -> {
                    Sales.Sale sale = sales.confirmedOrder("1999.00", "TWD");
                    tokens.add(sales.payToken(sale));
                    for (int j = 1; j < 50; j++) {
                        tokens.add(sales.payToken(sales.confirmedOrderForNewCustomer(sale)));
                    }
                    return null;
                });
            }
        }
        assertThat(tokens.size()).isGreaterThanOrEqualTo(payments);

        Run warmup = run(tokens.subList(0, payments / 5), clients, 0);
        Run full = run(tokens.subList(payments / 5, payments * 3 / 5), clients, 0);
        double halfRate = full.perSecond() / 2;
        Run half = run(tokens.subList(payments * 3 / 5, payments), clients, halfRate);
        double pgbench = pgbench(clients);

        org.slf4j.LoggerFactory.getLogger(PayStepBenchmarkTest.class).info(String.format("""
                pay step, %d clients: warm-up %.0f/s; full load %.0f payments/s, p50 %.1f ms, p99 %.1f ms (%d failed)
                half load (%.0f/s offered): %.0f/s, p50 %.1f ms, p99 %.1f ms
                pgbench -N, %d clients: %.0f tps → pay step at %.0f %% of pgbench
                """, clients, warmup.perSecond(), full.perSecond(), full.p(50), full.p(99), full.failed(),
                halfRate, half.perSecond(), half.p(50), half.p(99), clients, pgbench, 100 * full.perSecond() / pgbench));
        assertThat(full.failed()).isZero();
    }

    record Run(int done, int failed, double seconds, List<Double> millis) {
        double perSecond() {
            return done / seconds;
        }

        double p(int percentile) {
            List<Double> sorted = millis.stream().sorted().toList();
            return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * percentile / 100));
        }
    }

    /** Pays every token once, from {@code clients} threads; {@code rate} > 0 paces the whole run to that many per second. */
    private Run run(List<String> tokens, int clients, double rate) throws Exception {
        var queue = new ConcurrentLinkedQueue<>(tokens);
        var millis = new ConcurrentLinkedQueue<Double>();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        long begin = System.nanoTime();
        try (var pool = Executors.newFixedThreadPool(clients)) {
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    Http client = http().header("Accept", "application/json");
                    String token;
                    while ((token = queue.poll()) != null) {
                        if (rate > 0) {
                            long due = begin + (long) (started.getAndIncrement() * 1e9 / rate);
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            }
                        }
                        long t0 = System.nanoTime();
                        var result = client.post("/pay/" + token, Sales.card(TestCards.fresh(), "123"));
                        millis.add((System.nanoTime() - t0) / 1e6);
                        if (result.status() != 200 || !result.body().contains("SUCCEEDED")) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        return new Run(tokens.size() - failed.get(), failed.get(), seconds, new ArrayList<>(millis));
    }

    /** {@code pgbench -N} (simple update, no branch contention) on its own database next to ours. */
    private double pgbench(int clients) throws Exception {
        URI uri = URI.create(databaseUrl.substring("jdbc:".length()));
        String host = uri.getHost();
        String port = Integer.toString(uri.getPort() < 0 ? 5432 : uri.getPort());
        exec("psql", "-h", host, "-p", port, "-U", "postgres", "-q", "-c", "drop database if exists telepay_pgbench");
        exec("psql", "-h", host, "-p", port, "-U", "postgres", "-q", "-c", "create database telepay_pgbench");
        exec("pgbench", "-h", host, "-p", port, "-U", "postgres", "-i", "-q", "-s", "10", "telepay_pgbench");
        String out = exec("pgbench", "-h", host, "-p", port, "-U", "postgres", "-N", "-c", Integer.toString(clients),
                "-j", "2", "-T", "20", "telepay_pgbench");
        exec("psql", "-h", host, "-p", port, "-U", "postgres", "-q", "-c", "drop database if exists telepay_pgbench");
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(out);
        assertThat(tps.find()).as(out).isTrue();
        return Double.parseDouble(tps.group(1));
    }

    private static String exec(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            reader.lines().forEach(line -> out.append(line).append('\n'));
        }
        assertThat(process.waitFor()).as(String.join(" ", command) + "\n" + out).isZero();
        return out.toString();
    }
}
