package io.telepay.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.telepay.TelepayApplication;
import io.telepay.shared.Db;
import io.telepay.testing.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The refund limit under contention: 50 refunds of one payment at once, on one server and on two
 * servers sharing the database. Only row locks on the payment keep the sum under the captured amount
 * (a JVM lock would not reach the second server). Runs on H2 and on PostgreSQL; the two-server test
 * only on PostgreSQL (an in-memory H2 database is private to its JVM's first context anyway).
 */
class RefundConcurrencySystemTest extends PaymentSystemTest {

    private static final int THREADS = 50;

    @Autowired
    Ledger ledger;

    @Autowired
    Reconciler reconciler;

    @Value("${spring.datasource.url}")
    String databaseUrl;

    @Test
    void fiftyThreadsRefundingOnePaymentAtOnceNeverReturnMoreThanWasCaptured() throws Exception {
        PaymentFixtures.Paid paid = fixtures().captured("5000.00", "TWD");
        List<Http.Response> answers = refundAtOnce(paid, List.of(paid.sale().asAgent()));
        assertLimitHeld(paid, answers);
    }

    @Test
    void twoServerInstancesOnOneDatabaseRefundingAtOnceNeverReturnMoreThanWasCaptured() throws Exception {
        assumeTrue(databaseUrl.startsWith("jdbc:postgresql:"), "two instances share a PostgreSQL database");
        PaymentFixtures.Paid paid = fixtures().captured("5000.00", "TWD");
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(TelepayApplication.class)
                .profiles("test")
                .run("--server.port=0", "--spring.datasource.hikari.maximum-pool-size=5",
                        "--spring.datasource.url=" + databaseUrl)) {
            String port = second.getEnvironment().getProperty("local.server.port");
            Http agentOnFirst = paid.sale().asAgent();
            String key = apiKeys.create("second instance key", paid.sale().agent().role(), paid.sale().agent().id()).key();
            Http agentOnSecond = new Http("http://localhost:" + port, key);
            List<Http.Response> answers = refundAtOnce(paid, List.of(agentOnFirst, agentOnSecond));
            assertLimitHeld(paid, answers);
            assertThat(answers).filteredOn(a -> a.status() == 201).hasSizeGreaterThan(0);
        }
    }

    /** 50 refunds of 150.00 against 5000.00 captured, released together, spread over the servers. */
    private List<Http.Response> refundAtOnce(PaymentFixtures.Paid paid, List<Http> servers) throws Exception {
        String path = "/api/v1/payments/" + paid.paymentId() + "/refunds";
        CountDownLatch start = new CountDownLatch(1);
        List<Http.Response> answers = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                Http server = servers.get(i % servers.size());
                int n = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return server.post(path, Map.of("amount", Map.of("amount", "150.00", "currency", "TWD"),
                            "reason", "concurrent refund " + n));
                }));
            }
            start.countDown();
            for (Future<Http.Response> future : futures) {
                answers.add(future.get());
            }
        }
        return answers;
    }

    private void assertLimitHeld(PaymentFixtures.Paid paid, List<Http.Response> answers) {
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.toString()).isIn(201, 422));
        List<String> accepted = answers.stream().filter(a -> a.status() == 201).map(a -> a.json().get("status").asString()).toList();
        // an answer lost under load is UNKNOWN and the reconciler settles it; nothing is refused past the limit
        assertThat(accepted).as(accepted.toString()).isSubsetOf("SUCCEEDED", "UNKNOWN");
        // 33 × 150.00 = 4950.00 fits in 5000.00; a 34th would not
        assertThat(accepted).hasSize(33);
        assertThat(answers.stream().filter(a -> a.status() == 422).count()).isEqualTo(THREADS - 33);
        jdbc.sql("update payment_operation set next_reconcile_at = :now where payment_id = :p and status = 'UNKNOWN'")
                .param("now", Db.ts(clock.instant().minusSeconds(1))).param("p", paid.paymentId()).update();
        reconciler.reconcileDue();
        assertThat(jdbc.sql("select refunded_minor from payment where id = :p").param("p", paid.paymentId())
                .query(Long.class).single()).isEqualTo(495_000L);
        assertThat(jdbc.sql("select refunded_minor from sandbox_charge where reference = :p").param("p", paid.paymentId())
                .query(Long.class).single()).isEqualTo(495_000L);
        assertThat(jdbc.sql("select count(*) from payment_operation where payment_id = :p and kind = 'REFUND' and status = 'SUCCEEDED'")
                .param("p", paid.paymentId()).query(Long.class).single()).isEqualTo(33);
        assertThat(ledger.balances(paid.paymentId()).get(LedgerAccount.REFUNDED).minorUnits()).isEqualTo(495_000L);
        assertThat(ledger.totalsByCurrency().values()).containsOnly(0L);
    }
}
