package io.telepay.trust.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import io.telepay.audit.AuditTrail;
import io.telepay.customer.PhoneNumbers;
import io.telepay.shared.Checks;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.Money;
import io.telepay.shared.NotFound;
import io.telepay.shared.TelepayProblem.FieldError;
import io.telepay.redaction.NoteRedactor;
import io.telepay.trust.FraudReported;
import io.telepay.trust.abuse.PublicLimits;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes fraud reports from consumers — the public form, the API, and "I did not authorize this" on a
 * receipt — and answers their status to whoever holds both the reference and the contact given with it.
 *
 * <p>Text is kept as typed (markup is never interpreted: pages escape it), after the redactor took out
 * card numbers, CVCs, PINs and codes a victim may have typed in (DESIGN.md, invariant 1). Every report
 * publishes {@link FraudReported} in the transaction that stores it.
 */
@Service
public class ReportIntake {

    static final int DESCRIPTION_MAX = 5000;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    private final JdbcClient jdbc;
    private final EvidenceLocker locker;
    private final ReportLinks links;
    private final PhoneNumbers phones;
    private final PublicLimits limits;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ZoneId zone;
    private final NoteRedactor redactor = new NoteRedactor();

    ReportIntake(JdbcClient jdbc, EvidenceLocker locker, ReportLinks links, PhoneNumbers phones, PublicLimits limits,
                 AuditTrail audit, ApplicationEventPublisher events, MeterRegistry meters, Clock clock,
                 @Value("${telepay.trust.time-zone}") String zone) {
        this.jdbc = jdbc;
        this.locker = locker;
        this.links = links;
        this.phones = phones;
        this.limits = limits;
        this.audit = audit;
        this.events = events;
        this.meters = meters;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    /** What the reporter gets back: the reference to quote, and each file's SHA-256 as it was received. */
    public record Received(String reference, ReportStatus status, Instant receivedAt, List<EvidenceView> evidence) {
    }

    /** What anyone holding the reference and the contact learns. */
    public record PublicStatus(String reference, ReportStatus status, Instant receivedAt, Instant updatedAt) {
    }

    /**
     * "I did not authorize this" on a receipt: what the receipt knows about the charge.
     *
     * @param contact the cardholder's phone number (E.164), for follow-up
     */
    public record DisputedCharge(String paymentId, String agentId, String customerId, String cardFingerprint,
                                 String contact, String description) {
    }

    /**
     * @throws InvalidInput         naming every field at fault
     * @throws EvidenceTypeRefused  naming every file that is not audio, an image, a PDF or text
     * @throws io.telepay.trust.abuse.TooManyRequests when the contact sent too many reports today
     */
    @Transactional
    Received receive(NewReport report) {
        List<FieldError> errors = new ArrayList<>();
        Checks checks = Checks.start().text("description", report.description(), DESCRIPTION_MAX)
                .text("contact", report.contact(), 320);
        String callerPhone = collect(errors, () -> blank(report.phone()) ? null : phones.normalize(report.phone(), "phone"));
        String contact = blank(report.contact()) ? null : collect(errors, () -> contact(report.contact()));
        Instant happenedAt = blank(report.when()) ? null : collect(errors, () -> when(report.when()));
        Set<AskedFor> askedFor = collect(errors, () -> askedFor(report.askedFor()));
        if (report.moneyLost() != null) {
            checks.check(!report.moneyLost().isNegative(), "moneyLost", "must not be negative");
        }
        try {
            checks.orThrow();
        } catch (InvalidInput invalid) {
            errors.addAll(0, invalid.errors());
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        limits.byContact(PublicLimits.Action.REPORT, contact);
        List<EvidenceLocker.Checked> files = locker.check(report.evidence());
        String description = redactor.redact(report.description().strip()).text();
        String id = Ids.next("rpt_");
        Instant now = clock.instant();
        insert(id, report.source(), callerPhone, description, happenedAt, askedFor, report.moneyLost(), contact, null, now);
        List<EvidenceView> evidence = locker.store(id, files, now, report.source() == ReportSource.API ? "reporter (API)" : "reporter (web form)");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("source", report.source().name());
        details.put("evidenceFiles", evidence.size());
        details.put("sha256", evidence.stream().map(EvidenceView::sha256).toList());
        if (callerPhone != null) {
            details.put("callerPhone", callerPhone);
        }
        audit.record("trust.report.received", id, details);
        events.publishEvent(new FraudReported(id, null, null, null, null, callerPhone, now));
        meters.counter("telepay.trust.reports", "source", report.source().name()).increment();
        return new Received(id, ReportStatus.RECEIVED, now, evidence);
    }

    /**
     * A cardholder disputed a charge from its receipt: a report linked to the payment, its agent, its
     * customer and its card, in the caller's transaction. Publishes {@link FraudReported} with all of them.
     * The description may hold the cardholder's own words: it is redacted as every report's is.
     */
    @Transactional
    public Received disputedCharge(DisputedCharge charge) {
        String id = Ids.next("rpt_");
        Instant now = clock.instant();
        insert(id, ReportSource.RECEIPT, null, redactor.redact(charge.description()).text(), now, Set.of(), null, charge.contact(), charge.paymentId(), now);
        String via = LinkKind.PAYMENT.name() + ":" + charge.paymentId();
        links.add(id, LinkKind.PAYMENT, charge.paymentId(), null, "cardholder", now);
        links.add(id, LinkKind.AGENT, charge.agentId(), via, "cardholder", now);
        links.add(id, LinkKind.CUSTOMER, charge.customerId(), via, "cardholder", now);
        links.add(id, LinkKind.CARD, charge.cardFingerprint(), via, "cardholder", now);
        audit.record("trust.report.received", id, Map.of("source", ReportSource.RECEIPT.name(), "paymentId", charge.paymentId()));
        events.publishEvent(new FraudReported(id, charge.paymentId(), charge.agentId(), charge.cardFingerprint(),
                charge.customerId(), null, now));
        meters.counter("telepay.trust.reports", "source", ReportSource.RECEIPT.name()).increment();
        return new Received(id, ReportStatus.RECEIVED, now, List.of());
    }

    /**
     * The report's status for the one who holds its reference and the contact given with it. A wrong
     * reference and a wrong contact are answered alike.
     *
     * @throws NotFound when no report has this reference with this contact
     */
    PublicStatus status(String reference, String contact) {
        Checks.start().text("reference", reference, 64).text("contact", contact, 320).orThrow();
        String normalized = contact(contact);
        limits.byContact(PublicLimits.Action.LOOKUP, normalized);
        record Row(String id, String status, String contact, Instant receivedAt, Instant updatedAt) {
        }
        Optional<Row> row = jdbc.sql("select id, status, contact, received_at, updated_at from trust_report where id = :id")
                .param("id", reference.strip())
                .query((rs, n) -> new Row(rs.getString("id"), rs.getString("status"), rs.getString("contact"),
                        Db.instant(rs, "received_at"), Db.instant(rs, "updated_at")))
                .optional();
        byte[] given = normalized.getBytes(StandardCharsets.UTF_8);
        byte[] stored = row.map(r -> r.contact().getBytes(StandardCharsets.UTF_8)).orElse(new byte[given.length]);
        if (!MessageDigest.isEqual(stored, given) || row.isEmpty()) {
            throw new NotFound("report", "with this reference and contact");
        }
        return new PublicStatus(row.get().id(), ReportStatus.valueOf(row.get().status()), row.get().receivedAt(), row.get().updatedAt());
    }

    /** The contact as stored: a phone number in E.164 or a lower-case e-mail address. */
    String contact(String raw) {
        String trimmed = raw.strip();
        if (trimmed.contains("@")) {
            String email = trimmed.toLowerCase(Locale.ROOT);
            if (email.length() > 320 || !EMAIL.matcher(email).matches()) {
                throw new InvalidInput("contact", "must be a phone number or an e-mail address");
            }
            return email;
        }
        return phones.normalize(trimmed, "contact");
    }

    private void insert(String id, ReportSource source, String callerPhone, String description, Instant happenedAt,
                        Set<AskedFor> askedFor, Money moneyLost, String contact, String paymentId, Instant now) {
        jdbc.sql("""
                insert into trust_report (id, status, source, caller_phone, description, happened_at, asked_for,
                    money_lost_minor, money_lost_currency, contact, payment_id, received_at, updated_at)
                values (:id, 'RECEIVED', :source, :caller, :description, :happened, :asked, :lost, :currency, :contact,
                    :payment, :now, :now)""")
                .param("id", id).param("source", source.name()).param("caller", callerPhone).param("description", description)
                .param("happened", Db.ts(happenedAt)).param("asked", String.join(",", askedFor.stream().map(Enum::name).toList()))
                .param("lost", moneyLost == null ? null : moneyLost.minorUnits())
                .param("currency", moneyLost == null ? null : moneyLost.currencyCode())
                .param("contact", contact).param("payment", paymentId).param("now", Db.ts(now))
                .update();
    }

    private Instant when(String raw) {
        String text = raw.strip();
        Instant at = null;
        for (var parser : List.<java.util.function.Function<String, Instant>>of(
                s -> OffsetDateTime.parse(s).toInstant(),
                Instant::parse,
                s -> LocalDateTime.parse(s).atZone(zone).toInstant(),
                s -> LocalDate.parse(s).atStartOfDay(zone).toInstant())) {
            try {
                at = parser.apply(text);
                break;
            } catch (DateTimeParseException notThisForm) {
                // try the next form
            }
        }
        if (at == null) {
            throw new InvalidInput("when", "must be a date or a date and time, e.g. 2026-03-01 or 2026-03-01T14:30");
        }
        if (at.isAfter(clock.instant().plus(Duration.ofDays(1)))) {
            throw new InvalidInput("when", "must not be in the future");
        }
        if (at.isBefore(EARLIEST)) {
            throw new InvalidInput("when", "is too far in the past");
        }
        return at;
    }

    private static Set<AskedFor> askedFor(List<String> raw) {
        Set<AskedFor> asked = new LinkedHashSet<>();
        for (String value : raw) {
            for (String part : value.split(",")) {
                String name = part.strip().toUpperCase(Locale.ROOT).replace('-', '_');
                if (name.isEmpty()) {
                    continue;
                }
                try {
                    asked.add(AskedFor.valueOf(name));
                } catch (IllegalArgumentException unknown) {
                    throw new InvalidInput("askedFor", "must be among " + List.of(AskedFor.values()));
                }
            }
        }
        return asked;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static <T> T collect(List<FieldError> errors, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (InvalidInput invalid) {
            errors.addAll(invalid.errors());
            return null;
        }
    }
}
