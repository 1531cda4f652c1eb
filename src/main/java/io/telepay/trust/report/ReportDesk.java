package io.telepay.trust.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.telepay.audit.AuditTrail;
import io.telepay.call.CallDetail;
import io.telepay.call.Calls;
import io.telepay.customer.CustomerDirectory;
import io.telepay.customer.PhoneNumbers;
import io.telepay.identity.StaffDirectory;
import io.telepay.identity.StaffUser;
import io.telepay.order.OrderView;
import io.telepay.order.Orders;
import io.telepay.payment.PaymentView;
import io.telepay.payment.Payments;
import io.telepay.shared.Actor;
import io.telepay.shared.Actors;
import io.telepay.shared.Checks;
import io.telepay.shared.Db;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.Money;
import io.telepay.shared.NotFound;
import io.telepay.shared.Page;
import io.telepay.shared.Role;
import io.telepay.shared.StateConflict;
import io.telepay.trust.FraudReported;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The triage desk for fraud reports: the queue, a report with its evidence and links, its status, and
 * linking it to the calls, agents, customers, payments and cards it concerns — each new link publishes
 * {@link FraudReported} so the risk module raises its alerts.
 *
 * <p>Risk analysts and admins reach every report; a supervisor reaches those linked to no agent outside
 * their team, and sees the reporter's contact masked. A report out of reach is a {@link NotFound}, exactly
 * as an unknown one. Links go through the other modules' own access rules (a supervisor links only their
 * team's calls, customers and payments).
 */
@Service
public class ReportDesk {

    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");
    private static final String COLUMNS = "r.id, r.status, r.source, r.caller_phone, r.description, r.happened_at, r.asked_for, "
            + "r.money_lost_minor, r.money_lost_currency, r.contact, r.payment_id, r.received_at, r.updated_at, r.updated_by";

