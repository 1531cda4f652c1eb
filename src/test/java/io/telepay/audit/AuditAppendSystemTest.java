package io.telepay.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.telepay.shared.Ids;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An entry recorded in a transaction is written when that transaction commits and chained after: never when it
 * rolls back, in the order the transactions commit, and without making other transactions wait while the
 * recording one still works (the chain's head row was locked by every audited commit, which serialized them).
 */
class AuditAppendSystemTest extends SystemTest {

    @Autowired
    AuditTrail trail;

    @Autowired
    AuditLog log;

    @Autowired
    AuditSequencer sequencer;

    @Autowired
    PlatformTransactionManager transactions;

    private final String run = Ids.randomToken(6);

    @Test
    void aTransactionStillWorkingDoesNotHoldUpAnotherOnesEntries() throws Exception {
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        // own threads (the common pool may have one); the waits only keep a broken build from hanging
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions).executeWithoutResult(s -> {
            trail.record("test.slow", "slow-" + run, Map.of());
            recorded.countDown();
            try {
                assertThat(finish.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), threads);
        assertThat(recorded.await(10, TimeUnit.SECONDS)).isTrue();

        // while the slow one is still open, another transaction records and commits
        CompletableFuture<Void> quick = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions)
                .executeWithoutResult(s -> trail.record("test.quick", "quick-" + run, Map.of())), threads);
        quick.get(10, TimeUnit.SECONDS);
        assertThat(seqOf("quick-" + run)).as("appended while the other transaction is open").isNotNull();
        assertThat(seqOf("slow-" + run)).as("not before its own commit").isNull();

        finish.countDown();
        slow.get(10, TimeUnit.SECONDS);
        assertThat(seqOf("slow-" + run)).as("in commit order").isGreaterThan(seqOf("quick-" + run));
        assertThat(log.verify().ok()).isTrue();
        threads.shutdown();
    }

    @Test
    void aRolledBackTransactionLeavesNoEntryAndANestedNewOneKeepsItsOwn() {
        new TransactionTemplate(transactions).executeWithoutResult(outer -> {
            trail.record("test.outer", "outer-" + run, Map.of());
            TransactionTemplate inner = new TransactionTemplate(transactions);
            inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
            inner.executeWithoutResult(s -> trail.record("test.inner", "inner-" + run, Map.of()));
            assertThat(seqOf("inner-" + run)).as("the nested transaction committed its own entry").isNotNull();
            outer.setRollbackOnly();
        });
        assertThat(seqOf("outer-" + run)).as("the rolled-back transaction's entry").isNull();
        assertThat(log.verify().ok()).isTrue();
    }

    @Test
    void entriesOfOneTransactionKeepTheirOrderAndDetailsAsRecorded() {
        Map<String, Object> details = new java.util.HashMap<>(Map.of("step", 1));
        new TransactionTemplate(transactions).executeWithoutResult(s -> {
            trail.record("test.first", "order-" + run, details);
            details.put("step", 2); // changed after recording: the entry keeps what was recorded
            trail.record("test.second", "order-" + run, Map.of("step", 3));
        });
        sequencer.chainPending();
        List<String> rows = jdbc.sql("select action || ' ' || details from audit_entry where subject = :s order by seq")
                .param("s", "order-" + run).query(String.class).list();
        assertThat(rows).containsExactly("test.first {\"step\":1}", "test.second {\"step\":3}");
    }

    /** The entry's place in the chain, once everything committed so far is chained; null while it is not. */
    private Long seqOf(String subject) {
        sequencer.chainPending();
        return jdbc.sql("select seq from audit_entry where subject = :s").param("s", subject).query(Long.class).optional().orElse(null);
    }
}
