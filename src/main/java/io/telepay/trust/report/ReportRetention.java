package io.telepay.trust.report;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.telepay.audit.AuditTrail;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fraud reports are kept for {@code telepay.trust.report-retention} after intake (two years unless
 * configured), then purged with their evidence, links and custody log — one transaction per report,
 * each purge in the audit log with the SHA-256 of the files that went. Runs on one instance at a time.
 */
@Component
class ReportRetention {

    private static final Logger log = LoggerFactory.getLogger(ReportRetention.class);
    private static final int BATCH = 200;

    private final JdbcClient jdbc;
    private final EvidenceLocker locker;
    private final ReportLinks links;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Period retention;

    ReportRetention(JdbcClient jdbc, EvidenceLocker locker, ReportLinks links, AuditTrail audit, TransactionTemplate transactions,
                    Clock clock, @Value("${telepay.trust.report-retention}") Period retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalStateException("telepay.trust.report-retention must be a positive period, e.g. P2Y");
        }
        this.jdbc = jdbc;
        this.locker = locker;
        this.links = links;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
        this.retention = retention;
    }

    @Scheduled(fixedDelayString = "${telepay.trust.purge-interval}", initialDelayString = "PT2M")
    @SchedulerLock(name = "trust-report-retention", lockAtMostFor = "PT30M")
    void run() {
        int purged = purgeExpired();
        if (purged > 0) {
            log.info("purged {} fraud reports past their retention of {}", purged, retention);
        }
    }

    /** Purges every report received before now minus the retention period; answers how many went. */
    int purgeExpired() {
        Instant cutoff = clock.instant().atOffset(ZoneOffset.UTC).minus(retention).toInstant();
        int purged = 0;
        while (true) {
            List<String> due = jdbc.sql("select id from trust_report where received_at < :cutoff order by received_at, id limit :batch")
                    .param("cutoff", io.telepay.shared.Db.ts(cutoff)).param("batch", BATCH).query(String.class).list();
            for (String id : due) {
                if (Boolean.TRUE.equals(transactions.execute(status -> purge(id, cutoff)))) {
                    purged++;
                }
            }
            if (due.size() < BATCH) {
                return purged;
            }
        }
    }

    private boolean purge(String id, Instant cutoff) {
        // the row lock makes a second instance (or a second run) wait, then find nothing to purge
        boolean present = jdbc.sql("select id from trust_report where id = :id for update").param("id", id)
                .query(String.class).optional().isPresent();
        if (!present) {
            return false;
        }
        List<String> hashes = locker.files(id).stream().map(EvidenceView::sha256).toList();
        int files = locker.purge(id);
        links.purge(id);
        jdbc.sql("delete from trust_report where id = :id").param("id", id).update();
        audit.record("trust.report.purged", id, Map.of("retention", retention.toString(), "cutoff", cutoff.toString(),
                "evidenceFiles", files, "sha256", hashes));
        return true;
    }
}
