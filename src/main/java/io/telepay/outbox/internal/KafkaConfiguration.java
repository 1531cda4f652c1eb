package io.telepay.outbox.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kafka, only when {@code telepay.kafka.bootstrap} is set (docs/adr/0190-kafka.md): the topics, the relay that
 * publishes the outbox (every instance) and the consumers that feed the listeners (instances with the
 * {@code workers} role). Without the setting none of this exists and the outbox hands events over itself.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${telepay.kafka.bootstrap:}'.isBlank()")
class KafkaConfiguration {

    private final String bootstrap;

    KafkaConfiguration(@Value("${telepay.kafka.bootstrap}") String bootstrap) {
        this.bootstrap = bootstrap.strip();
    }

    @Bean
    KafkaAdmin kafkaAdmin() {
        return new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** Created when missing; the replication factor is the broker's default (3 in production, docs/operations.md). */
    @Bean
    KafkaAdmin.NewTopics telepayTopics(@Value("${telepay.kafka.partitions:6}") int partitions) {
        return new KafkaAdmin.NewTopics(KafkaEvents.TOPICS.stream()
                .map(topic -> TopicBuilder.name(topic).partitions(partitions).build()).toArray(NewTopic[]::new));
    }

    /** A bean, so the context's close closes its producer (else its network thread retries a gone broker forever). */
    @Bean
    DefaultKafkaProducerFactory<String, String> outboxProducerFactory(@Value("${telepay.kafka.send-timeout:PT30S}") Duration sendTimeout) {
        int requestTimeout = (int) Math.min(sendTimeout.toMillis() / 3, 10_000);
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.CLIENT_ID_CONFIG, "telepay-outbox-relay",
                // an event is published once it is on every in-sync replica, retried without duplicates or reordering
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                "max.in.flight.requests.per.connection", 5,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeout,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) sendTimeout.toMillis(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, requestTimeout);
        return new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new StringSerializer());
    }

    @Bean
    KafkaTemplate<String, String> outboxKafkaTemplate(DefaultKafkaProducerFactory<String, String> outboxProducerFactory) {
        return new KafkaTemplate<>(outboxProducerFactory);
    }

    @Bean
    KafkaRelay kafkaRelay(JdbcClient jdbc, TransactionTemplate tx, KafkaTemplate<String, String> outboxKafkaTemplate,
                          Listeners listeners, MeterRegistry meters,
                          @Value("${telepay.outbox.batch-size:200}") int batchSize,
                          @Value("${telepay.outbox.linger:PT0.2S}") Duration linger,
                          @Value("${telepay.outbox.poll-interval:PT1S}") Duration pollInterval,
                          @Value("${telepay.kafka.send-timeout:PT30S}") Duration sendTimeout) {
        return new KafkaRelay(jdbc, tx, outboxKafkaTemplate, listeners, meters, batchSize, linger, pollInterval,
                sendTimeout.plusSeconds(5));
    }

    @Bean
    @ConditionalOnExpression("'${telepay.roles:api,workers}'.contains('workers')")
    KafkaListeners kafkaListeners(Listeners listeners, JdbcClient jdbc, TransactionTemplate tx, JsonMapper json, Clock clock,
                                  MeterRegistry meters,
                                  @Value("${telepay.kafka.consumer-concurrency:1}") int concurrency,
                                  @Value("${telepay.kafka.keep-processed:P7D}") Duration keepProcessed,
                                  @Value("${telepay.kafka.session-timeout:PT45S}") Duration sessionTimeout) {
        return new KafkaListeners(listeners, jdbc, tx, json, clock, meters, KafkaListeners.consumerConfig(bootstrap, sessionTimeout),
                concurrency, keepProcessed);
    }
}
