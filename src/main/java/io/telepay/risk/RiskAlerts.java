package io.telepay.risk;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.telepay.audit.AuditTrail;
import io.telepay.identity.StaffDirectory;
import io.telepay.identity.StaffUser;
import io.telepay.risk.features.StaffLookups;
import io.telepay.shared.Actor;
import io.telepay.shared.Actors;
import io.telepay.shared.Checks;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.NotFound;
import io.telepay.shared.Page;
import io.telepay.shared.Role;
import io.telepay.shared.StateConflict;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

/**
 * The analysts' queue: alerts on an agent, card, customer, phone or address, one open alert per signal
 * and subject (a repeat adds evidence to it). RISK_ANALYST and ADMIN see all; a SUPERVISOR those on
 * their team's agents. Resolving with FRAUD labels the subject (and what is linked to it).
 */
@Service
public class RiskAlerts {

    static final int MAX_EVIDENCE = 20;

    /** The path of the latest LINKED label of the alert's subject (:kind, :subject): how it links to a fraud. */
    private static final String LINKED_PATH = """
            (select path from risk_label where kind = :kind and item = :subject and outcome = 'LINKED' order by at desc limit 1)""";

    private final JdbcClient jdbc;
    private final StaffDirectory staff;
    private final StaffLookups staffLookups;
    private final AuditTrail audit;
    private final org.springframework.beans.factory.ObjectProvider<Labels> labels;
    private final Clock clock;

