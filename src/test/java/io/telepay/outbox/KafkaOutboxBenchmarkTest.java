package io.telepay.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.telepay.TelepayApplication;
import io.telepay.customer.CustomerFixtures;
import io.telepay.identity.ApiKeys;
import io.telepay.identity.NewStaffUser;
import io.telepay.identity.StaffDirectory;
import io.telepay.identity.StaffUser;
import io.telepay.shared.Ids;
import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.Sales;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What publishing to Kafka costs and carries (docs/benchmarks.md, "Events to Kafka"). Out of the default run:
 * {@code ./mvnw -o -B -ntp surefire:test -Dtest=KafkaOutboxBenchmarkTest -Dbenchmark=true} (add
 * {@code TELEPAY_TEST_DB_URL} for PostgreSQL). Two measurements, each in a fresh application context with a
 * JDBC counter around its data source:
 * <ol>
 *   <li>the same whole sales (HTTP, pay page, 4 clients) with the events handed over in the database (no Kafka)
 *       and through Kafka (relay, embedded broker in this JVM, consumers), until every event is handled: process
 *       CPU, statements and commits per sale; two rounds of both, as the first passes warm the JIT;</li>
 *   <li>the relay alone: events committed to the outbox while the broker is down, then the broker started and
 *       the backlog timed until the outbox is empty: events per second the relay publishes.</li>
 * </ol>
 * It measures; it asserts only that everything arrived.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class KafkaOutboxBenchmarkTest {

    private static final Logger log = LoggerFactory.getLogger(KafkaOutboxBenchmarkTest.class);

    private static final int SALES = Integer.getInteger("benchmark.sales", 200);
    private static final int CLIENTS = 4;
    private static final int BACKLOG = Integer.getInteger("benchmark.backlog", 20_000);

    /** Statements executed and transactions committed through the context's data source. */
    static final class JdbcCounter {
        static final AtomicLong STATEMENTS = new AtomicLong();
        static final AtomicLong COMMITS = new AtomicLong();

        @Bean
        static BeanPostProcessor countingDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource source ? wrap(source, DataSource.class) : bean;
                }
            };
        }

        @SuppressWarnings("unchecked")
        static <T> T wrap(T target, Class<T> type) {
            InvocationHandler handler = (proxy, method, args) -> {
                Object result;
                try {
                    result = method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
                count(method);
                if (result instanceof Connection c && type == DataSource.class) {
                    return wrap(c, Connection.class);
                }
                if (result instanceof Statement s && type == Connection.class) {
                    return wrap(s, (Class<Statement>) statementType(s));
                }
                return result;
            };
            return (T) Proxy.newProxyInstance(KafkaOutboxBenchmarkTest.class.getClassLoader(), new Class<?>[] {type}, handler);
        }

        private static Class<?> statementType(Statement s) {
            return s instanceof java.sql.CallableStatement ? java.sql.CallableStatement.class
                    : s instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : Statement.class;
        }

        private static void count(Method method) {
            String name = method.getName();
            if (name.startsWith("execute")) {
                STATEMENTS.incrementAndGet();
            } else if (name.equals("commit") && method.getDeclaringClass() == Connection.class) {
                COMMITS.incrementAndGet();
            }
        }
    }

    record Figures(String label, double cpuMsPerSale, double statementsPerSale, double commitsPerSale, double salesPerSecond) {
    }

    @Test
    void measuresWhatPublishingThroughKafkaCosts() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 6);
        broker.kafkaPorts(port);
        broker.afterPropertiesSet();
        try {
            // each pass warms the JIT for the next: alternate, and compare the last two
            List<Figures> passes = new ArrayList<>();
            for (int round = 1; round <= 2; round++) {
                passes.add(sales("database, pass " + round, null));
                passes.add(sales("Kafka, pass " + round, broker.getBrokersAsString()));
            }
            StringBuilder table = new StringBuilder("""

                    | events handed over | CPU ms / sale | statements / sale | commits / sale | sales/s |
                    |---|---|---|---|---|
                    """);
            for (Figures f : passes) {
                table.append("| %s | %.1f | %.1f | %.1f | %.1f |%n".formatted(f.label(), f.cpuMsPerSale(), f.statementsPerSale(),
                        f.commitsPerSale(), f.salesPerSecond()));
            }
            log.info("{}", table);
            relay(broker);
        } finally {
            broker.destroy();
        }
    }

    private static ConfigurableApplicationContext start(String bootstrap, String... more) {
        String postgres = System.getenv("TELEPAY_TEST_DB_URL");
        String url = postgres != null && !postgres.isBlank() ? postgres
                : "jdbc:h2:mem:kafka_bench_" + Ids.randomToken(3) + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + url,
                "--spring.datasource.hikari.maximum-pool-size=10",
                "--telepay.data-dir=" + Path.of("target", "test-data", "kafka-bench").toAbsolutePath(),
                "--telepay.sip.port=", "--telepay.kafka.bootstrap=" + (bootstrap == null ? "" : bootstrap)));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(TelepayApplication.class, JdbcCounter.class).profiles("test")
                .run(args.toArray(String[]::new));
    }

    private Figures sales(String label, String bootstrap) throws Exception {
        try (ConfigurableApplicationContext context = start(bootstrap)) {
            String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
            ApiKeys keys = context.getBean(ApiKeys.class);
            Http admin = new Http(base, keys.create("bench admin", Role.ADMIN, null).key());
            String sku = "BENCH-" + Ids.randomToken(4).toUpperCase(java.util.Locale.ROOT);
            must(admin.post("/api/v1/products", Map.of("sku", sku, "name", "基準課程", "price",
                    Map.of("amount", "1200", "currency", "JPY"), "fulfilment", "SERVICE")), 201);
            List<Http> agents = new ArrayList<>();
            for (int i = 0; i < SALES / 10 + CLIENTS; i++) {
                String unique = Ids.randomToken(4);
                StaffUser agent = context.getBean(StaffDirectory.class).create(new NewStaffUser("bench-" + unique,
                        "基準 " + unique, Role.AGENT, "bench-" + unique, "correct horse battery staple"));
                agents.add(new Http(base, keys.create("bench agent", Role.AGENT, agent.id()).key()));
            }
            for (int i = 0; i < 20; i++) {
                sale(base, agents.get(i % agents.size()), sku); // warm-up
            }
            awaitHandedOver(context);

            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu = os.getProcessCpuTime();
            long statements = JdbcCounter.STATEMENTS.get();
            long commits = JdbcCounter.COMMITS.get();
            long start = System.nanoTime();
            try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
                List<Future<?>> runs = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    runs.add(clients.submit(() -> {
                        for (int i = client; i < SALES; i += CLIENTS) {
                            sale(base, agents.get(i / 10 % agents.size()), sku);
                        }
                    }));
                }
                for (Future<?> run : runs) {
                    run.get();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            awaitHandedOver(context);
            return new Figures(label, (os.getProcessCpuTime() - cpu) / 1e6 / SALES,
                    (double) (JdbcCounter.STATEMENTS.get() - statements) / SALES,
                    (double) (JdbcCounter.COMMITS.get() - commits) / SALES, SALES / seconds);
        }
    }

    private static void sale(String base, Http asAgent, String sku) {
        String customer = must(asAgent.post("/api/v1/customers", Map.of("name", "陳美玲", "phone", CustomerFixtures.taiwanMobile())), 201)
                .json().get("id").asString();
        String order = must(asAgent.post("/api/v1/orders", Map.of("customerId", customer,
                "lines", List.of(Map.of("sku", sku, "quantity", 1)))), 201).json().get("id").asString();
        must(asAgent.post("/api/v1/orders/" + order + "/confirm", Map.of()), 200);
        String payUrl = must(asAgent.post("/api/v1/orders/" + order + "/payment-sessions", Map.of("channel", "LINK")), 201)
                .json().get("payUrl").asString();
        must(new Http(base, null).header("Accept", "application/json")
                .post("/pay/" + payUrl.substring(payUrl.lastIndexOf('/') + 1), Sales.card("4242 4242 4242 4242", "123")), 200);
    }

    private static Http.Response must(Http.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        return response;
    }

    /** The outbox empty and, with Kafka, the consumers' record of handled events still for a second. */
    private static void awaitHandedOver(ConfigurableApplicationContext context) {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        long[] last = {-1};
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            long pending = jdbc.sql("select count(*) from outbox_event").query(Long.class).single();
            long processed = jdbc.sql("select count(*) from processed_event").query(Long.class).single();
            boolean still = pending == 0 && processed == last[0];
            last[0] = processed;
            return still;
        });
    }

    private void relay(EmbeddedKafkaKraftBroker broker) throws Exception {
        // an API-only instance: the relay publishes, no consumer reads
        try (ConfigurableApplicationContext context = start(broker.getBrokersAsString(), "--telepay.roles=api",
                "--telepay.kafka.send-timeout=PT5S")) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            TransactionTemplate tx = context.getBean(TransactionTemplate.class);
            ApplicationEventPublisher events = context;
            broker.getCluster().brokers().values().forEach(b -> b.shutdown());
            String run = Ids.randomToken(3);
            for (int t = 0; t < BACKLOG / 10; t++) {
                int batch = t;
                tx.executeWithoutResult(status -> {
                    for (int i = 0; i < 10; i++) {
                        events.publishEvent(new LedgerProbes.LedgerProbe("pay_bench" + run + (batch % 500), batch * 10 + i));
                    }
                });
            }
            long backlog = jdbc.sql("select count(*) from outbox_event where listener = 'kafka'").query(Long.class).single();
            long statements = JdbcCounter.STATEMENTS.get();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            broker.getCluster().brokers().values().forEach(b -> b.startup());
            broker.getCluster().waitForReadyBrokers();
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() ->
                    jdbc.sql("select count(*) from outbox_event where listener = 'kafka'").query(Long.class).single() == 0);
            double seconds = (System.nanoTime() - start) / 1e9;
            log.info("relay: a backlog of {} events published and deleted in {} s once the broker was back: {} events/s; "
                            + "{} statements and {} ms process CPU (broker included) per event",
                    backlog, "%.2f".formatted(seconds), "%.0f".formatted(backlog / seconds),
                    "%.2f".formatted((double) (JdbcCounter.STATEMENTS.get() - statements) / backlog),
                    "%.3f".formatted((os.getProcessCpuTime() - cpu) / 1e6 / backlog));
        }
    }
}