    private final JdbcClient jdbc;
    private final ReportLinks links;
    private final EvidenceLocker locker;
    private final StaffDirectory staff;
    private final Calls calls;
    private final CustomerDirectory customers;
    private final Payments payments;
    private final Orders orders;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ReportDesk(JdbcClient jdbc, ReportLinks links, EvidenceLocker locker, StaffDirectory staff, Calls calls,
               CustomerDirectory customers, Payments payments, Orders orders, AuditTrail audit,
               ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.links = links;
        this.locker = locker;
        this.staff = staff;
        this.calls = calls;
        this.customers = customers;
        this.payments = payments;
        this.orders = orders;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Reports in reach, newest first; {@code cursor} is the id of the last report of the previous page. */
    @Transactional(readOnly = true)
    public Page<ReportSummary> list(ReportStatus status, String cursor, int limit) {
        Checks.start().optionalText("cursor", cursor, 64).orThrow();
        Actor actor = Actors.current();
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (actor.is(Role.SUPERVISOR)) {
            where.append(" and not exists (select 1 from trust_report_link l where l.report_id = r.id and l.kind = 'AGENT'"
                    + " and l.target_id not in (:team))");
            List<String> team = team(actor);
            params.put("team", team.isEmpty() ? List.of("-") : team);
        }
        if (status != null) {
            where.append(" and r.status = :status");
            params.put("status", status.name());
        }
        if (cursor != null && !cursor.isBlank()) {
            where.append(" and (r.received_at < (select received_at from trust_report where id = :cursor)"
                    + " or (r.received_at = (select received_at from trust_report where id = :cursor) and r.id < :cursor))");
            params.put("cursor", cursor.strip());
        }
        List<ReportSummary> rows = jdbc.sql("select " + COLUMNS + """
                        , (select count(*) from trust_evidence e where e.report_id = r.id) as evidence_count
                        , (select count(*) from trust_report_link k where k.report_id = r.id) as link_count
                        from trust_report r where """ + " " + where + " order by r.received_at desc, r.id desc limit :limit")
                .params(params).param("limit", limit + 1)
                .query((rs, n) -> {
                    Row row = row(rs, n);
                    return new ReportSummary(row.id(), row.status(), row.source(), row.callerPhone(), row.askedFor(),
                            row.moneyLost(), rs.getInt("evidence_count"), rs.getInt("link_count"), row.receivedAt(), row.updatedAt());
                }).list();
        boolean more = rows.size() > limit;
        List<ReportSummary> page = more ? rows.subList(0, limit) : rows;
        return new Page<>(List.copyOf(page), more ? page.getLast().id() : null);
    }

    /** @throws NotFound when unknown or out of the actor's reach */
    @Transactional(readOnly = true)
    public ReportView get(String id) {
        Actor actor = Actors.current();
        Row row = reachable(id, actor);
        String contact = actor.is(Role.SUPERVISOR) ? masked(row.contact()) : row.contact();
        return new ReportView(row.id(), row.status(), row.source(), row.callerPhone(), row.description(), row.happenedAt(),
                row.askedFor(), row.moneyLost(), contact, row.paymentId(), row.receivedAt(), row.updatedAt(), row.updatedBy(),
                links.of(id), locker.files(id));
    }

    /**
     * @throws StateConflict when the move is not in {@link ReportStatus}'s table
     */
    @Transactional
    public ReportView changeStatus(String id, ReportStatus next, String note) {
        Checks.start().require("status", next).optionalText("note", note, 1000).orThrow();
        Actor actor = Actors.current();
        Row row = reachable(id, actor);
        jdbc.sql("select id from trust_report where id = :id for update").param("id", id).query(String.class).single();
        ReportStatus current = ReportStatus.valueOf(jdbc.sql("select status from trust_report where id = :id")
                .param("id", id).query(String.class).single());
        if (!current.canMoveTo(next)) {
            throw new StateConflict("report " + row.id() + " is " + current + "; it cannot move to " + next);
        }
        jdbc.sql("update trust_report set status = :status, updated_at = :now, updated_by = :by where id = :id")
                .param("status", next.name()).param("now", Db.ts(clock.instant())).param("by", actor.id()).param("id", id).update();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", current.name());
        details.put("to", next.name());
        if (note != null && !note.isBlank()) {
            details.put("note", note.strip());
        }
        audit.record("trust.report.status-changed", id, details);
        return get(id);
    }

    /**
     * Links the report to what it concerns, with what follows from it (a payment's agent, customer and
     * card; a call's agent and customer). A new link publishes {@link FraudReported}; linking again changes nothing.
     *
     * @throws NotFound     when the report, or the thing linked, is unknown or out of the actor's reach
     * @throws InvalidInput naming {@code kind} or {@code id}
     */
    @Transactional
    public ReportView link(String id, LinkKind kind, String target) {
        Checks.start().require("kind", kind).text("id", target, 64).orThrow();
        Actor actor = Actors.current();
        Row report = reachable(id, actor);
        String value = target.strip();
        String paymentId = null;
        String agentId = null;
        String customerId = null;
        String fingerprint = null;
        switch (kind) {
            case CALL -> {
                CallDetail call = calls.get(value);
                agentId = call.call().agentId();
                customerId = call.call().customerId();
            }
            case AGENT -> agentId = agent(actor, value).id();
            case CUSTOMER -> customerId = customers.get(value).id();
            case PAYMENT -> {
                PaymentView payment = payments.get(value);
                OrderView order = orders.read(payment.orderId());
                paymentId = payment.id();
                agentId = order.agentId();
                customerId = order.customerId();
                fingerprint = payment.card().fingerprint();
            }
            case CARD -> {
                fingerprint = value.toLowerCase(Locale.ROOT);
                if (!FINGERPRINT.matcher(fingerprint).matches()) {
                    throw new InvalidInput("id", "must be a card fingerprint (64 hex characters, as GET /payments/{id} shows it)");
                }
            }
        }
        Instant now = clock.instant();
        String via = kind.name() + ":" + value;
        boolean added = links.add(id, kind, kind == LinkKind.CARD ? fingerprint : value, null, actor.id(), now);
        if (kind != LinkKind.AGENT && agentId != null) {
            added |= links.add(id, LinkKind.AGENT, agentId, via, actor.id(), now);
        }
        if (kind != LinkKind.CUSTOMER && customerId != null) {
            added |= links.add(id, LinkKind.CUSTOMER, customerId, via, actor.id(), now);
        }
        if (kind != LinkKind.CARD && fingerprint != null) {
            added |= links.add(id, LinkKind.CARD, fingerprint, via, actor.id(), now);
        }
        if (added) {
            jdbc.sql("update trust_report set updated_at = :now, updated_by = :by where id = :id")
                    .param("now", Db.ts(now)).param("by", actor.id()).param("id", id).update();
            audit.record("trust.report.linked", id, Map.of("kind", kind.name(), "target", kind == LinkKind.CARD ? fingerprint : value));
            events.publishEvent(new FraudReported(id, paymentId, agentId, fingerprint, customerId, report.callerPhone(), now));
        }
        return get(id);
    }

    /**
     * One evidence file, verified against its intake hash and recorded as OPENED in its chain of custody.
     *
     * @throws NotFound        when the report is out of reach or has no such file
     * @throws EvidenceChanged when the stored file no longer matches
     */
    public OpenedEvidence openEvidence(String id, String evidenceId) {
        get(id);
        return locker.open(id, evidenceId);
    }

    /** The evidence bundle zip (API.md), recorded as EXPORTED. @throws EvidenceChanged naming a file that changed */
    public byte[] bundle(String id) {
        return locker.bundle(get(id));
    }

    public List<CustodyEntry> custody(String id) {
        get(id);
        return locker.custody(id);
    }

    private StaffUser agent(Actor actor, String agentId) {
        Optional<StaffUser> user = staff.find(agentId).filter(u -> u.role() == Role.AGENT || u.role() == Role.SUPERVISOR);
        if (actor.is(Role.SUPERVISOR)) {
            user = user.filter(u -> actor.team() != null && actor.team().equals(u.team()));
        }
        return user.orElseThrow(() -> new NotFound("agent", agentId));
    }

    private Row reachable(String id, Actor actor) {
        Row row = jdbc.sql("select " + COLUMNS + " from trust_report r where r.id = :id").param("id", id)
                .query(ReportDesk::row).optional().orElseThrow(() -> new NotFound("report", id));
        if (actor.isAny(Role.ADMIN, Role.RISK_ANALYST)) {
            return row;
        }
        if (actor.is(Role.SUPERVISOR)) {
            Set<String> team = new HashSet<>(team(actor));
            List<String> agents = jdbc.sql("select target_id from trust_report_link where report_id = :id and kind = 'AGENT'")
                    .param("id", id).query(String.class).list();
            if (team.containsAll(agents)) {
                return row;
            }
        }
        throw new NotFound("report", id);
    }

    private List<String> team(Actor supervisor) {
        return supervisor.team() == null ? List.of() : staff.team(supervisor.team()).stream().map(StaffUser::id).toList();
    }

    /** A phone number as {@link PhoneNumbers#mask} shows it; an e-mail address with its first letter and domain. */
    static String masked(String contact) {
        int at = contact.indexOf('@');
        if (at > 0) {
            return contact.charAt(0) + "***" + contact.substring(at);
        }
        return PhoneNumbers.mask(contact);
    }

    private record Row(String id, ReportStatus status, ReportSource source, String callerPhone, String description,
                       Instant happenedAt, List<AskedFor> askedFor, Money moneyLost, String contact, String paymentId,
                       Instant receivedAt, Instant updatedAt, String updatedBy) {
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        String asked = rs.getString("asked_for");
        String currency = rs.getString("money_lost_currency");
        return new Row(rs.getString("id"), ReportStatus.valueOf(rs.getString("status")), ReportSource.valueOf(rs.getString("source")),
                rs.getString("caller_phone"), rs.getString("description"), Db.instant(rs, "happened_at"),
                asked.isEmpty() ? List.of() : Arrays.stream(asked.split(",")).map(AskedFor::valueOf).toList(),
                currency == null ? null : Money.ofMinor(rs.getLong("money_lost_minor"), Money.currency(currency)),
                rs.getString("contact"), rs.getString("payment_id"), Db.instant(rs, "received_at"), Db.instant(rs, "updated_at"),
                rs.getString("updated_by"));
    }
}