    RiskAlerts(JdbcClient jdbc, StaffDirectory staff, StaffLookups staffLookups, AuditTrail audit,
               org.springframework.beans.factory.ObjectProvider<Labels> labels, Clock clock) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.staffLookups = staffLookups;
        this.audit = audit;
        this.labels = labels;
        this.clock = clock;
    }

    /** A signal to raise: on what, why, and what links it to an agent or payment (either may be null). */
    record Raise(AlertSignal signal, AlertSubject kind, String subject, String evidence, String agentId, String paymentId,
                 String path, Integer severity) {

        Raise(AlertSignal signal, AlertSubject kind, String subject, String evidence, String agentId, String paymentId) {
            this(signal, kind, subject, evidence, agentId, paymentId, null, null);
        }
    }

    /**
     * {@link #raise raise(r, true)} for each, reading in one query which are open already (the usual case inside a
     * payment, where every round trip counts): only the others are raised.
     */
    void raiseQuietly(List<Raise> raises) {
        if (raises.isEmpty()) {
            return;
        }
        List<String> keys = raises.stream().map(RiskAlerts::openKey).toList();
        Set<String> open = new HashSet<>(jdbc.sql("select open_key from risk_alert where open_key in (:keys)")
                .param("keys", keys).query(String.class).list());
        for (Raise r : raises) {
            if (!open.contains(openKey(r))) {
                raise(r, true);
            }
        }
    }

    private static String openKey(Raise r) {
        return r.signal().name() + "|" + r.kind().name() + "|" + r.subject();
    }

    /**
     * Opens the alert, or when one is open for the signal and subject, adds the evidence to it (unless
     * {@code quiet}: a decision inside a payment must not queue behind another payment's update of a
     * busy alert). Idempotent for a redelivered event: the same evidence line is not added twice.
     */
    String raise(Raise r, boolean quiet) {
        Instant now = clock.instant();
        String openKey = openKey(r);
        StaffUser agent = r.agentId() == null ? null : staffLookups.user(r.agentId());
        String team = agent == null ? null : agent.team();
        String id = Ids.next("alr_");
        // a subject linked to fraud earlier: the new alert shows how (the latest LINKED label's path)
        boolean linkedPath = r.path() == null && r.signal() != AlertSignal.LINKED_TO_FRAUD;
        int inserted = jdbc.sql("""
                insert into risk_alert (id, subject_kind, subject, signal, severity, status, evidence, path, agent_id, team,
                    payment_id, hits, open_key, created_at, updated_at)
                values (:id, :kind, :subject, :signal, :severity, 'OPEN', :evidence,
                    case when :linkedPath then %s else :path end,
                    :agent, :team, :payment, 1, :key, :now, :now)
                on conflict do nothing""".formatted(LINKED_PATH))
                .param("id", id).param("kind", r.kind().name()).param("subject", r.subject()).param("signal", r.signal().name())
                .param("severity", r.severity() == null ? r.signal().severity() : r.severity())
                .param("evidence", RiskDecisions.JSON.writeValueAsString(List.of(r.evidence())))
                .param("linkedPath", linkedPath).param("path", r.path())
                .param("agent", r.agentId()).param("team", team).param("payment", r.paymentId()).param("key", openKey)
                .param("now", Db.ts(now)).update();
        if (inserted == 1) {
            return id;
        }
        var open = jdbc.sql("select id, evidence from risk_alert where open_key = :key").param("key", openKey)
                .query((rs, row) -> Map.entry(rs.getString("id"), rs.getString("evidence"))).optional();
        if (open.isEmpty() || quiet) {
            return open.map(Map.Entry::getKey).orElse(null);
        }
        List<String> evidence = new ArrayList<>(evidence(open.get().getValue()));
        if (evidence.contains(r.evidence())) {
            return open.get().getKey();
        }
        evidence.add(r.evidence());
        while (evidence.size() > MAX_EVIDENCE) {
            evidence.remove(1); // keep the first sighting and the latest ones
        }
        jdbc.sql("""
                update risk_alert set evidence = :evidence, hits = hits + 1, updated_at = :now,
                    severity = greatest(severity, :severity),
                    path = case when :linkedPath then coalesce(%s, path) else coalesce(:path, path) end
                where id = :id""".formatted(LINKED_PATH))
                .param("evidence", RiskDecisions.JSON.writeValueAsString(evidence)).param("now", Db.ts(now))
                .param("severity", r.severity() == null ? r.signal().severity() : r.severity())
                .param("linkedPath", linkedPath).param("path", r.path())
                .param("kind", r.kind().name()).param("subject", r.subject()).param("id", open.get().getKey()).update();
        return open.get().getKey();
    }

    public Page<AlertView> list(String status, AlertSignal signal, String subject, String cursor, int limit) {
        return list(status, signal, subject, null, cursor, limit);
    }

    /**
     * Alerts by status (OPEN, RESOLVED or all when null), optionally of one signal, subject or assignee ("me",
     * "none" or a user id), most severe first and then oldest first; {@code cursor} is the offset the previous
     * page gave.
     */
    public Page<AlertView> list(String status, AlertSignal signal, String subject, String assignee, String cursor, int limit) {
        Actor actor = Actors.current();
        int offset;
        try {
            offset = cursor == null ? 0 : Integer.parseInt(cursor);
        } catch (NumberFormatException e) {
            throw new InvalidInput("cursor", "is not a cursor this endpoint gave");
        }
        if (status != null && !status.equals("OPEN") && !status.equals("RESOLVED")) {
            throw new InvalidInput("status", "must be OPEN or RESOLVED");
        }
        List<AlertView> items = jdbc.sql("""
                select * from risk_alert
                where (cast(:status as varchar) is null or status = :status)
                  and (cast(:signal as varchar) is null or signal = :signal)
                  and (cast(:subject as varchar) is null or subject = :subject)
                  and (cast(:team as varchar) is null or team = :team)
                  and (cast(:assignee as varchar) is null or assignee = :assignee or (:assignee = '-' and assignee is null))
                order by severity desc, created_at, id
                limit :limit offset :offset""")
                .param("status", status).param("signal", signal == null ? null : signal.name()).param("subject", subject)
                .param("assignee", assignee == null || assignee.isBlank() ? null
                        : assignee.equals("me") ? actor.id() : assignee.equals("none") ? "-" : assignee)
                .param("team", supervisorTeam(actor)).param("limit", limit).param("offset", offset)
                .query((rs, row) -> map(rs, actor)).list();
        return new Page<>(items, items.size() == limit ? String.valueOf(offset + limit) : null);
    }

    public AlertView get(String id) {
        Actor actor = Actors.current();
        return find(id).filter(alert -> visible(alert, actor)).orElseThrow(() -> new NotFound("alert", id));
    }

    /** Open alerts on a subject (all roles that reach this: internal use and tests). */
    public List<AlertView> openOn(AlertSubject kind, String subject) {
        return jdbc.sql("select * from risk_alert where subject_kind = :kind and subject = :subject and status = 'OPEN' order by created_at")
                .param("kind", kind.name()).param("subject", subject).query((rs, row) -> map(rs, Actor.SYSTEM)).list();
    }

    /**
     * Closes an open alert as FRAUD or LEGITIMATE with a note. FRAUD labels the subject; the engine then
     * re-scores everything linked to it.
     *
     * @throws StateConflict when the alert is already resolved
     */
    @Transactional
    public AlertView resolve(String id, String outcome, String note) {
        Checks.start().require("outcome", outcome).optionalText("note", note, 2000).orThrow();
        String normalized = outcome.strip().toUpperCase(Locale.ROOT);
        if (!normalized.equals("FRAUD") && !normalized.equals("LEGITIMATE")) {
            throw new InvalidInput("outcome", "must be FRAUD or LEGITIMATE");
        }
        AlertView alert = get(id);
        Actor actor = Actors.current();
        int updated = jdbc.sql("""
                update risk_alert set status = 'RESOLVED', outcome = :outcome, note = :note, resolved_at = :now,
                    resolved_by = :by, open_key = null, updated_at = :now
                where id = :id and status = 'OPEN'""")
                .param("outcome", normalized).param("note", note == null ? null : note.strip()).param("now", Db.ts(clock.instant()))
                .param("by", actor.id()).param("id", id).update();
        if (updated == 0) {
            throw new StateConflict("alert " + id + " is already resolved");
        }
        audit.record("risk.alert.resolved", id, Map.of("outcome", normalized, "signal", alert.signal().name(),
                "subject", alert.subject().kind().name()));
        if (normalized.equals("FRAUD")) {
            labels.ifAvailable(l -> l.alertFraud(alert));
        } else {
            labels.ifAvailable(l -> l.alertLegitimate(alert));
        }
        return get(id);
    }

    /**
     * Gives an open alert to someone who may work it: a risk analyst or an admin, or a supervisor of the alert's
     * team; {@code userId} null means the caller takes it. Taking it from someone else is allowed (the audit
     * says who did).
     *
     * @throws StateConflict when the alert is resolved
     * @throws InvalidInput  when the user does not exist or cannot see the alert
     */
    @Transactional
    public AlertView assign(String id, String userId) {
        AlertView alert = get(id);
        Actor actor = Actors.current();
        String to = userId == null || userId.isBlank() ? actor.userId() : userId.strip();
        if (to == null) {
            throw new InvalidInput("assignee", "is required when an integration assigns an alert");
        }
        StaffUser user = staff.find(to).filter(StaffUser::enabled)
                .orElseThrow(() -> new InvalidInput("assignee", "is not an active staff user"));
        String team = jdbc.sql("select team from risk_alert where id = :id").param("id", id).query(String.class).optional().orElse(null);
        boolean mayWork = user.role() == Role.RISK_ANALYST || user.role() == Role.ADMIN
                || (user.role() == Role.SUPERVISOR && user.team() != null && user.team().equals(team));
        if (!mayWork) {
            throw new InvalidInput("assignee", "cannot work this alert (risk analysts, admins and the team's supervisor can)");
        }
        setAssignee(alert, user.id());
        audit.record("risk.alert.assigned", id, Map.of("to", user.id(), "from", alert.assignee() == null ? "-" : alert.assignee()));
        return get(id);
    }

    /** Nobody works the open alert any more; it goes back to the queue. */
    @Transactional
    public AlertView unassign(String id) {
        AlertView alert = get(id);
        setAssignee(alert, null);
        audit.record("risk.alert.unassigned", id, Map.of("from", alert.assignee() == null ? "-" : alert.assignee()));
        return get(id);
    }

    private void setAssignee(AlertView alert, String userId) {
        int updated = jdbc.sql("update risk_alert set assignee = :to, assigned_at = :at, updated_at = :now where id = :id and status = 'OPEN'")
                .param("to", userId).param("at", userId == null ? null : Db.ts(clock.instant())).param("now", Db.ts(clock.instant()))
                .param("id", alert.id()).update();
        if (updated == 0) {
            throw new StateConflict("alert " + alert.id() + " is resolved");
        }
    }

    Optional<AlertView> find(String id) {
        return jdbc.sql("select * from risk_alert where id = :id").param("id", id).query((rs, row) -> map(rs, Actor.SYSTEM)).optional()
                .map(alert -> alert);
    }

    private static String supervisorTeam(Actor actor) {
        if (actor.is(Role.SUPERVISOR)) {
            // a supervisor without a team sees nothing rather than everything
            return actor.team() == null ? "\u0000none" : actor.team();
        }
        return null;
    }

    private boolean visible(AlertView alert, Actor actor) {
        if (actor.isAny(Role.RISK_ANALYST, Role.ADMIN)) {
            return true;
        }
        if (!actor.is(Role.SUPERVISOR) || actor.team() == null) {
            return false;
        }
        String team = jdbc.sql("select team from risk_alert where id = :id").param("id", alert.id()).query(String.class).optional().orElse(null);
        return actor.team().equals(team);
    }

    static List<String> evidence(String json) {
        return RiskDecisions.JSON.readValue(json, new TypeReference<List<String>>() {
        });
    }

    private static AlertView map(ResultSet rs, Actor actor) throws SQLException {
        AlertSubject kind = AlertSubject.valueOf(rs.getString("subject_kind"));
        String subject = rs.getString("subject");
        if (kind == AlertSubject.PHONE && actor.is(Role.SUPERVISOR) && subject.length() > 6) {
            subject = subject.substring(0, 4) + "*".repeat(subject.length() - 7) + subject.substring(subject.length() - 3);
        }
        AlertSignal signal = AlertSignal.valueOf(rs.getString("signal"));
        return new AlertView(rs.getString("id"), new AlertView.Subject(kind, subject), signal, signal.description(),
                rs.getInt("severity"), rs.getString("status"), evidence(rs.getString("evidence")), rs.getString("path"),
                rs.getString("agent_id"), rs.getString("payment_id"), rs.getInt("hits"), Db.instant(rs, "created_at"),
                Db.instant(rs, "updated_at"), Db.instant(rs, "resolved_at"), rs.getString("resolved_by"), rs.getString("outcome"),
                rs.getString("note"), rs.getString("assignee"), Db.instant(rs, "assigned_at"));
    }
}
