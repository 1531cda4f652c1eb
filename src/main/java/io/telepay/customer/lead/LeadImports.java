package io.telepay.customer.lead;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.telepay.audit.AuditTrail;
import io.telepay.customer.PhoneNumbers;
import io.telepay.identity.StaffDirectory;
import io.telepay.identity.StaffUser;
import io.telepay.shared.Actor;
import io.telepay.shared.Actors;
import io.telepay.shared.Checks;
import io.telepay.shared.Db;
import io.telepay.shared.Deployment;
import io.telepay.shared.Ids;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.NotFound;
import io.telepay.shared.Page;
import io.telepay.shared.Role;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lead imports from CSV, run as jobs. The upload is checked at once (header, UTF-8, at most
 * {@code telepay.leads.import-max-rows} rows) and answered with a QUEUED job; one worker per instance then
 * imports the rows in batches. The job row survives a restart: a job whose worker died — the process
 * stopped — is marked INTERRUPTED (at start-up on the embedded database, by a heartbeat timeout on a shared
 * one). Rows imported before that are kept; uploading the same file again imports the rest, the rows already
 * in counting as duplicates.
 */
@Service
public class LeadImports {

    private static final Logger log = LoggerFactory.getLogger(LeadImports.class);
    private static final int WAITING_JOBS = 20;
    private static final Duration STALE = Duration.ofMinutes(2);
    /**
     * Liveness is about real elapsed time, not business time: a test that moves the business clock a day
     * ahead must not make a running import look dead.
     */
    private static final Clock WALL_CLOCK = Clock.systemUTC();

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final StaffDirectory staff;
    private final AuditTrail audit;
    private final Deployment deployment;
    private final Clock clock;
    private final ImportRun.Tools tools;
    private final int maxRows;
    private final ThreadPoolExecutor worker;
    private final Set<String> local = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    LeadImports(JdbcClient jdbc, JdbcTemplate batches, TransactionTemplate transactions, PhoneNumbers phones, LeadStats stats,
                StaffDirectory staff, AuditTrail audit, Deployment deployment, Clock clock,
                @Value("${telepay.leads.import-max-rows:100000}") int maxRows,
                @Value("${telepay.leads.import-batch-size:500}") int batchSize) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.staff = staff;
        this.audit = audit;
        this.deployment = deployment;
        this.clock = clock;
        this.tools = new ImportRun.Tools(jdbc, batches, transactions, phones, stats, clock, batchSize);
        this.maxRows = maxRows;
        // one import at a time per instance: on two cores a second would only slow the first and the calls
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(WAITING_JOBS),
                runnable -> {
                    Thread thread = new Thread(runnable, "lead-import");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** What an upload asks for besides its rows. */
    public record Request(String fileName, String ownerId, String source, String campaign) {

        public Request {
            fileName = fileName == null || fileName.isBlank() ? "leads.csv" : fileName.strip();
            if (fileName.length() > 200) {
                fileName = fileName.substring(0, 200);
            }
            ownerId = ownerId == null || ownerId.isBlank() ? null : ownerId.strip();
            source = source == null || source.isBlank() ? null : source.strip();
            campaign = campaign == null || campaign.isBlank() ? null : campaign.strip();
            Checks.start().optionalText("ownerId", ownerId, 40).optionalText("source", source, 100)
                    .optionalText("campaign", campaign, 100).orThrow();
        }
    }

    /**
     * Checks the upload and queues its import. The stream is copied to a work file first (the request's
     * own copy is gone once it is answered) and read from there, row by row.
     *
     * @throws InvalidInput naming {@code file} for an empty, non-UTF-8 or non-CSV file, a missing column or too many rows
     */
    public ImportJob start(InputStream upload, Request request) {
        Actor actor = Actors.current();
        String ownerId = request.ownerId() == null ? null : owner(actor, request.ownerId());
        if (worker.getQueue().remainingCapacity() == 0) {
            throw new ImportQueueFull();
        }
        String id = Ids.next("imp_");
        Path file = workFile(id);
        try {
            Files.copy(upload, file, StandardCopyOption.REPLACE_EXISTING);
            if (Files.size(file) == 0) {
                throw new InvalidInput("file", "is empty");
            }
            LeadCsv.Shape shape = LeadCsv.check(file, maxRows);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            transactions.executeWithoutResult(status -> {
                jdbc.sql("""
                        insert into lead_import (id, file_name, status, total_rows, owner_id, default_source, default_campaign,
                                                 requested_by, requested_team, created_at, heartbeat_at)
                        values (:id, :fileName, 'QUEUED', :total, :owner, :source, :campaign, :by, :team, :now, :heartbeat)""")
                        .param("id", id).param("fileName", request.fileName()).param("total", shape.rows())
                        .param("owner", ownerId).param("source", request.source()).param("campaign", request.campaign())
                        .param("by", actor.id()).param("team", actor.team()).param("now", Db.ts(now))
                        .param("heartbeat", Db.ts(WALL_CLOCK.instant())).update();
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("fileName", request.fileName());
                details.put("rows", shape.rows());
                details.put("ownerId", ownerId == null ? "" : ownerId);
                details.put("ignoredColumns", shape.ignoredColumns());
                audit.record("lead-import.queued", id, details);
            });
            local.add(id);
            ImportRun run = new ImportRun(tools, new ImportRun.Settings(id, file, ownerId, request.source(),
                    request.campaign(), actor.id()), () -> stopping);
            try {
                worker.execute(new DelegatingSecurityContextRunnable(() -> execute(id, run, file)));
            } catch (RejectedExecutionException e) {
                local.remove(id);
                finish(id, ImportJob.Status.FAILED, "too many imports were waiting; upload the file again");
                deleteQuietly(file);
            }
            return find(id).orElseThrow();
        } catch (IOException e) {
            deleteQuietly(file);
            throw new UncheckedIOException("cannot store the upload of import " + id, e);
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    /**
     * The job, if the actor may see it: admins all, supervisors their own and their team's.
     *
     * @throws NotFound otherwise
     */
    public ImportJob get(String id) {
        Actor actor = Actors.current();
        return find(id).filter(job -> visible(actor, job)).orElseThrow(() -> new NotFound("lead import", id));
    }

    /** The jobs the actor may see, newest first; {@code cursor} is the id of the last job of the previous page. */
    public Page<ImportJob> list(String cursor, int limit) {
        Actor actor = Actors.current();
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (!actor.is(Role.ADMIN)) {
            where.append(" and (requested_by = :me or (requested_team is not null and requested_team = :team))");
            params.put("me", actor.id());
            params.put("team", actor.team() == null ? "" : actor.team());
        }
        if (cursor != null) {
            ImportJob after = find(cursor).filter(job -> visible(actor, job))
                    .orElseThrow(() -> new InvalidInput("cursor", "is not a cursor this endpoint gave out"));
            where.append(" and (created_at < :afterAt or (created_at = :afterAt and id < :afterId))");
            params.put("afterAt", Db.ts(after.createdAt()));
            params.put("afterId", after.id());
        }
        List<ImportJob> jobs = jdbc.sql("select " + ImportJob.COLUMNS + " from lead_import where " + where
                        + " order by created_at desc, id desc limit :limit")
                .params(params).param("limit", limit).query(ImportJob::map).list();
        return new Page<>(jobs, jobs.size() == limit ? jobs.getLast().id() : null);
    }

    /** The job's issues in row order, a page at a time; {@code cursor} is the last row of the previous page. */
    public Page<ImportIssue> issues(String id, String cursor, int limit) {
        get(id);
        int after = parseCursor(cursor);
        List<ImportIssue> page = issuesAfter(id, after, limit);
        return new Page<>(page, page.size() == limit ? Integer.toString(page.getLast().row()) : null);
    }

    /**
     * Writes all issues of a job the caller got through {@link #get} as CSV (row, field, kind, reason), a page at a time so a report of every row of a
     * 100,000-row file never sits in memory whole.
     */
    public void writeIssuesCsv(ImportJob job, Writer out) throws IOException {
        String id = job.id();
        out.write("row,field,kind,reason\r\n");
        int after = 0;
        while (true) {
            List<ImportIssue> page = issuesAfter(id, after, 1000);
            for (ImportIssue issue : page) {
                out.write(issue.row() + "," + issue.field() + "," + issue.kind() + "," + csvText(issue.reason()) + "\r\n");
            }
            if (page.size() < 1000) {
                break;
            }
            after = page.getLast().row();
        }
        out.flush();
    }

    /** After a restart: jobs whose worker died with the previous process cannot go on. */
    @EventListener(ApplicationReadyEvent.class)
    public void interruptOrphans() {
        Instant before = deployment.embedded()
                // one process per embedded database: anything alive before this JVM started is an orphan
                ? Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime())
                : WALL_CLOCK.instant().minus(STALE);
        interruptSilentSince(before);
    }

    /** Tells other instances our jobs are alive, and ends theirs that stopped saying so. */
    @Scheduled(fixedDelayString = "PT30S")
    public void heartbeat() {
        if (!local.isEmpty()) {
            jdbc.sql("update lead_import set heartbeat_at = :now where id in (:ids) and status in ('QUEUED', 'RUNNING')")
                    .param("now", Db.ts(WALL_CLOCK.instant())).param("ids", List.copyOf(local)).update();
        }
        interruptSilentSince(WALL_CLOCK.instant().minus(STALE));
    }

    @PreDestroy
    void stop() throws InterruptedException {
        // no Thread.interrupt: an interrupted H2 file channel closes the embedded database
        stopping = true;
        worker.shutdown();
        if (!worker.awaitTermination(20, TimeUnit.SECONDS)) {
            log.warn("lead import still running at shutdown; it will be marked INTERRUPTED on the next start");
        }
    }

    // ---- internals ----

    private void execute(String id, ImportRun run, Path file) {
        try {
            int started = jdbc.sql("""
                    update lead_import set status = 'RUNNING', started_at = :now, heartbeat_at = :heartbeat
                    where id = :id and status = 'QUEUED'""")
                    .param("now", Db.ts(clock.instant())).param("heartbeat", Db.ts(WALL_CLOCK.instant()))
                    .param("id", id).update();
            if (started == 0) {
                return;
            }
            if (stopping) {
                throw new ImportRun.Stopped();
            }
            run.importAll();
            finish(id, ImportJob.Status.COMPLETED, null);
        } catch (ImportRun.Stopped e) {
            finish(id, ImportJob.Status.INTERRUPTED,
                    "the server stopped during the import; rows counted as processed are in, upload the file again for the rest");
        } catch (Exception e) {
            log.error("lead import {} failed", id, e);
            finish(id, ImportJob.Status.FAILED, "the import failed on our side after " + processed(id)
                    + " rows; quote " + id + " if you contact support");
        } finally {
            local.remove(id);
            deleteQuietly(file);
        }
    }

    private void finish(String id, ImportJob.Status status, String failure) {
        transactions.executeWithoutResult(tx -> {
            int changed = jdbc.sql("""
                    update lead_import set status = :status, failure = :failure, finished_at = :now
                    where id = :id and status in ('QUEUED', 'RUNNING')""")
                    .param("status", status.name()).param("failure", failure)
                    .param("now", Db.ts(clock.instant())).param("id", id).update();
            if (changed == 1) {
                ImportJob job = find(id).orElseThrow();
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("status", status.name());
                details.put("processedRows", job.processedRows());
                details.put("imported", job.imported());
                details.put("duplicates", job.duplicates());
                details.put("doNotCall", job.doNotCall());
                details.put("rejected", job.rejected());
                audit.record("lead-import.finished", id, details);
            }
        });
    }

    private void interruptSilentSince(Instant before) {
        List<String> orphans = jdbc.sql("select id from lead_import where status in ('QUEUED', 'RUNNING') and heartbeat_at < :before")
                .param("before", Db.ts(before)).query(String.class).list();
        for (String orphan : orphans) {
            if (!local.contains(orphan)) {
                log.warn("lead import {} lost its worker; marking it INTERRUPTED", orphan);
                finish(orphan, ImportJob.Status.INTERRUPTED,
                        "the server stopped during the import; rows counted as processed are in, upload the file again for the rest");
            }
        }
    }

    private int processed(String id) {
        return find(id).map(ImportJob::processedRows).orElse(0);
    }

    private Optional<ImportJob> find(String id) {
        return jdbc.sql("select " + ImportJob.COLUMNS + " from lead_import where id = :id").param("id", id)
                .query(ImportJob::map).optional();
    }

    private static boolean visible(Actor actor, ImportJob job) {
        if (actor.is(Role.ADMIN) || actor.id().equals(job.requestedBy())) {
            return true;
        }
        return actor.is(Role.SUPERVISOR) && actor.team() != null && actor.team().equals(job.requestedTeam());
    }

    private List<ImportIssue> issuesAfter(String id, int afterRow, int limit) {
        return jdbc.sql("""
                select row_number, field, kind, reason from lead_import_issue
                where import_id = :id and row_number > :after order by row_number, field limit :limit""")
                .param("id", id).param("after", afterRow).param("limit", limit)
                .query((rs, n) -> new ImportIssue(rs.getInt("row_number"), rs.getString("field"),
                        ImportIssue.Kind.valueOf(rs.getString("kind")), rs.getString("reason")))
                .list();
    }

    /** Supervisors give leads to an agent of their team, admins to any agent. */
    private String owner(Actor actor, String ownerId) {
        StaffUser agent = staff.find(ownerId).filter(user -> user.role() == Role.AGENT && user.enabled())
                .orElseThrow(() -> new InvalidInput("ownerId", "must be an enabled agent"));
        if (actor.is(Role.SUPERVISOR) && (actor.team() == null || !actor.team().equals(agent.team()))) {
            throw new InvalidInput("ownerId", "must be an agent of your team");
        }
        return agent.id();
    }

    private Path workFile(String id) {
        Path directory = deployment.dataDir().resolve("imports");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        return directory.resolve(id + ".csv");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not delete import work file {}", file.getFileName());
        }
    }

    private static int parseCursor(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            return Integer.parseInt(cursor);
        } catch (NumberFormatException e) {
            throw new InvalidInput("cursor", "is not a cursor this endpoint gave out");
        }
    }

    private static String csvText(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
