package io.telepay.payment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.telepay.audit.AuditTrail;
import io.telepay.gateway.SettlementFiles;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import io.telepay.shared.Money;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Compares the acquirer's settlement file of a day (UTC) with Telepay's captures and refunds and reports
 * the breaks: a line the acquirer settled that Telepay has not booked (MISSING_IN_TELEPAY — also when the
 * operation is still UNKNOWN here), a booked operation the file lacks (MISSING_AT_ACQUIRER), the same
 * operation with different amounts (AMOUNT_MISMATCH), an outcome still UNKNOWN after 24 hours
 * (UNKNOWN_OVER_24H), an unreadable line (MALFORMED_LINE), no file at all (NO_SETTLEMENT_FILE). Operations
 * are matched by the reference the acquirer knows them by, not by amount.
 */
@Service
public class Reconciliation {

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

    /** A break as the report lists it; amounts are null where a side has none. */
    public record Break(String kind, String reference, String paymentId, Money ours, Money acquirer, String detail) {
    }

    public record Report(String id, LocalDate date, Instant generatedAt, boolean filePresent, int acquirerLines,
                         int ourOperations, int matched, List<Break> breaks) {
    }

    private record Ours(String id, String paymentId, String kind, String status, Money amount, String reference) {
    }

    private final JdbcClient jdbc;
    private final SettlementFiles files;
    private final AuditTrail audit;
    private final Clock clock;

    Reconciliation(JdbcClient jdbc, SettlementFiles files, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.files = files;
        this.audit = audit;
        this.clock = clock;
    }

