package io.telepay.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.telepay.shared.Db;
import io.telepay.shared.Doorbell;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chains written audit entries in batches: under the head row's lock (only sequencers take it — of several
 * instances one at a time — never a writer), it gives each entry not yet chained the next sequence number, the
 * previous entry's hash and its own, in the order they committed as far as it can see them (by their time),
 * and moves the head. An entry whose MAC does not verify was not written by Telepay: it is rejected, never
 * chained, and the verifier reports it. Runs shortly after a commit that wrote entries
 * ({@code telepay.audit.linger}, 200 ms by default), every {@code telepay.audit.poll-interval} in any case, and before anyone reads
 * the log; so the chain lags the commits by a bounded moment.
 */
@Component
class AuditSequencer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditSequencer.class);
    private static final int BATCH = 1_000;

    private record Pending(String id, AuditChain.Fields fields, String mac) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditChain chain;
    private final Clock clock;
    private final Doorbell doorbell;
    private volatile Thread worker;
    private volatile boolean running;

    AuditSequencer(JdbcClient jdbc, PlatformTransactionManager transactions, AuditChain chain, Clock clock,
                   @Value("${telepay.audit.linger:PT0.2S}") Duration linger,
                   @Value("${telepay.audit.poll-interval:PT1S}") Duration pollInterval) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.chain = chain;
        this.clock = clock;
        this.doorbell = new Doorbell(pollInterval, linger);
    }

    /** A transaction that wrote entries committed: chain them soon. */
    void wake() {
        doorbell.ring();
    }

    /** Chains every entry written so far, in transactions of its own; answers how many it chained. */
    synchronized int chainPending() {
        int chained = 0;
        while (true) {
            int count = tx.execute(status -> chainBatch());
            chained += count;
            if (count < BATCH) {
                return chained;
            }
        }
    }

    private int chainBatch() {
        var head = jdbc.sql("select seq, hash from audit_head where id = 1 for update")
                .query((rs, n) -> new Object[] {rs.getLong("seq"), rs.getString("hash")}).single();
        long seq = (long) head[0];
        String prevHash = (String) head[1];
        List<Pending> pending = jdbc.sql("""
                select * from audit_entry where seq is null and rejected_at is null order by at, id limit :limit""")
                .param("limit", BATCH)
                .query((rs, n) -> new Pending(rs.getString("id"), new AuditChain.Fields(0, Db.instant(rs, "at"),
                        rs.getString("actor_id"), rs.getString("actor_name"), rs.getString("action"), rs.getString("subject"),
                        rs.getString("origin"), rs.getString("result"), rs.getString("details")), rs.getString("mac")))
                .list();
        if (pending.isEmpty()) {
            return 0;
        }
        List<Link> links = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (Pending entry : pending) {
            if (!chain.mac(entry.id(), entry.fields()).equals(entry.mac())) {
                log.error("AUDIT TAMPERING: entry {} ({}) was not written by Telepay; it is not chained", entry.id(),
                        entry.fields().action());
                rejected.add(entry.id());
                continue;
            }
            AuditChain.Fields f = entry.fields();
            seq++;
            String hash = chain.hash(prevHash, new AuditChain.Fields(seq, f.at(), f.actorId(), f.actorName(), f.action(),
                    f.subject(), f.origin(), f.result(), f.details()));
            links.add(new Link(entry.id(), seq, prevHash, hash));
            prevHash = hash;
        }
        link(links);
        if (!rejected.isEmpty()) {
            jdbc.sql("update audit_entry set rejected_at = :now where id in (:ids)").param("now", Db.ts(clock.instant()))
                    .param("ids", rejected).update();
        }
        jdbc.sql("update audit_head set seq = :seq, hash = :hash where id = 1").param("seq", seq).param("hash", prevHash).update();
        return pending.size();
    }

    private record Link(String id, long seq, String prevHash, String hash) {
    }

    /** Writes the batch's places in the chain in one statement. */
    private void link(List<Link> links) {
        if (links.isEmpty()) {
            return;
        }
        var statement = jdbc.sql("merge into audit_entry a using (values "
                + Db.rows(links.size(), "(:id%1$d, cast(:seq%1$d as bigint), :prev%1$d, :hash%1$d)")
                + ") as v(id, seq, prev_hash, hash) on a.id = v.id when matched then update set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash");
        for (int i = 0; i < links.size(); i++) {
            Link link = links.get(i);
            statement = statement.param("id" + i, link.id()).param("seq" + i, link.seq()).param("prev" + i, link.prevHash())
                    .param("hash" + i, link.hash());
        }
        statement.update();
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("audit-sequencer").daemon().start(this::work);
    }

    private void work() {
        while (running) {
            try {
                doorbell.await();
                chainPending();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the database may be away for a moment: the entries wait, written, and are chained later
                log.warn("audit chaining failed: {}", e.toString());
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            chainPending();
        } catch (RuntimeException e) {
            log.warn("audit entries left to chain at the next start: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
