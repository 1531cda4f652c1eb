package io.telepay.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import io.telepay.shared.Db;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads the audit log and verifies its chain. */
@Service
public class AuditLog {

    private static final int VERIFY_BATCH = 5_000;

    private final JdbcClient jdbc;
    private final AuditChain chain;
    private final AuditSequencer sequencer;

    AuditLog(JdbcClient jdbc, AuditChain chain, AuditSequencer sequencer) {
        this.jdbc = jdbc;
        this.chain = chain;
        this.sequencer = sequencer;
    }

    /**
     * Entries (chained first: everything committed so far is in the chain) with {@code from <= at < to} (either bound may be null) and {@code seq > afterSeq}, oldest first. */
    public List<AuditEntry> entries(Instant from, Instant to, String subject, long afterSeq, int limit) {
        sequencer.chainPending();
        return chained(from, to, subject, afterSeq, limit);
    }

    private List<AuditEntry> chained(Instant from, Instant to, String subject, long afterSeq, int limit) {
        return jdbc.sql("""
                select * from audit_entry
                where seq > :after
                  and (cast(:from as timestamp with time zone) is null or at >= :from)
                  and (cast(:to as timestamp with time zone) is null or at < :to)
                  and (cast(:subject as varchar) is null or subject = :subject)
                order by seq limit :limit""")
                .param("after", afterSeq).param("from", Db.ts(from)).param("to", Db.ts(to))
                .param("subject", subject).param("limit", limit)
                .query(AuditLog::entry)
                .list();
    }

    /**
     * Walks the whole chain: recomputes every hash, checks each entry links to the previous one, that
     * sequence numbers have no gap, that the last entry is the head the sequencer recorded, and that no entry
     * was written without the key. Finds a changed, deleted, inserted or reordered entry.
     */
    public ChainVerification verify() {
        sequencer.chainPending();
        return verifyChained();
    }

    private ChainVerification verifyChained() {
        var head = jdbc.sql("select seq, hash from audit_head where id = 1")
                .query((rs, n) -> new Object[] {rs.getLong("seq"), rs.getString("hash")}).single();
        long headSeq = (long) head[0];
        String headHash = (String) head[1];
        String prevHash = AuditChain.GENESIS;
        long expectedSeq = 1;
        long count = 0;
        while (true) {
            List<AuditEntry> batch = chained(null, null, null, expectedSeq - 1, VERIFY_BATCH);
            for (AuditEntry e : batch) {
                if (e.seq() != expectedSeq) {
                    return broken(count, headHash, expectedSeq, "entry " + expectedSeq + " is missing");
                }
                if (!e.prevHash().equals(prevHash)) {
                    return broken(count, headHash, e.seq(), "entry does not link to the entry before it");
                }
                String recomputed = chain.hash(prevHash, new AuditChain.Fields(e.seq(), e.at(), e.actor(), e.actorName(),
                        e.action(), e.subject(), e.origin(), e.result(), e.details()));
                if (!recomputed.equals(e.hash())) {
                    return broken(count, headHash, e.seq(), "entry content does not match its hash");
                }
                prevHash = e.hash();
                expectedSeq++;
                count++;
            }
            if (batch.size() < VERIFY_BATCH) {
                break;
            }
        }
        if (count != headSeq || !prevHash.equals(headHash)) {
            return broken(count, headHash, count + 1, "the log ends before the recorded head (entries removed at the end)");
        }
        long forged = jdbc.sql("select count(*) from audit_entry where rejected_at is not null").query(Long.class).single();
        if (forged > 0) {
            return broken(count, headHash, count + 1, forged + " entries were written without the key and never chained");
        }
        return new ChainVerification(true, count, headHash, null, null);
    }

    private static ChainVerification broken(long count, String head, long seq, String problem) {
        return new ChainVerification(false, count, head, seq, problem);
    }

    private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(rs.getLong("seq"), Db.instant(rs, "at"), rs.getString("actor_id"),
                rs.getString("actor_name"), rs.getString("action"), rs.getString("subject"), rs.getString("origin"),
                rs.getString("result"), rs.getString("details"), rs.getString("hash"), rs.getString("prev_hash"));
    }
}
