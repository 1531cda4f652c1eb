package io.telepay.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.telepay.shared.Actor;
import io.telepay.shared.Actors;
import io.telepay.shared.BeforeCommit;
import io.telepay.shared.CardNumbers;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
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
 * Writes to the audit log. An entry written with {@link #record} commits or rolls back with the caller's
 * transaction, so the log never claims a change that did not happen; acts that leave no change behind (a
 * refused login) use {@link #recordIndependently}.
 *
 * <p>An entry is written without any lock, with a MAC of its own fields ({@link AuditChain#mac}), just before its
 * transaction commits (all of the transaction's entries in one statement); the {@link AuditSequencer} chains it
 * shortly after, in commit order. Nothing in the system waits on the chain's head: before, every audited commit
 * locked the head row until it committed (ADR 0003). The entry's time is the moment it was recorded.
 */
@Service
public class AuditTrail {

    public static final String SUCCESS = "SUCCESS";
    public static final String FAILURE = "FAILURE";
    public static final String DENIED = "DENIED";

    private final JdbcClient jdbc;
    private final AuditChain chain;
    private final AuditSequencer sequencer;
    private final JsonMapper json;
    private final Clock clock;
    private final AtomicReference<Instant> lastAt = new AtomicReference<>(Instant.EPOCH);

    AuditTrail(JdbcClient jdbc, AuditChain chain, AuditSequencer sequencer, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.chain = chain;
        this.sequencer = sequencer;
        this.json = json;
        this.clock = clock;
    }

    /** Records a successful act of the current actor, in the caller's transaction, written when it commits. */
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(String action, String subject, Map<String, ?> details) {
        Actor actor = Actors.currentOrSystem();
        // the details are written down now: a map the caller changes before the commit must not change the entry
        BeforeCommit.<Entry>of(this, this::insert, written -> sequencer.wake())
                .add(List.of(entry(actor.id(), actor.name(), action, subject, SUCCESS, details)));
    }

    /** Records an act of the current actor with the given result, in a transaction of its own. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordIndependently(String action, String subject, String result, Map<String, ?> details) {
        Actor actor = Actors.currentOrSystem();
        recordIndependently(actor.id(), actor.name(), action, subject, result, details);
    }

    /** As {@link #recordIndependently(String, String, String, Map)} for acts before anyone is authenticated. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordIndependently(String actorId, String actorName, String action, String subject, String result,
                                    Map<String, ?> details) {
        insert(List.of(entry(actorId, actorName, action, subject, result, details)));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                sequencer.wake();
            }
        });
    }

    private Entry entry(String actorId, String actorName, String action, String subject, String result, Map<String, ?> details) {
        // microseconds: what both databases store, so the MAC and the hash recompute the same after a round trip;
        // strictly increasing, so a transaction's entries are chained in the order they were recorded
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant at = lastAt.updateAndGet(last -> now.isAfter(last) ? now : last.plus(1, ChronoUnit.MICROS));
        var fields = new AuditChain.Fields(0, at, actorId, actorName, action, subject, origin(), result, detailsJson(details));
        String id = Ids.next("aud_");
        return new Entry(id, fields, chain.mac(id, fields));
    }

    private record Entry(String id, AuditChain.Fields fields, String mac) {
    }

    private void insert(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        var statement = jdbc.sql("insert into audit_entry (id, at, actor_id, actor_name, action, subject, origin, result, details, mac) "
                + "values " + Db.rows(entries.size(), "(:id%1$d, :at%1$d, :actor%1$d, :name%1$d, :action%1$d, :subject%1$d, "
                + ":origin%1$d, :result%1$d, :details%1$d, :mac%1$d)"));
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            AuditChain.Fields f = entry.fields();
            statement = statement.param("id" + i, entry.id()).param("at" + i, Db.ts(f.at())).param("actor" + i, f.actorId())
                    .param("name" + i, f.actorName()).param("action" + i, f.action()).param("subject" + i, f.subject())
                    .param("origin" + i, f.origin()).param("result" + i, f.result()).param("details" + i, f.details())
                    .param("mac" + i, entry.mac());
        }
        statement.update();
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
}
