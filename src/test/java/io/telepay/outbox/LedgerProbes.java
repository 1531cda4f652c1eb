package io.telepay.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The Kafka test's listener: its effect is a row in the database ({@code kafka_probe_heard}, made by the test), so
 * an event handled twice by two workers shows as two rows. In the worker process the test kills, it halts the JVM
 * right after the transaction that heard the probe numbered {@code telepay.test.halt-at-seq} committed: the effect
 * is in, the consumer's offsets are not.
 */
@Component
public class LedgerProbes {

    /** An event of a payment, numbered in the order it was published. */
    public record LedgerProbe(String paymentId, int seq) {
    }

    static final int HALTED = 137;
    private static final Logger log = LoggerFactory.getLogger(LedgerProbes.class);

    private final JdbcClient jdbc;
    private final String instance;
    private final int haltAtSeq;

    LedgerProbes(JdbcClient jdbc, @Value("${telepay.test.instance:}") String instance,
                 @Value("${telepay.test.halt-at-seq:0}") int haltAtSeq) {
        this.jdbc = jdbc;
        this.instance = instance;
        this.haltAtSeq = haltAtSeq;
    }

    @OutboxListener
    void on(LedgerProbe probe) {
        jdbc.sql("insert into kafka_probe_heard (probe_key, seq, heard_by) values (:key, :seq, :by)")
                .param("key", probe.paymentId()).param("seq", probe.seq()).param("by", instance).update();
        if (haltAtSeq > 0 && probe.seq() == haltAtSeq) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    log.warn("heard {}: halting before the offsets are committed", probe);
                    Runtime.getRuntime().halt(HALTED);
                }
            });
        }
    }
}
