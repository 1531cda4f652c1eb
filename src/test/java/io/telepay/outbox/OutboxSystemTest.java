package io.telepay.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.telepay.shared.Ids;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox against the real database: what commits is heard, what rolls back is not, failures wait in order. */
class OutboxSystemTest extends SystemTest {

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    OutboxProbes probes;

    @Autowired
    Outbox outbox;

    @Test
    void whatCommitsIsHeardOnceAndWhatRollsBackNever() {
        String committed = Ids.next("pay_");
        String rolledBack = Ids.next("pay_");
        tx.executeWithoutResult(status -> {
            events.publishEvent(new OutboxProbes.Probe(rolledBack, 1));
            status.setRollbackOnly();
        });
        tx.executeWithoutResult(status -> {
            events.publishEvent(new OutboxProbes.Probe(committed, 1));
            events.publishEvent(new OutboxProbes.Probe(committed, 2));
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> probes.of(committed).size() == 2);
        outbox.dispatchDue();
        assertThat(probes.of(committed)).containsExactly(1, 2);
        assertThat(probes.of(rolledBack)).isEmpty();
        assertThat(rows(committed)).isZero();
    }

    @Test
    void aFailingEventWaitsWithTheLaterEventsOfItsPaymentAndOthersGoOn() {
        String stuck = Ids.next("pay_");
        String other = Ids.next("pay_");
        probes.failing.add(stuck);
        tx.executeWithoutResult(status -> {
            for (int seq = 1; seq <= 3; seq++) {
                events.publishEvent(new OutboxProbes.Probe(stuck, seq));
                events.publishEvent(new OutboxProbes.Probe(other, seq));
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> probes.of(other).size() == 3);
        assertThat(probes.of(other)).containsExactly(1, 2, 3);
        assertThat(probes.of(stuck)).isEmpty();
        assertThat(rows(stuck)).as("kept for a retry, nothing lost").isEqualTo(3);
        assertThat(jdbc.sql("select max(attempts) from outbox_event where payload like :p").param("p", "%" + stuck + "%")
                .query(Integer.class).single()).isEqualTo(1);

        // the receiver is back: after the back-off the three are heard, in their order
        probes.failing.remove(stuck);
        clock.advance(Duration.ofSeconds(6));
        outbox.dispatchDue();
        assertThat(probes.of(stuck)).containsExactly(1, 2, 3);
        assertThat(rows(stuck)).isZero();
    }

    private long rows(String paymentId) {
        return jdbc.sql("select count(*) from outbox_event where event_key = :key").param("key", paymentId)
                .query(Long.class).single();
    }
}
