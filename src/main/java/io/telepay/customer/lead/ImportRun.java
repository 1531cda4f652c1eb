package io.telepay.customer.lead;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import io.telepay.customer.NewCustomer;
import io.telepay.customer.PhoneNumbers;
import io.telepay.shared.Checks;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.TelepayProblem;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One import job at work: streams the file, checks each row, and writes each batch of rows — customers,
 * leads, issues and the job's counters — in one transaction, so progress never counts a row that is not
 * there. Deduplicates by E.164 number against existing customers and earlier rows of the file.
 */
final class ImportRun {

    private static final Set<String> ISO_COUNTRIES = Set.of(java.util.Locale.getISOCountries());
    private static final int MAX_LABEL = 100;

    /** The pieces a run needs, shared by all runs. */
    record Tools(JdbcClient jdbc, JdbcTemplate batches, TransactionTemplate transactions, PhoneNumbers phones,
                 LeadStats stats, Clock clock, int batchSize) {
    }

    /** The job's settings, from the upload request. */
    record Settings(String jobId, Path file, String ownerId, String defaultSource, String defaultCampaign, String requestedBy) {
    }

    /** Thrown between batches when the server is stopping or the job is no longer ours. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("import stopped", null, false, false);
        }
    }

    private record Candidate(int row, String name, String phone, String region, String email, String source,
                             String campaign, List<ImportIssue> issues) {
    }

    private final Tools tools;
    private final Settings settings;
    private final BooleanSupplier stopping;
    /** E.164 number → first row it appeared on: one entry per imported row, the only per-file state kept. */
    private final Map<String, Integer> seen = new HashMap<>();
    private final Set<String> ensuredStats = new HashSet<>();

    ImportRun(Tools tools, Settings settings, BooleanSupplier stopping) {
        this.tools = tools;
        this.settings = settings;
        this.stopping = stopping;
    }

