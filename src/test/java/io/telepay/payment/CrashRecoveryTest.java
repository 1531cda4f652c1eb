package io.telepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.telepay.TelepayApplication;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The JVM stops hard after the acquirer approved a charge and before Telepay committed it: a child JVM
 * (the test classpath, {@link CrashingServer}) halts inside the gateway call. A server started again on
 * the same database (an H2 file) finds the payment UNKNOWN, asks the acquirer by its reference and
 * settles it: captured once, the order paid, and the acquirer holding exactly one charge.
 */
class CrashRecoveryTest {

    @TempDir
    Path directory;

    /** Command-line arguments: they outrank the test profile's settings (default properties would not). */
    static String[] arguments(String url, String user, String password, String dataDir) {
        return new String[] {
                "--spring.datasource.url=" + url, "--spring.datasource.username=" + user, "--spring.datasource.password=" + password,
                "--telepay.data-dir=" + dataDir, "--server.port=0",
                // the restarted server may ask the acquirer a second after the attempt
                "--telepay.payment.reconcile-first-delay=1s", "--telepay.payment.reconcile-interval=PT1S"};
    }

    @Test
    void afterAHardStopBetweenTheAcquirersApprovalAndTheCommitTheRestartedServerSettlesThePaymentOnce() throws Exception {
        // on PostgreSQL when the suite runs there; else an H2 file (the child flushes it before it halts)
        String pg = System.getenv("TELEPAY_TEST_DB_URL");
        boolean postgres = pg != null && pg.startsWith("jdbc:postgresql:");
        String url = postgres ? pg : "jdbc:h2:file:" + directory.resolve("telepay").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        String user = postgres ? System.getenv().getOrDefault("TELEPAY_TEST_DB_USER", "postgres") : "sa";
        String password = postgres ? System.getenv().getOrDefault("TELEPAY_TEST_DB_PASSWORD", "") : "";
        String dataDir = directory.resolve("data").toString();
        Path log = directory.resolve("child.log");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBin, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                CrashingServer.class.getName(), url, user, password, dataDir)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = child.waitFor(4, TimeUnit.MINUTES);
        if (!ended) {
            child.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(ended).as(output).isTrue();
        assertThat(child.exitValue()).as(tail(output)).isEqualTo(CrashingServer.HALTED);
        assertThat(output).contains("CRASH: the acquirer approved");

        java.util.regex.Matcher order = java.util.regex.Pattern.compile("ORDER (ord_[a-z0-9]+)").matcher(output);
        assertThat(order.find()).as(output).isTrue();
        // read before the restart: once it runs, its scheduled reconciler may settle the payment at any moment
        String paymentId;
        try (Connection db = DriverManager.getConnection(url, user, password);
             PreparedStatement query = db.prepareStatement("select id, status from payment where order_id = ?")) {
            query.setString(1, order.group(1));
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("the payment was recorded before the acquirer was called").isTrue();
                paymentId = row.getString("id");
                assertThat(row.getString("status")).as("recorded before the acquirer was called, never settled").isEqualTo("UNKNOWN");
            }
        }

        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(TelepayApplication.class)
                .profiles("test").run(arguments(url, user, password, dataDir))) {
            JdbcClient jdbc = restarted.getBean(JdbcClient.class);
            Reconciler reconciler = restarted.getBean(Reconciler.class);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                reconciler.reconcileDue();
                return jdbc.sql("select status from payment where id = :id").param("id", paymentId).query(String.class).single()
                        .equals("CAPTURED");
            });
            String orderId = jdbc.sql("select order_id from payment where id = :id").param("id", paymentId).query(String.class).single();
            assertThat(jdbc.sql("select status from sales_order where id = :id").param("id", orderId).query(String.class).single())
                    .isEqualTo("PAID");
            assertThat(jdbc.sql("select count(*) from sandbox_charge where reference = :r").param("r", paymentId)
                    .query(Long.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("select captured_minor from payment where id = :id").param("id", paymentId)
                    .query(Long.class).single()).isEqualTo(199900L);
            assertThat(jdbc.sql("select status from payment_session where order_id = :o").param("o", orderId).query(String.class).single())
                    .isEqualTo("COMPLETED");
            assertThat(restarted.getBean(Ledger.class).totalsByCurrency().values()).containsOnly(0L);
            assertThat(restarted.getBean(Ledger.class).balances(paymentId).get(LedgerAccount.CAPTURED).minorUnits()).isEqualTo(199900L);
            // what the capture starts outside the payment leaves through the restarted server's outbox: the receipt
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select count(*) from trust_receipt where payment_id = :p")
                    .param("p", paymentId).query(Long.class).single() == 1);
            // and the entries written before the stop are chained with the ones after it
            assertThat(restarted.getBean(io.telepay.audit.AuditLog.class).verify().ok()).isTrue();
        }
    }

    private static String tail(String output) {
        return output.length() > 4000 ? output.substring(output.length() - 4000) : output;
    }
}
