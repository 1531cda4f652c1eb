package io.telepay.audit;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the audit entries a database migration owed ({@code audit_pending}, V160) into ordinary entries,
 * recorded by the system with their MAC and chained like any other, once: each pending row is deleted in
 * the transaction that records it, and rows are locked so two instances starting together do not both record.
 */
@Component
class PendingAuditEntries {

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final JsonMapper json;

    PendingAuditEntries(JdbcClient jdbc, AuditTrail audit, TransactionTemplate transactions, JsonMapper json) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.transactions = transactions;
        this.json = json;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartUp() {
        recordAll();
    }

    /** Records every pending entry; how many. */
    int recordAll() {
        Integer recorded = transactions.execute(status -> {
            record Pending(String id, String action, String subject, String details) {
            }
            List<Pending> pending = jdbc.sql("select id, action, subject, details from audit_pending order by recorded_at, id for update")
                    .query(Pending.class).list();
            for (Pending entry : pending) {
                Map<String, Object> details = entry.details() == null ? Map.of()
                        : json.readValue(entry.details(), new TypeReference<Map<String, Object>>() { });
                audit.record(entry.action(), entry.subject(), details);
                jdbc.sql("delete from audit_pending where id = :id").param("id", entry.id()).update();
            }
            return pending.size();
        });
        return recorded == null ? 0 : recorded;
    }
}
