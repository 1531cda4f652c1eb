package io.telepay.gateway.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.telepay.gateway.SettlementFiles;
import io.telepay.shared.Db;
import io.telepay.shared.Deployment;
import io.telepay.shared.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The sandbox acquirer's settlement files, as a real acquirer would deliver them: after each UTC day,
 * {@code <data dir>/settlement/sandbox-<yyyy-MM-dd>.csv} with every approved capture and refund of the
 * day — {@code operation_reference,charge_reference,kind,amount,currency,settled_at}. Written to a temporary
 * file and moved into place, so a reader never sees half a file.
 */
@Component
@ConditionalOnProperty(name = "telepay.gateway.provider", havingValue = "sandbox", matchIfMissing = true)
public class SandboxSettlementFiles implements SettlementFiles {

    private static final Logger log = LoggerFactory.getLogger(SandboxSettlementFiles.class);
    static final String HEADER = "operation_reference,charge_reference,kind,amount,currency,settled_at";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Path directory;

    SandboxSettlementFiles(JdbcClient jdbc, Clock clock, Deployment deployment) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.directory = deployment.dataDir().resolve("settlement");
    }

    @Scheduled(cron = "0 5 0 * * *", zone = "UTC")
    void writeYesterday() {
        write(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1));
    }

    /** Writes (or rewrites) the day's file from the acquirer's books; answers its path. */
    public Path write(LocalDate day) {
        Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        jdbc.sql("""
                select o.operation_reference, o.charge_reference, o.kind, o.amount_minor, c.currency, o.created_at
                from sandbox_operation o join sandbox_charge c on c.reference = o.charge_reference
                where o.outcome = 'APPROVED' and o.kind in ('CAPTURE', 'REFUND') and o.created_at >= :from and o.created_at < :to
                order by o.created_at, o.operation_reference""")
                .param("from", Db.ts(from)).param("to", Db.ts(to))
                .query((rs, n) -> {
                    Money amount = Money.ofMinor(rs.getLong("amount_minor"), Money.currency(rs.getString("currency")));
                    return String.join(",", rs.getString("operation_reference"), rs.getString("charge_reference"),
                            rs.getString("kind"), amount.amount().toPlainString(), amount.currencyCode(),
                            Db.instant(rs, "created_at").toString());
                })
                .list().forEach(lines::add);
        try {
            Files.createDirectories(directory);
            Path file = file(day);
            Path temporary = Files.createTempFile(directory, "sandbox-", ".part");
            Files.write(temporary, lines, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            log.info("settlement file {} written: {} lines", file.getFileName(), lines.size() - 1);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path file(LocalDate day) {
        return directory.resolve("sandbox-" + day + ".csv");
    }

    @Override
    public Optional<List<Line>> lines(LocalDate day) {
        Path file = file(day);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        List<String> text;
        try {
            text = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            String row = text.get(i).strip();
            if (row.isEmpty() || (i == 0 && row.equals(HEADER))) {
                continue;
            }
            lines.add(parse(i + 1, row));
        }
        return Optional.of(lines);
    }

    static Line parse(int number, String row) {
        String[] fields = row.split(",", -1);
        if (fields.length != 6) {
            return new Line(number, null, null, null, null, null, "expected 6 fields, found " + fields.length);
        }
        String kind = fields[2].strip();
        if (!kind.equals("CAPTURE") && !kind.equals("REFUND")) {
            return new Line(number, fields[0].strip(), fields[1].strip(), null, null, null, "unknown kind '" + kind + "'");
        }
        try {
            Money amount = new Money(new BigDecimal(fields[3].strip()), Money.currency(fields[4].strip()));
            Instant at = Instant.parse(fields[5].strip());
            return new Line(number, fields[0].strip(), fields[1].strip(), kind, amount, at, null);
        } catch (RuntimeException e) {
            return new Line(number, fields[0].strip(), fields[1].strip(), kind, null, null, "unreadable amount, currency or time");
        }
    }
}
