package io.telepay.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.telepay.shared.Actor;
import io.telepay.shared.Actors;
import io.telepay.shared.CardNumbers;
import io.telepay.shared.Db;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends to the audit log. An entry written with {@link #record} commits or rolls back with the
 * caller's transaction, so the log never claims a change that did not happen; acts that leave no
 * change behind (a refused login) use {@link #recordIndependently}.
 *
 * <p>Every append takes the chain's head row lock, which every other append waits for until its transaction
 * ends. So {@link #record} does not append at once: it keeps the entry and appends it, with the transaction's
 * other entries, just before the commit. The lock is then held for the commit alone, not for the rest of a
 * payment (risk, gateway) as it was when the payment's first entry locked it (measured under load: 18.8 ms of
 * waiting per payment on that row before, 5.5 ms after; docs/benchmarks.md). The entry's time is its append's.
 */
@Service
public class AuditTrail {

    public static final String SUCCESS = "SUCCESS";
    public static final String FAILURE = "FAILURE";
    public static final String DENIED = "DENIED";

    private final JdbcClient jdbc;
    private final AuditChain chain;
    private final JsonMapper json;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, AuditChain chain, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.chain = chain;
        this.json = json;
        this.clock = clock;
    }

    /** Records a successful act of the current actor, in the caller's transaction, appended when it commits. */
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(String action, String subject, Map<String, ?> details) {
        Actor actor = Actors.currentOrSystem();
        // the details are written down now: a map the caller changes before the commit must not change the entry
        Pending entry = new Pending(actor.id(), actor.name(), action, subject, detailsJson(details), origin());
        appendBeforeCommit().add(entry);
    }

    /** What the current transaction appends before it commits (a nested new transaction has its own). */
    private AppendBeforeCommit appendBeforeCommit() {
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof AppendBeforeCommit waiting) {
                return waiting;
            }
        }
        AppendBeforeCommit waiting = new AppendBeforeCommit();
        TransactionSynchronizationManager.registerSynchronization(waiting);
        return waiting;
    }

    private final class AppendBeforeCommit implements TransactionSynchronization {

        private final List<Pending> entries = new ArrayList<>();
        private boolean appended;

        void add(Pending entry) {
            if (appended) {
                append(entry); // recorded by another synchronization's beforeCommit after ours: still before the commit
            } else {
                entries.add(entry);
            }
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            entries.forEach(AuditTrail.this::append);
            appended = true;
        }
    }

    private void append(Pending entry) {
        append(entry.actorId(), entry.actorName(), entry.action(), entry.subject(), SUCCESS, entry.detailsJson(), entry.origin());
    }

    private record Pending(String actorId, String actorName, String action, String subject, String detailsJson, String origin) {
    }

    /** Records an act of the current actor with the given result, in a transaction of its own. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordIndependently(String action, String subject, String result, Map<String, ?> details) {
        Actor actor = Actors.currentOrSystem();
        append(actor.id(), actor.name(), action, subject, result, detailsJson(details), origin());
    }

    /** As {@link #recordIndependently(String, String, String, Map)} for acts before anyone is authenticated. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordIndependently(String actorId, String actorName, String action, String subject, String result,
                                    Map<String, ?> details) {
        append(actorId, actorName, action, subject, result, detailsJson(details), origin());
    }

    private void append(String actorId, String actorName, String action, String subject, String result,
                        String detailsJson, String origin) {
        // the head row lock orders appends across threads and instances: gap-free, in commit order
        var head = jdbc.sql("select seq, hash from audit_head where id = 1 for update")
                .query((rs, n) -> new Head(rs.getLong("seq"), rs.getString("hash")))
                .single();
        // microseconds: what both databases store, so the hash recomputes the same after a round trip
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var entry = new AuditChain.Fields(head.seq + 1, at, actorId, actorName, action, subject, origin, result, detailsJson);
        String hash = chain.hash(head.hash, entry);
        jdbc.sql("""
                insert into audit_entry (seq, at, actor_id, actor_name, action, subject, origin, result, details, prev_hash, hash)
                values (:seq, :at, :actorId, :actorName, :action, :subject, :origin, :result, :details, :prevHash, :hash)""")
                .param("seq", entry.seq()).param("at", Db.ts(at)).param("actorId", actorId)
                .param("actorName", actorName).param("action", action).param("subject", subject)
                .param("origin", entry.origin()).param("result", result).param("details", detailsJson)
                .param("prevHash", head.hash).param("hash", hash)
                .update();
        jdbc.sql("update audit_head set seq = :seq, hash = :hash where id = 1")
                .param("seq", entry.seq()).param("hash", hash).update();
    }

    private String detailsJson(Map<String, ?> details) {
        return details == null || details.isEmpty() ? null : CardNumbers.mask(json.writeValueAsString(details));
    }

    private static String origin() {
        String requestId = MDC.get("requestId");
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return "ip=" + request.getRemoteAddr() + (requestId == null ? "" : " request=" + requestId);
        }
        return requestId == null ? "internal" : "request=" + requestId;
    }

    private record Head(long seq, String hash) {
    }
}