    /** After the acquirer's file for yesterday is due (00:05 UTC). */
    @Scheduled(cron = "0 30 1 * * *", zone = "UTC")
    @SchedulerLock(name = "settlement-reconciliation", lockAtMostFor = "PT30M")
    void runForYesterday() {
        run(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1));
    }

    /** Reconciles the day and stores the report, replacing an earlier one of the same day. */
    @Transactional
    public Report run(LocalDate day) {
        Instant now = clock.instant();
        Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Break> breaks = new ArrayList<>();
        Optional<List<SettlementFiles.Line>> file = files.lines(day);
        List<SettlementFiles.Line> lines = file.orElse(List.of());
        if (file.isEmpty()) {
            breaks.add(new Break("NO_SETTLEMENT_FILE", null, null, null, null, "The acquirer delivered no settlement file for " + day));
        }

        // what we booked that day, and anything the file names whatever the day we booked it
        Map<String, Ours> byReference = new HashMap<>();
        List<Ours> bookedThatDay = jdbc.sql("""
                select id, payment_id, kind, status, currency, amount_minor, acquirer_reference from payment_operation
                where kind in ('CAPTURE', 'REFUND') and status = 'SUCCEEDED' and updated_at >= :from and updated_at < :to""")
                .param("from", Db.ts(from)).param("to", Db.ts(to)).query(Reconciliation::ours).list();
        bookedThatDay.forEach(op -> byReference.put(op.reference(), op));
        List<String> named = lines.stream().map(SettlementFiles.Line::operationReference).filter(r -> r != null && !byReference.containsKey(r)).toList();
        for (int i = 0; i < named.size(); i += 500) {
            jdbc.sql("select id, payment_id, kind, status, currency, amount_minor, acquirer_reference from payment_operation where acquirer_reference in (:refs)")
                    .param("refs", named.subList(i, Math.min(named.size(), i + 500))).query(Reconciliation::ours).list()
                    .forEach(op -> byReference.put(op.reference(), op));
        }

        int matched = 0;
        Set<String> inFile = new HashSet<>();
        for (SettlementFiles.Line line : lines) {
            if (line.error() != null) {
                breaks.add(new Break("MALFORMED_LINE", line.operationReference(), null, null, null,
                        "line " + line.number() + ": " + line.error()));
                continue;
            }
            inFile.add(line.operationReference());
            Ours op = byReference.get(line.operationReference());
            if (op == null || !op.status().equals("SUCCEEDED")) {
                breaks.add(new Break("MISSING_IN_TELEPAY", line.operationReference(), op == null ? line.chargeReference() : op.paymentId(),
                        null, line.amount(), op == null ? "The acquirer settled a " + line.kind() + " Telepay has no record of"
                        : "The acquirer settled it; Telepay has it " + op.status()));
            } else if (!op.kind().equals(line.kind()) || !op.amount().equals(line.amount())) {
                breaks.add(new Break("AMOUNT_MISMATCH", line.operationReference(), op.paymentId(), op.amount(), line.amount(),
                        "Telepay booked " + op.kind() + " " + op.amount() + ", the acquirer settled " + line.kind() + " " + line.amount()));
            } else {
                matched++;
            }
        }
        for (Ours op : bookedThatDay) {
            if (!inFile.contains(op.reference())) {
                breaks.add(new Break("MISSING_AT_ACQUIRER", op.reference(), op.paymentId(), op.amount(), null,
                        "Telepay booked this " + op.kind() + "; the acquirer's file does not list it"));
            }
        }
        Instant cutoff = now.minus(Duration.ofHours(24));
        jdbc.sql("select id, currency, amount_minor, created_at from payment where status = 'UNKNOWN' and created_at < :cutoff order by created_at")
                .param("cutoff", Db.ts(cutoff))
                .query((rs, n) -> new Break("UNKNOWN_OVER_24H", rs.getString("id"), rs.getString("id"),
                        Money.ofMinor(rs.getLong("amount_minor"), Money.currency(rs.getString("currency"))), null,
                        "Payment outcome unknown since " + Db.instant(rs, "created_at")))
                .list().forEach(breaks::add);
        jdbc.sql("""
                select id, payment_id, kind, currency, amount_minor, coalesce(attempted_at, created_at) as sent_at from payment_operation
                where status = 'UNKNOWN' and kind not in ('AUTHORIZE', 'SALE') and coalesce(attempted_at, created_at) < :cutoff
                order by created_at""")
                .param("cutoff", Db.ts(cutoff))
                .query((rs, n) -> new Break("UNKNOWN_OVER_24H", rs.getString("id"), rs.getString("payment_id"),
                        Money.ofMinor(rs.getLong("amount_minor"), Money.currency(rs.getString("currency"))), null,
                        rs.getString("kind") + " outcome unknown since " + Db.instant(rs, "sent_at")))
                .list().forEach(breaks::add);

        Report report = new Report(Ids.next("rpt_"), day, now, file.isPresent(), lines.size(), bookedThatDay.size(), matched,
                List.copyOf(breaks));
        store(report);
        audit.record("reconciliation.reported", report.id(), Map.of("day", day.toString(), "breaks", breaks.size(),
                "matched", matched));
        if (!breaks.isEmpty()) {
            log.warn("reconciliation of {}: {} breaks ({} matched)", day, breaks.size(), matched);
        }
        return report;
    }

    private static Ours ours(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Ours(rs.getString("id"), rs.getString("payment_id"), rs.getString("kind"), rs.getString("status"),
                Money.ofMinor(rs.getLong("amount_minor"), Money.currency(rs.getString("currency"))), rs.getString("acquirer_reference"));
    }

    private void store(Report report) {
        jdbc.sql("delete from reconciliation_break where report_id in (select id from reconciliation_report where business_day = :day)")
                .param("day", report.date()).update();
        jdbc.sql("delete from reconciliation_report where business_day = :day").param("day", report.date()).update();
        jdbc.sql("""
                insert into reconciliation_report (id, business_day, generated_at, file_present, acquirer_lines, our_operations, matched, breaks)
                values (:id, :day, :at, :file, :lines, :ours, :matched, :breaks)""")
                .param("id", report.id()).param("day", report.date()).param("at", Db.ts(report.generatedAt()))
                .param("file", report.filePresent()).param("lines", report.acquirerLines()).param("ours", report.ourOperations())
                .param("matched", report.matched()).param("breaks", report.breaks().size()).update();
        int seq = 0;
        for (Break b : report.breaks()) {
            Money currencyOf = b.ours() != null ? b.ours() : b.acquirer();
            jdbc.sql("""
                    insert into reconciliation_break (report_id, seq, kind, reference, payment_id, currency, our_minor, acquirer_minor, detail)
                    values (:report, :seq, :kind, :reference, :payment, :currency, :ours, :acquirer, :detail)""")
                    .param("report", report.id()).param("seq", ++seq).param("kind", b.kind()).param("reference", b.reference())
                    .param("payment", b.paymentId()).param("currency", currencyOf == null ? null : currencyOf.currencyCode())
                    .param("ours", b.ours() == null ? null : b.ours().minorUnits())
                    .param("acquirer", b.acquirer() == null ? null : b.acquirer().minorUnits())
                    .param("detail", b.detail().length() > 500 ? b.detail().substring(0, 500) : b.detail()).update();
        }
    }

    /** The stored report of the day. */
    @Transactional(readOnly = true)
    public Optional<Report> find(LocalDate day) {
        return jdbc.sql("select * from reconciliation_report where business_day = :day").param("day", day)
                .query((rs, n) -> new Report(rs.getString("id"), day, Db.instant(rs, "generated_at"), rs.getBoolean("file_present"),
                        rs.getInt("acquirer_lines"), rs.getInt("our_operations"), rs.getInt("matched"), breaks(rs.getString("id"))))
                .optional();
    }

    private List<Break> breaks(String reportId) {
        return jdbc.sql("select * from reconciliation_break where report_id = :r order by seq").param("r", reportId)
                .query((rs, n) -> {
                    String currency = rs.getString("currency");
                    Long ours = (Long) rs.getObject("our_minor", Long.class);
                    Long acquirer = (Long) rs.getObject("acquirer_minor", Long.class);
                    return new Break(rs.getString("kind"), rs.getString("reference"), rs.getString("payment_id"),
                            ours == null ? null : Money.ofMinor(ours, Money.currency(currency)),
                            acquirer == null ? null : Money.ofMinor(acquirer, Money.currency(currency)), rs.getString("detail"));
                })
                .list();
    }

    /** The report as CSV: a summary comment line, then one line per break. */
    public static String csv(Report report) {
        StringBuilder out = new StringBuilder();
        out.append("# reconciliation ").append(report.date()).append(", generated ").append(report.generatedAt())
                .append(", acquirer lines ").append(report.acquirerLines()).append(", our operations ").append(report.ourOperations())
                .append(", matched ").append(report.matched()).append(", breaks ").append(report.breaks().size()).append('\n');
        out.append("kind,reference,payment_id,currency,our_amount,acquirer_amount,detail\n");
        for (Break b : report.breaks()) {
            Money any = b.ours() != null ? b.ours() : b.acquirer();
            out.append(String.join(",", b.kind(), cell(b.reference()), cell(b.paymentId()), any == null ? "" : any.currencyCode(),
                    b.ours() == null ? "" : b.ours().amount().toPlainString(),
                    b.acquirer() == null ? "" : b.acquirer().amount().toPlainString(), cell(b.detail()))).append('\n');
        }
        return out.toString();
    }

    /** Quoted when needed; a leading =, +, - or @ is defused so a spreadsheet never runs it as a formula. */
    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        String text = value;
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