    /** Imports every row; throws {@link Stopped} when asked to stop between batches. */
    void importAll() throws java.io.IOException {
        try (CSVParser parser = LeadCsv.open(settings.file())) {
            List<Candidate> batch = new ArrayList<>(tools.batchSize());
            for (CSVRecord record : parser) {
                batch.add(candidate(record));
                if (batch.size() == tools.batchSize()) {
                    flush(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                flush(batch);
            }
        }
    }

    private Candidate candidate(CSVRecord record) {
        // the header is row 1, as a spreadsheet shows the file
        int row = (int) record.getRecordNumber() + 1;
        String name = LeadCsv.cell(record, "name");
        String phone = LeadCsv.cell(record, "phone");
        String email = LeadCsv.cell(record, "email");
        String source = orDefault(LeadCsv.cell(record, "source"), settings.defaultSource());
        String campaign = orDefault(LeadCsv.cell(record, "campaign"), settings.defaultCampaign());
        List<ImportIssue> issues = new ArrayList<>();
        NewCustomer customer = null;
        try {
            customer = new NewCustomer(name, phone, email, null, null, null, null, null);
        } catch (InvalidInput e) {
            addAll(issues, row, e);
        }
        PhoneNumbers.Parsed parsed = null;
        if (issues.stream().noneMatch(issue -> issue.field().equals("phone"))) {
            try {
                parsed = tools.phones().parse(phone, "phone");
            } catch (InvalidInput e) {
                addAll(issues, row, e);
            }
        }
        try {
            Checks.start().optionalText("source", source, MAX_LABEL).optionalText("campaign", campaign, MAX_LABEL).orThrow();
        } catch (InvalidInput e) {
            addAll(issues, row, e);
        }
        if (!issues.isEmpty()) {
            return new Candidate(row, null, null, null, null, null, null, issues);
        }
        return new Candidate(row, customer.name(), parsed.e164(), parsed.region(), customer.email(),
                source == null ? null : source.strip(), campaign == null ? null : campaign.strip(), List.of());
    }

    /** One issue per row and field: the first thing wrong with a cell is what its author must fix first. */
    private static void addAll(List<ImportIssue> issues, int row, TelepayProblem problem) {
        for (TelepayProblem.FieldError error : problem.errors()) {
            if (issues.stream().noneMatch(issue -> issue.field().equals(error.field()))) {
                issues.add(new ImportIssue(row, error.field(), ImportIssue.Kind.REJECTED, error.field() + " " + error.message()));
            }
        }
    }

    private void flush(List<Candidate> batch) {
        if (stopping.getAsBoolean()) {
            throw new Stopped();
        }
        ensureStats(batch);
        for (int attempt = 1; ; attempt++) {
            try {
                Map<String, Integer> imported = tools.transactions().execute(status -> write(batch));
                seen.putAll(imported);
                return;
            } catch (DuplicateKeyException race) {
                // someone created one of these customers after we looked: look again, it will count as a duplicate
                if (attempt == 3) {
                    throw race;
                }
            }
        }
    }

    private void ensureStats(List<Candidate> batch) {
        for (Candidate candidate : batch) {
            if (candidate.campaign() != null && ensuredStats.add("c:" + candidate.campaign())) {
                tools.stats().ensure(LeadStats.CAMPAIGN, candidate.campaign());
            }
            if (candidate.source() != null && ensuredStats.add("s:" + candidate.source())) {
                tools.stats().ensure(LeadStats.SOURCE, candidate.source());
            }
        }
    }

    /** Writes one batch; returns the numbers it imported with their rows. */
    private Map<String, Integer> write(List<Candidate> batch) {
        Instant now = tools.clock().instant().truncatedTo(ChronoUnit.MICROS);
        Map<String, Boolean> existing = existing(batch);
        Map<String, Integer> imported = new LinkedHashMap<>();
        List<ImportIssue> issues = new ArrayList<>();
        List<Candidate> fresh = new ArrayList<>();
        int rejected = 0;
        int duplicates = 0;
        int doNotCall = 0;
        for (Candidate candidate : batch) {
            if (!candidate.issues().isEmpty()) {
                rejected++;
                issues.addAll(candidate.issues());
                continue;
            }
            Integer earlier = seen.containsKey(candidate.phone()) ? seen.get(candidate.phone()) : imported.get(candidate.phone());
            if (earlier != null) {
                duplicates++;
                issues.add(new ImportIssue(candidate.row(), "phone", ImportIssue.Kind.DUPLICATE, "same phone number as row " + earlier));
            } else if (Boolean.TRUE.equals(existing.get(candidate.phone()))) {
                doNotCall++;
                issues.add(new ImportIssue(candidate.row(), "phone", ImportIssue.Kind.DO_NOT_CALL,
                        "belongs to a customer who asked not to be called; not queued"));
            } else if (existing.containsKey(candidate.phone())) {
                duplicates++;
                issues.add(new ImportIssue(candidate.row(), "phone", ImportIssue.Kind.DUPLICATE, "belongs to an existing customer"));
            } else {
                imported.put(candidate.phone(), candidate.row());
                fresh.add(candidate);
            }
        }
        insertCustomersAndLeads(fresh, now);
        insertIssues(issues);
        int updated = tools.jdbc().sql("""
                update lead_import set processed_rows = processed_rows + :processed, imported = imported + :imported,
                    duplicates = duplicates + :duplicates, do_not_call = do_not_call + :doNotCall, rejected = rejected + :rejected
                where id = :id and status = 'RUNNING'""")
                .param("processed", batch.size()).param("imported", fresh.size()).param("duplicates", duplicates)
                .param("doNotCall", doNotCall).param("rejected", rejected).param("id", settings.jobId())
                .update();
        if (updated == 0) {
            // marked INTERRUPTED by a sweeper that thought us dead: this batch must not land
            throw new Stopped();
        }
        return imported;
    }

    /** E.164 number → do-not-call flag, for the batch's numbers that are customers already. */
    private Map<String, Boolean> existing(List<Candidate> batch) {
        List<String> numbers = batch.stream().filter(c -> c.issues().isEmpty()).map(Candidate::phone).distinct().toList();
        Map<String, Boolean> found = new HashMap<>();
        if (numbers.isEmpty()) {
            return found;
        }
        tools.jdbc().sql("select phone, do_not_call from customer where phone in (:phones)").param("phones", numbers)
                .query((rs, n) -> found.put(rs.getString("phone"), rs.getBoolean("do_not_call"))).list();
        return found;
    }

    private void insertCustomersAndLeads(List<Candidate> fresh, Instant now) {
        if (fresh.isEmpty()) {
            return;
        }
        Map<String, LeadFacts.Conversion> campaigns = tools.stats().of(LeadStats.CAMPAIGN,
                fresh.stream().map(Candidate::campaign).filter(java.util.Objects::nonNull).distinct().toList());
        Map<String, LeadFacts.Conversion> sources = tools.stats().of(LeadStats.SOURCE,
                fresh.stream().map(Candidate::source).filter(java.util.Objects::nonNull).distinct().toList());
        List<Object[]> customers = new ArrayList<>(fresh.size());
        List<Object[]> leads = new ArrayList<>(fresh.size());
        Map<String, Integer> perCampaign = new HashMap<>();
        Map<String, Integer> perSource = new HashMap<>();
        var at = Db.ts(now);
        for (Candidate candidate : fresh) {
            String customerId = Ids.next("cus_");
            String country = ISO_COUNTRIES.contains(candidate.region()) ? candidate.region() : null;
            customers.add(new Object[] {customerId, candidate.name(), candidate.phone(), candidate.email(), country,
                    settings.ownerId(), settings.jobId(), settings.requestedBy(), at, at});
            LeadFacts facts = new LeadFacts(now, now,
                    conversion(campaigns, candidate.campaign()), conversion(sources, candidate.source()), 0, 0);
            leads.add(new Object[] {Ids.next("led_"), customerId, candidate.source(), candidate.campaign(), settings.jobId(),
                    settings.ownerId(), at, LeadScoring.score(facts).points(), at, at});
            if (candidate.campaign() != null) {
                perCampaign.merge(candidate.campaign(), 1, Integer::sum);
            }
            if (candidate.source() != null) {
                perSource.merge(candidate.source(), 1, Integer::sum);
            }
        }
        tools.batches().batchUpdate("""
                insert into customer (id, name, phone, email, country, owner_id, import_id, created_by, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", customers);
        tools.batches().batchUpdate("""
                insert into lead (id, customer_id, source, campaign, import_id, status, agent_id, available_at, score,
                                  created_at, updated_at)
                values (?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?)""", leads);
        perCampaign.forEach((name, count) -> tools.stats().addLeads(LeadStats.CAMPAIGN, name, count));
        perSource.forEach((name, count) -> tools.stats().addLeads(LeadStats.SOURCE, name, count));
    }

    private static LeadFacts.Conversion conversion(Map<String, LeadFacts.Conversion> known, String name) {
        return name == null ? null : known.getOrDefault(name, new LeadFacts.Conversion(name, 0, 0));
    }

    private void insertIssues(List<ImportIssue> issues) {
        if (issues.isEmpty()) {
            return;
        }
        List<Object[]> rows = issues.stream()
                .map(issue -> new Object[] {settings.jobId(), issue.row(), issue.field(), issue.kind().name(), issue.reason()})
                .toList();
        tools.batches().batchUpdate(
                "insert into lead_import_issue (import_id, row_number, field, kind, reason) values (?, ?, ?, ?, ?)", rows);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
