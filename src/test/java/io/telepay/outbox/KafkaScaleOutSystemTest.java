package io.telepay.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scale-out on a real broker (issue 19, docs/adr/0190-kafka.md): an embedded KRaft broker, two API instances
 * ({@code telepay.roles=api}) and one worker instance ({@code workers}) as separate application contexts on one
 * database (PostgreSQL when {@code TELEPAY_TEST_DB_URL} is set, else H2 in server mode), then a second worker in a
 * JVM of its own that the last test kills (it starts during the broker outage, to overlap its start with the wait). Sales go through both API instances; every webhook reaches a receiver on
 * this machine once; probe events of one payment are heard in the order they were published; the broker stopped
 * for 10 s (not the issue's 30 s: the suite's time; nothing in the path depends on the length) loses nothing;
 * a worker halted between committing an event's effect and committing its offsets loses its partitions to the
 * other worker, which skips what was done.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaScaleOutSystemTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> WEBHOOK_TYPES = List.of("order.confirmed", "payment.session.created", "payment.captured",
            "order.paid");
    private static final String PROBE_GROUP = "telepay.LedgerProbes.on";
    private static final Duration OUTAGE = Duration.ofSeconds(10);

    static EmbeddedKafkaKraftBroker broker;
    static Server h2;
    static String url;
    static String user;
    static String password;
    static ConfigurableApplicationContext api1;
    static ConfigurableApplicationContext api2;
    static ConfigurableApplicationContext worker;
    static Receiver receiver;
    static Http admin1;
    static Http admin2;
    static final String RUN = Ids.randomToken(4);
    static final int HALT_AT = 20;
    static Process doomed;
    static final List<String> doomedOutput = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        // a fixed port: the broker comes back where the clients left it; quick rebalances for the killed worker
        broker = new EmbeddedKafkaKraftBroker(1, 6);
        broker.kafkaPorts(port);
        broker.brokerProperty("group.min.session.timeout.ms", "1000");
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.afterPropertiesSet();

        String postgres = System.getenv("TELEPAY_TEST_DB_URL");
        if (postgres != null && !postgres.isBlank()) {
            url = postgres;
            user = System.getenv().getOrDefault("TELEPAY_TEST_DB_USER", "postgres");
            password = System.getenv().getOrDefault("TELEPAY_TEST_DB_PASSWORD", "");
        } else {
            h2 = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
            url = "jdbc:h2:tcp://localhost:" + h2.getPort() + "/mem:kafka_scale_out_" + RUN
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
            user = "sa";
            password = "";
        }
        receiver = new Receiver();
        api1 = instance("api1", "api");  // migrates the database first
        CompletableFuture<ConfigurableApplicationContext> second = CompletableFuture.supplyAsync(() -> instance("api2", "api"));
        worker = instance("worker", "workers");
        api2 = second.join();
        jdbc(api1).sql("""
                create table if not exists kafka_probe_heard (
                    id bigint generated by default as identity primary key, probe_key varchar(64) not null, seq int not null,
                    heard_by varchar(20) not null)""").update();
        ApiKeys keys = api1.getBean(ApiKeys.class);
        String adminKey = keys.create("kafka test admin", Role.ADMIN, null).key();
        admin1 = new Http(base(api1), adminKey);
        admin2 = new Http(base(api2), adminKey);
    }

    @AfterAll
    static void stop() {
        if (doomed != null) {
            doomed.destroyForcibly();
        }
        Stream.of(api1, api2, worker).filter(c -> c != null).forEach(ConfigurableApplicationContext::close);
        if (receiver != null) {
            receiver.server.stop(0);
        }
        if (broker != null) {
            broker.destroy();
        }
        if (h2 != null) {
            h2.stop();
        }
    }

    static List<String> arguments(String name, String roles, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password, "--spring.datasource.hikari.maximum-pool-size=6",
                "--telepay.data-dir=" + Path.of("target", "test-data", "kafka-" + name).toAbsolutePath(),
                "--telepay.sip.port=",
                "--telepay.roles=" + roles,
                "--telepay.kafka.bootstrap=" + broker.getBrokersAsString(),
                "--telepay.kafka.send-timeout=PT5S",
                // long enough that a JVM starved of CPU on a busy two-core machine keeps its place in the group
                "--telepay.kafka.session-timeout=PT10S",
                "--telepay.outbox.linger=PT0.02S",
                "--telepay.outbox.poll-interval=PT0.5S",
                "--telepay.webhooks.sweep-interval=PT1S",
                "--telepay.test.instance=" + name));
        args.addAll(List.of(more));
        return args;
    }

    static ConfigurableApplicationContext instance(String name, String roles) {
        return new SpringApplicationBuilder(TelepayApplication.class).profiles("test")
                .run(arguments(name, roles).toArray(String[]::new));
    }

    static String base(ConfigurableApplicationContext context) {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    static JdbcClient jdbc(ConfigurableApplicationContext context) {
        return context.getBean(JdbcClient.class);
    }

    @Test
    @Order(1)
    void salesThroughTwoApiInstancesAreHandedToTheWorkerOnceAndInOrder() throws Exception {
        assertThat(api1.containsBean("kafkaListeners")).as("an API instance runs no consumers").isFalse();
        assertThat(api2.containsBean("kafkaListeners")).isFalse();
        assertThat(worker.containsBean("kafkaListeners")).isTrue();
        assertThat(new Http(base(worker), null).get("/api/v1/products").status()).as("a worker serves no API").isEqualTo(404);
        assertThat(new Http(base(worker), null).get("/actuator/health/liveness").status()).isEqualTo(200);
        subscribe();

        List<String> orders = new ArrayList<>();
        List<String> keys = probeKeys("order", 6);
        for (int i = 0; i < 6; i++) {
            orders.add(sale(i % 2 == 0 ? api1 : api2));
        }
        publishProbes(keys, 1, 15);

        awaitWebhooks(orders);
        awaitProbes(keys, 15);
        assertThat(jdbc(api1).sql("select distinct heard_by from kafka_probe_heard where probe_key in (:keys)")
                .param("keys", keys).query(String.class).list()).containsExactly("worker");

        // what other systems read: the envelope, keyed by the payment, and never the card
        List<ConsumerRecord<String, String>> records = readTopics();
        ConsumerRecord<String, String> captured = records.stream()
                .filter(r -> r.value().contains("\"type\":\"payment.captured\"")).findFirst().orElseThrow();
        JsonNode envelope = JSON.readTree(captured.value());
        assertThat(captured.topic()).isEqualTo("telepay.payments");
        assertThat(envelope.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(envelope.get("id").asString()).startsWith("evt_");
        assertThat(captured.key()).isEqualTo(envelope.get("data").get("paymentId").asString()).isEqualTo(envelope.get("key").asString());
        assertThat(records.stream().filter(r -> r.value().contains("\"type\":\"order.confirmed\"")))
                .allSatisfy(r -> assertThat(r.topic()).isEqualTo("telepay.orders"));
        assertThat(records).allSatisfy(r -> assertThat(r.value()).doesNotContain("4242424242424242", "4242 4242 4242 4242",
                "\"cvc\"", "holderName"));
    }

    @Test
    @Order(2)
    void aBrokerOutageLosesNothingAndTheBacklogDrainsWhenItIsBack() throws Exception {
        // the worker the next test kills starts meanwhile (its start overlaps the outage) and joins when the broker is back
        doomed = startDoomedWorker();
        long stoppedAt = System.nanoTime();
        broker.getCluster().brokers().values().forEach(b -> b.shutdown());

        List<String> orders = new ArrayList<>();
        List<String> keys = probeKeys("outage", 4);
        for (int i = 0; i < 2; i++) {
            orders.add(sale(i % 2 == 0 ? api1 : api2));
        }
        publishProbes(keys, 1, 10);
        assertThat(kafkaRows()).as("committed, waiting in the outbox for the broker").isPositive();
        // the outage lasts OUTAGE, and the rows stay in the outbox all along
        Duration left = OUTAGE.minus(Duration.ofNanos(System.nanoTime() - stoppedAt));
        if (left.isPositive()) {
            await().during(left).atMost(left.plusSeconds(5)).until(() -> kafkaRows() > 0);
        }
        assertThat(kafkaRows()).as("nothing leaves while the broker is away").isPositive();

        broker.getCluster().brokers().values().forEach(b -> b.startup());
        broker.getCluster().waitForReadyBrokers();

        awaitWebhooks(orders);
        awaitProbes(keys, 10);
        await().atMost(Duration.ofSeconds(20)).until(() -> kafkaRows() == 0);
    }

    @Test
    @Order(3)
    void aWorkerKilledMidBatchLosesItsPartitionsToTheOtherAndNothingIsHandledTwice() throws Exception {
        try {
            // both workers in the probe listener's group and the rebalance done, partitions shared: a member counts as
            // soon as it asks to join, while the other still holds (and reads) every partition until the group is stable
            await().atMost(Duration.ofSeconds(90)).until(() -> !doomed.isAlive() || sharedByTwo(PROBE_GROUP));
            assertThat(doomed.isAlive()).as(String.join("\n", doomedOutput)).isTrue();

            List<String> keys = probeKeys("kill", 20);
            publishProbes(keys, 1, 10);
            // the doomed worker has partitions: it hears some of the keys
            try {
                await().atMost(Duration.ofSeconds(120))
                        .failFast("the doomed worker exited before it heard a probe", () -> !doomed.isAlive())
                        .until(() -> jdbc(api1).sql(
                        "select count(*) from kafka_probe_heard where probe_key in (:keys) and heard_by = 'doomed'")
                        .param("keys", keys).query(Long.class).single() > 0);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("the doomed worker heard no probe; heard by: " + jdbc(api1).sql(
                        "select heard_by || ':' || count(*) from kafka_probe_heard where probe_key in (:keys) group by heard_by")
                        .param("keys", keys).query(String.class).list() + "; the group: " + assignment(PROBE_GROUP)
                        + "\nits last lines:\n"
                        + String.join("\n", doomedOutput.subList(Math.max(0, doomedOutput.size() - 60), doomedOutput.size())), e);
            }
            publishProbes(keys, 11, 40);
            assertThat(doomed.waitFor(60, TimeUnit.SECONDS)).as("the worker halted at probe " + HALT_AT + "\n"
                    + String.join("\n", doomedOutput.subList(Math.max(0, doomedOutput.size() - 40), doomedOutput.size()))).isTrue();
            assertThat(doomed.exitValue()).as(String.join("\n", doomedOutput)).isEqualTo(LedgerProbes.HALTED);

            awaitProbes(keys, 40);
            Map<String, Long> byInstance = jdbc(api1).sql("""
                    select heard_by, count(*) from kafka_probe_heard where probe_key in (:keys) group by heard_by""")
                    .param("keys", keys).query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            assertThat(byInstance).containsOnlyKeys("doomed", "worker");
            // the halted worker's partitions move to the other, which reads the halted poll again (its effects are
            // in, its offsets are not) and skips every event of it; the probes above show nothing was heard twice
            await().atMost(Duration.ofSeconds(60)).until(() -> members(PROBE_GROUP) == 1
                    && worker.getBean(MeterRegistry.class).counter("telepay.outbox.kafka.redelivered", "consumer", PROBE_GROUP).count() > 0);
            awaitProbes(keys, 40);
        } finally {
            doomed.destroyForcibly();
        }
    }

    /** A worker in a JVM of its own that halts right after committing the effect of probe number {@link #HALT_AT}. */
    private static Process startDoomedWorker() throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                KafkaWorkerProcess.class.getName()));
        command.addAll(arguments("doomed", "workers", "--telepay.test.halt-at-seq=" + HALT_AT));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(doomedOutput::add);
            } catch (IOException ignored) {
                // the process is gone
            }
        });
        return process;
    }

    // --- the sale, the webhooks and the probes

    private void subscribe() {
        Http.Response created = admin1.post("/api/v1/webhook-endpoints", Map.of("url", receiver.url(), "events", WEBHOOK_TYPES));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    /** A whole sale through one instance: product, customer, order, confirmation, pay link, card on the pay page. */
    private String sale(ConfigurableApplicationContext instance) {
        String unique = Ids.randomToken(4);
        StaffUser agent = instance.getBean(StaffDirectory.class).create(new NewStaffUser("kafka-agent-" + unique,
                "卡夫卡 " + unique, Role.AGENT, "kafka-" + unique, "correct horse battery staple"));
        String base = base(instance);
        Http admin = instance == api1 ? admin1 : admin2;
        Http asAgent = new Http(base, instance.getBean(ApiKeys.class).create("kafka agent", Role.AGENT, agent.id()).key());
        String sku = "KAFKA-" + unique.toUpperCase(java.util.Locale.ROOT);
        must(admin.post("/api/v1/products", Map.of("sku", sku, "name", "串流課程 " + sku, "price",
                Map.of("amount", "1200", "currency", "JPY"), "fulfilment", "SERVICE")), 201);
        String customer = must(asAgent.post("/api/v1/customers", Map.of("name", "陳美玲", "phone", CustomerFixtures.taiwanMobile())), 201)
                .json().get("id").asString();
        String order = must(asAgent.post("/api/v1/orders", Map.of("customerId", customer,
                "lines", List.of(Map.of("sku", sku, "quantity", 1)))), 201).json().get("id").asString();
        must(asAgent.post("/api/v1/orders/" + order + "/confirm", Map.of()), 200);
        String payUrl = must(asAgent.post("/api/v1/orders/" + order + "/payment-sessions", Map.of("channel", "LINK")), 201)
                .json().get("payUrl").asString();
        Http.Response paid = new Http(base, null).header("Accept", "application/json")
                .post("/pay/" + payUrl.substring(payUrl.lastIndexOf('/') + 1), Sales.card("4242 4242 4242 4242", "123"));
        assertThat(must(paid, 200).json().get("status").asString()).isEqualTo("SUCCEEDED");
        return order;
    }

    private static Http.Response must(Http.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        return response;
    }

    /** Every sale's four webhooks arrive, each once (a second more to let a duplicate show). */
    private void awaitWebhooks(List<String> orders) {
        int expected = orders.size() * WEBHOOK_TYPES.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.about(orders).size() >= expected);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> receiver.about(orders).size() <= expected);
        Map<String, Long> perEvent = receiver.about(orders).stream()
                .collect(Collectors.groupingBy(b -> b.get("type").asString() + " " + b.get("data").get("orderId").asString(),
                        Collectors.counting()));
        assertThat(perEvent).hasSize(expected);
        assertThat(perEvent.values()).containsOnly(1L);
    }

    private static List<String> probeKeys(String prefix, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> "pay_" + prefix + RUN + i).toList();
    }

    /** Probes {@code from..to} of every key, each number in a transaction of its own, alternating between the API instances. */
    private static void publishProbes(List<String> keys, int from, int to) {
        for (int seq = from; seq <= to; seq++) {
            ConfigurableApplicationContext instance = seq % 2 == 0 ? api1 : api2;
            ApplicationEventPublisher events = instance;
            int number = seq;
            instance.getBean(TransactionTemplate.class).executeWithoutResult(status ->
                    keys.forEach(key -> events.publishEvent(new LedgerProbes.LedgerProbe(key, number))));
        }
    }

    /** Every key's probes {@code 1..last} heard exactly once, in their order. */
    private static void awaitProbes(List<String> keys, int last) {
        await().atMost(Duration.ofSeconds(45)).until(() -> jdbc(api1).sql(
                "select count(distinct probe_key || '-' || seq) from kafka_probe_heard where probe_key in (:keys)")
                .param("keys", keys).query(Long.class).single() == (long) keys.size() * last);
        for (String key : keys) {
            List<Integer> heard = jdbc(api1).sql("select seq from kafka_probe_heard where probe_key = :key order by id")
                    .param("key", key).query(Integer.class).list();
            assertThat(heard).as(key).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, last).boxed().toList());
        }
    }

    private static long kafkaRows() {
        return jdbc(api1).sql("select count(*) from outbox_event where listener = 'kafka'").query(Long.class).single();
    }

    private static int members(String group) {
        return broker.doWithAdminFunction(admin -> {
            try {
                return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().size();
            } catch (Exception e) {
                return 0;
            }
        });
    }

    /** The group is stable with two members, each holding some of the payments topic's partitions. */
    private static boolean sharedByTwo(String group) {
        return broker.doWithAdminFunction(admin -> {
            try {
                var description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                return description.groupState() == org.apache.kafka.common.GroupState.STABLE && description.members().size() == 2
                        && description.members().stream().allMatch(m -> m.assignment().topicPartitions().stream()
                        .anyMatch(p -> p.topic().equals("telepay.payments")));
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** Who holds which partitions in the group, and the topics' partition counts: what a failure needs to be read. */
    private static String assignment(String group) {
        return broker.doWithAdminFunction(admin -> {
            try {
                var description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                var topics = admin.describeTopics(List.of("telepay.payments", "telepay.events")).allTopicNames().get();
                var offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                return description.groupState() + " " + description.members().stream()
                        .map(m -> m.clientId() + "@" + m.host() + "=" + m.assignment().topicPartitions()).toList()
                        + " partitions " + topics.values().stream().map(t -> t.name() + ":" + t.partitions().size()).toList()
                        + " offsets " + offsets;
            } catch (Exception e) {
                return "(not described: " + e + ")";
            }
        });
    }

    private static List<ConsumerRecord<String, String>> readTopics() {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", broker.getBrokersAsString(),
                "group.id", "kafka-test-reader-" + Ids.randomToken(3), "auto.offset.reset", "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("telepay.payments", "telepay.orders"));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int empty = 0;
            while (System.nanoTime() < deadline && (records.isEmpty() || empty < 2)) {
                var polled = consumer.poll(Duration.ofMillis(500));
                polled.forEach(records::add);
                empty = polled.isEmpty() ? empty + 1 : 0;
            }
        }
        return records;
    }

    /** A webhook receiver on this machine: keeps every body, answers 200. */
    static final class Receiver {

        final HttpServer server;
        final List<JsonNode> bodies = new CopyOnWriteArrayList<>();

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/hooks", exchange -> {
                bodies.add(JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://localhost:" + server.getAddress().getPort() + "/hooks";
        }

        List<JsonNode> about(List<String> orders) {
            return bodies.stream().filter(b -> orders.contains(b.get("data").get("orderId").asString())).toList();
        }
    }
}
