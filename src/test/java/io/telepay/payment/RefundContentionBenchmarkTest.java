package io.telepay.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.telepay.shared.Actor;
import io.telepay.shared.Money;
import io.telepay.shared.Role;
import io.telepay.testing.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Refunds per second on one payment row under contention (docs/benchmarks.md, "Refunds under
 * contention"): many clients refund 1.00 at a time from one large captured payment, over HTTP and straight
 * against the service. Every refund takes the payment's row lock twice (record, then book the answer).
 *
 * <pre>
 *   ./mvnw -o test -Dtest=RefundContentionBenchmarkTest -Dbenchmark=true [-Dclients=16 -Drefunds=2000]
 * </pre>
 * Add {@code TELEPAY_TEST_DB_URL} for PostgreSQL.
 */
class RefundContentionBenchmarkTest extends PaymentSystemTest {

    @Autowired
    PaymentOperations operations;

    @Value("${spring.datasource.url}")
    String databaseUrl;

    @Test
    void refundsPerSecondOnOnePayment() throws Exception {
        assumeTrue(Boolean.getBoolean("benchmark"), "run with -Dbenchmark=true");
        int clients = Integer.getInteger("clients", 16);
        int refunds = Integer.getInteger("refunds", 2000);
        PaymentFixtures fixtures = fixtures();

        PaymentFixtures.Paid overHttp = fixtures.captured("100000.00", "TWD");
        Http agent = overHttp.sale().asAgent();
        String path = "/api/v1/payments/" + overHttp.paymentId() + "/refunds";
        report("HTTP", clients, run(clients, refunds, () -> {
            var answer = agent.post(path, Map.of("amount", Map.of("amount", "1.00", "currency", "TWD"), "reason", "bench"));
            assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        }));

        PaymentFixtures.Paid direct = fixtures.captured("100000.00", "TWD");
        Actor actor = new Actor("usr_bench", "bench", Role.ADMIN, null, null);
        report("service", clients, run(clients, refunds, () -> {
            SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(actor, null, List.of()));
            operations.refund(direct.paymentId(), Money.of("1.00", "TWD"), "bench");
        }));
        for (String id : List.of(overHttp.paymentId(), direct.paymentId())) {
            assertThat(jdbc.sql("select refunded_minor from payment where id = :id").param("id", id).query(Long.class).single())
                    .isEqualTo(refunds * 100L);
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private record Result(long nanos, long[] latencies) {
    }

    private static Result run(int clients, int total, Call call) throws Exception {
        AtomicInteger left = new AtomicInteger(total);
        long[] latencies = new long[total];
        AtomicInteger index = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        long began;
        try (var pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                workers.add(pool.submit(() -> {
                    start.await();
                    while (left.getAndDecrement() > 0) {
                        long t = System.nanoTime();
                        call.run();
                        latencies[index.getAndIncrement()] = System.nanoTime() - t;
                    }
                    return null;
                }));
            }
            began = System.nanoTime();
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        return new Result(System.nanoTime() - began, latencies);
    }

    private void report(String mode, int clients, Result result) {
        long[] sorted = result.latencies().clone();
        Arrays.sort(sorted);
        double seconds = result.nanos() / 1e9;
        System.out.printf("REFUNDS UNDER CONTENTION %s on %s: %d refunds by %d clients in %.2f s = %.0f refunds/s, p50 %.1f ms, p99 %.1f ms%n",
                mode, databaseUrl.startsWith("jdbc:postgresql") ? "PostgreSQL" : "H2", sorted.length, clients, seconds,
                sorted.length / seconds, sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6);
    }
}
