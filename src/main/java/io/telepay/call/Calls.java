package io.telepay.call;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.telepay.audit.AuditTrail;
import io.telepay.catalog.Catalog;
import io.telepay.catalog.Product;
import io.telepay.customer.CustomerDirectory;
import io.telepay.customer.CustomerView;
import io.telepay.identity.StaffDirectory;
import io.telepay.identity.StaffUser;
import io.telepay.shared.Actor;
import io.telepay.shared.Actors;
import io.telepay.shared.Checks;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.NotFound;
import io.telepay.shared.Page;
import io.telepay.shared.Role;
import io.telepay.redaction.NoteRedactor;
import io.telepay.redaction.Redaction;
import io.telepay.redaction.SecretKind;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls between agents and customers: start, notes, end with a disposition, callbacks, the product
 * script beside the notes, and the handle time for analytics.
 *
 * <p>Notes are redacted by {@link NoteRedactor} before anything is written (DESIGN.md, invariant 2):
 * no stored note, audit entry or event holds a card number, CVC, PIN, password, one-time code or ID
 * number. A note that asks for a secret, held one, or speaks the language of card collection publishes
 * {@link SecretRequested}, {@link CardNumberInNote}, {@link SecretInNote} or {@link SuspiciousNote} in
 * the transaction that stores it (Spring Modulith's publication registry: committed with the note or
 * not at all).
 *
 * <p>Methods act for {@link Actors#current()}: agents reach their own calls, supervisors their team's,
 * admins all, risk analysts read all. A call out of reach is a {@link NotFound}, exactly as an unknown id.
 */
@Service
public class Calls {

    static final int NOTE_MAX = 5000;
    /** A callback further out than this is a typo, not a promise. */
    static final Duration CALLBACK_HORIZON = Duration.ofDays(365);

    private static final String COLUMNS = "c.id, c.customer_id, c.agent_id, c.direction, c.status, c.started_at, c.started_by, "
            + "c.ended_at, c.ended_by, c.handle_seconds, c.disposition, c.talk_outcome, c.callback_at, c.followed_up_by, c.note_count";
    private static final String NOTE_COLUMNS = "n.id, n.call_id, n.author_id, n.body, n.findings, n.requests, n.phrases, n.created_at";
    private static final TypeReference<List<NoteView.Removed>> REMOVED = new TypeReference<>() { };
    private static final TypeReference<List<NoteView.Request>> REQUESTS = new TypeReference<>() { };
    private static final TypeReference<List<String>> PHRASES = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final CustomerDirectory customers;
    private final StaffDirectory staff;
    private final Catalog catalog;
    private final CallReach reach;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;
    private final NoteRedactor redactor = new NoteRedactor();

    Calls(JdbcClient jdbc, TransactionTemplate transactions, CustomerDirectory customers, StaffDirectory staff,
          Catalog catalog, CallReach reach, AuditTrail audit, ApplicationEventPublisher events, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.customers = customers;
        this.staff = staff;
        this.catalog = catalog;
        this.reach = reach;
        this.audit = audit;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Starts a call between an agent and a customer within the actor's reach.
     *
     * @throws InvalidInput             naming {@code agentId} when an agent names someone else, or a supervisor
     *                                  names no agent of their team
     * @throws NotFound                 when the customer is unknown or out of the actor's reach
     * @throws CustomerDoesNotWantCalls for an OUTBOUND call to a do-not-call customer
     * @throws AgentOnAnotherCall       when the agent is on an active call already
     */
    public CallView start(StartCall command) {
        Actor actor = Actors.current();
        String agentId = callingAgent(actor, command.agentId());
        CustomerView customer = customers.get(command.customerId());
        if (command.direction() == Direction.OUTBOUND && customer.doNotCall()) {
            throw new CustomerDoesNotWantCalls(customer.id());
        }
        String id = Ids.next("call_");
        try {
            transactions.executeWithoutResult(status -> {
                activeCallOf(agentId).ifPresent(active -> {
                    throw new AgentOnAnotherCall(agentId, active);
                });
                Instant now = now();
                jdbc.sql("""
                        insert into phone_call (id, customer_id, agent_id, active_agent_id, direction, status, started_at, started_by)
                        values (:id, :customer, :agent, :agent, :direction, 'ACTIVE', :now, :by)""")
                        .param("id", id).param("customer", customer.id()).param("agent", agentId)
                        .param("direction", command.direction().name()).param("now", Db.ts(now)).param("by", actor.id())
                        .update();
                // any later call with the customer keeps an open promise to call them back, whoever dialled
                jdbc.sql("""
                        update phone_call set followed_up_by = :id
                        where customer_id = :customer and disposition = 'CALLBACK' and followed_up_by is null and id <> :id""")
                        .param("id", id).param("customer", customer.id()).update();
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("customerId", customer.id());
                details.put("agentId", agentId);
                details.put("direction", command.direction().name());
                audit.record("call.started", id, details);
                events.publishEvent(new CallStarted(id, customer.id(), agentId, command.direction(), now));
            });
        } catch (DuplicateKeyException race) {
            // another start for the same agent committed between our check and our insert
            throw new AgentOnAnotherCall(agentId, activeCallOf(agentId).orElseThrow(() -> race));
        }
        return view(find(id).orElseThrow());
    }

    /**
     * Adds a note to an active call, redacted before it is stored; the answer is the note as stored.
     *
     * @throws InvalidInput  naming {@code text} when it is blank or longer than 5,000 characters
     * @throws NotFound      when the call is unknown or not the actor's to change
     * @throws CallNotActive when the call has ended
     */
    public NoteView addNote(String callId, String text) {
        Checks.start().text("text", text, NOTE_MAX).orThrow();
        Actor actor = Actors.current();
        // the CPU work before the row lock: the lock is held only for the writes
        Screened screened = screen(text);
        return transactions.execute(status -> {
            CallRow call = lockChangeable(callId, actor);
            if (call.status() != CallStatus.ACTIVE) {
                throw new CallNotActive(callId);
            }
            NoteView note = storeNote(call, actor.id(), screened, now());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("noteId", note.id());
            details.put("characters", text.length());
            details.put("removed", kinds(note.findings().stream().map(NoteView.Removed::kind).toList()));
            details.put("askedFor", kinds(note.requests().stream().map(NoteView.Request::kind).toList()));
            details.put("suspiciousPhrases", note.suspiciousPhrases());
            audit.record("call.note-added", callId, details);
            return note;
        });
    }

    /**
     * Ends an active call: records the disposition, talk outcome and handle time, and tells the customer
     * module (a CALLBACK goes into the agent's lead queue, DO_NOT_CALL sets the customer's flag).
     *
     * @throws InvalidInput  naming {@code callbackAt} when a CALLBACK's time is not in the future or over a year out
     * @throws NotFound      when the call is unknown or not the actor's to change
     * @throws CallNotActive when the call has ended already
     */
    @Transactional
    public CallView end(String callId, EndCall command) {
        Actor actor = Actors.current();
        CallRow call = lockChangeable(callId, actor);
        if (call.status() != CallStatus.ACTIVE) {
            throw new CallNotActive(callId);
        }
        Instant now = now();
        Instant callbackAt = command.callbackAt() == null ? null : command.callbackAt().truncatedTo(ChronoUnit.MICROS);
        if (callbackAt != null && !callbackAt.isAfter(now)) {
            throw new InvalidInput("callbackAt", "must be in the future");
        }
        if (callbackAt != null && callbackAt.isAfter(now.plus(CALLBACK_HORIZON))) {
            throw new InvalidInput("callbackAt", "must be within a year");
        }
        long handleSeconds = Math.max(0, Duration.between(call.startedAt(), now).toSeconds());
        TalkOutcome outcome = command.outcome();
        jdbc.sql("""
                update phone_call set status = 'ENDED', active_agent_id = null, ended_at = :now, ended_by = :by,
                    handle_seconds = :seconds, disposition = :disposition, talk_outcome = :outcome, callback_at = :callback
                where id = :id""")
                .param("now", Db.ts(now)).param("by", actor.id()).param("seconds", handleSeconds)
                .param("disposition", command.disposition().name()).param("outcome", outcome.name())
                .param("callback", Db.ts(callbackAt)).param("id", callId)
                .update();
        customers.recordCallOutcome(call.customerId(), call.agentId(), command.disposition().name(), callbackAt, now);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("customerId", call.customerId());
        details.put("agentId", call.agentId());
        details.put("disposition", command.disposition().name());
        details.put("talkOutcome", outcome.name());
        details.put("handleSeconds", handleSeconds);
        if (callbackAt != null) {
            details.put("callbackAt", callbackAt.toString());
        }
        audit.record("call.ended", callId, details);
        events.publishEvent(new CallEnded(callId, call.customerId(), call.agentId(), call.direction(), command.disposition(),
                outcome, call.startedAt(), now, handleSeconds, callbackAt));
        return view(find(callId).orElseThrow());
    }

    /**
     * The call with its notes, oldest note first.
     *
     * @throws NotFound when the call is unknown or out of the actor's reach
     */
    public CallDetail get(String callId) {
        CallRow call = readable(callId, Actors.current());
        List<NoteView> notes = jdbc.sql("select " + NOTE_COLUMNS + " from call_note n where n.call_id = :call order by n.created_at, n.id")
                .param("call", callId).query(this::note).list();
        return new CallDetail(view(call), notes);
    }

    /** Calls within the actor's reach, newest first. */
    public Page<CallView> list(CallQuery query) {
        Optional<CallReach.Scope> scope = reach.readable(Actors.current());
        if (scope.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        StringBuilder where = new StringBuilder(scope.get().condition());
        Map<String, Object> params = new LinkedHashMap<>(scope.get().params());
        if (query.customerId() != null) {
            where.append(" and c.customer_id = :customer");
            params.put("customer", query.customerId());
        }
        if (query.agentId() != null) {
            where.append(" and c.agent_id = :agent");
            params.put("agent", query.agentId());
        }
        if (query.status() != null) {
            where.append(" and c.status = :status");
            params.put("status", query.status().name());
        }
        if (query.cursor() != null) {
            Cursor after = Cursor.parse(query.cursor(), "call_");
            where.append(" and (c.started_at < :afterAt or (c.started_at = :afterAt and c.id < :afterId))");
            params.put("afterAt", Db.ts(after.at()));
            params.put("afterId", after.id());
        }
        List<CallRow> rows = jdbc.sql("select " + COLUMNS + " from phone_call c where " + where
                        + " order by c.started_at desc, c.id desc limit :limit")
                .params(params).param("limit", query.limit() + 1).query(Calls::row).list();
        Page<CallRow> page = page(rows, query.limit(), row -> new Cursor(row.startedAt(), row.id()));
        return new Page<>(page.items().stream().map(Calls::view).toList(), page.nextCursor());
    }

    /** The acting user's active call, if they are on one. */
    public Optional<CallView> active() {
        return activeCallOf(Actors.current().id()).flatMap(this::find).map(Calls::view);
    }

    /**
     * The product's script, to read beside the call's notes.
     *
     * @throws NotFound when the call is out of reach or the product unknown
     */
    public CallScript script(String callId, String productId) {
        CallRow call = readable(callId, Actors.current());
        if (productId == null || productId.isBlank()) {
            throw new InvalidInput("productId", "is required");
        }
        Product product = catalog.find(productId.strip()).orElseThrow(() -> new NotFound("product", productId.strip()));
        return new CallScript(call.id(), product.id(), product.sku(), product.name(), product.price(), product.active(),
                product.script());
    }

    /**
     * Open callback promises within the actor's reach (an agent's own, a supervisor's team's), earliest first.
     *
     * @param dueOnly  only those whose time has come
     * @param agentId  only this agent's; null for all in reach
     */
    public Page<Callback> callbacks(boolean dueOnly, String agentId, String cursor, int limit) {
        Optional<CallReach.Scope> scope = reach.changeable(Actors.current());
        if (scope.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        Checks.start().optionalText("agentId", agentId, 64).optionalText("cursor", cursor, 100).orThrow();
        Instant now = now();
        StringBuilder where = new StringBuilder(scope.get().condition())
                .append(" and c.disposition = 'CALLBACK' and c.followed_up_by is null");
        Map<String, Object> params = new LinkedHashMap<>(scope.get().params());
        if (dueOnly) {
            where.append(" and c.callback_at <= :now");
            params.put("now", Db.ts(now));
        }
        if (agentId != null && !agentId.isBlank()) {
            where.append(" and c.agent_id = :agent");
            params.put("agent", agentId.strip());
        }
        if (cursor != null && !cursor.isBlank()) {
            Cursor after = Cursor.parse(cursor.strip(), "call_");
            where.append(" and (c.callback_at > :afterAt or (c.callback_at = :afterAt and c.id > :afterId))");
            params.put("afterAt", Db.ts(after.at()));
            params.put("afterId", after.id());
        }
        List<CallRow> rows = jdbc.sql("select " + COLUMNS + " from phone_call c where " + where
                        + " order by c.callback_at, c.id limit :limit")
                .params(params).param("limit", limit + 1).query(Calls::row).list();
        Page<CallRow> page = page(rows, limit, row -> new Cursor(row.callbackAt(), row.id()));
        return new Page<>(page.items().stream()
                .map(row -> new Callback(row.id(), row.customerId(), row.agentId(), row.callbackAt(),
                        !row.callbackAt().isAfter(now), row.endedAt()))
                .toList(), page.nextCursor());
    }

    /** For other modules: the call regardless of who asks (no access check), or empty for an unknown id. */
    public Optional<CallSummary> summary(String callId) {
        if (callId == null) {
            return Optional.empty();
        }
        return find(callId).map(row -> new CallSummary(row.id(), row.customerId(), row.agentId(), row.direction().name(),
                row.status().name(), row.startedAt(), row.endedAt()));
    }

    // ---- internals ----

    /** Agents call as themselves; supervisors name an agent of their team, admins any agent. */
    private String callingAgent(Actor actor, String requested) {
        return switch (actor.role()) {
            case AGENT -> {
                if (requested != null && !requested.equals(actor.id())) {
                    throw new InvalidInput("agentId", "agents call as themselves; leave it out");
                }
                yield actor.id();
            }
            case SUPERVISOR -> {
                if (requested == null) {
                    throw new InvalidInput("agentId", "is required: the agent of your team who makes the call");
                }
                StaffUser agent = enabledAgent(requested);
                if (actor.team() == null || !actor.team().equals(agent.team())) {
                    throw new InvalidInput("agentId", "must be an agent of your team");
                }
                yield agent.id();
            }
            case ADMIN -> {
                if (requested == null) {
                    throw new InvalidInput("agentId", "is required: the agent who makes the call");
                }
                yield enabledAgent(requested).id();
            }
            default -> throw new AccessDeniedException("this role does not make calls");
        };
    }

    private StaffUser enabledAgent(String id) {
        return staff.find(id).filter(user -> user.role() == Role.AGENT && user.enabled())
                .orElseThrow(() -> new InvalidInput("agentId", "must be an enabled agent"));
    }

    private Optional<String> activeCallOf(String agentId) {
        return jdbc.sql("select id from phone_call where active_agent_id = :agent").param("agent", agentId)
                .query(String.class).optional();
    }

    /** A note's text after redaction, with what was removed, what it asked for and its card-collection phrases. */
    private record Screened(String text, List<NoteView.Removed> removed, List<NoteView.Request> requests,
                            List<String> phrases) {
    }

    private Screened screen(String text) {
        Redaction redaction = redactor.redact(text);
        List<NoteView.Removed> removed = redaction.findings().stream()
                .map(f -> new NoteView.Removed(f.kind(), f.placeholder(), f.reason(), f.redactedStart(), f.redactedEnd()))
                .toList();
        List<NoteView.Request> requests = redaction.requests().stream()
                .map(r -> new NoteView.Request(r.kind(), r.reason())).toList();
        return new Screened(redaction.text(), removed, requests, CardCollectionLanguage.find(text));
    }

    /** Writes the redacted note and publishes its signals, in the caller's transaction. */
    private NoteView storeNote(CallRow call, String authorId, Screened note, Instant at) {
        String noteId = Ids.next("note_");
        jdbc.sql("""
                insert into call_note (id, call_id, author_id, body, findings, requests, phrases, created_at)
                values (:id, :call, :author, :body, :findings, :requests, :phrases, :at)""")
                .param("id", noteId).param("call", call.id()).param("author", authorId).param("body", note.text())
                .param("findings", json.writeValueAsString(note.removed()))
                .param("requests", json.writeValueAsString(note.requests()))
                .param("phrases", json.writeValueAsString(note.phrases())).param("at", Db.ts(at))
                .update();
        jdbc.sql("update phone_call set note_count = note_count + 1 where id = :id").param("id", call.id()).update();
        publishSignals(call, authorId, noteId, note, at);
        return new NoteView(noteId, call.id(), authorId, note.text(), !note.removed().isEmpty(), note.removed(),
                !note.requests().isEmpty(), note.requests(), note.phrases(), at);
    }

    /** A call that happened before Telepay knew of it (the demo history), with its notes in order. */
    record PastCall(String customerId, String agentId, Direction direction, Instant startedAt, Instant endedAt,
                    Disposition disposition, TalkOutcome talkOutcome, Instant callbackAt, List<PastNote> notes) {
    }

    record PastNote(Instant at, String text) {
    }

    /**
     * Records a finished call as it happened: notes redacted and their signals published exactly as live
     * ones, the outcome reported to the customer module. For the demo history; no access check.
     */
    @Transactional
    String recordPastCall(PastCall past) {
        String id = Ids.next("call_");
        long handleSeconds = Duration.between(past.startedAt(), past.endedAt()).toSeconds();
        jdbc.sql("""
                insert into phone_call (id, customer_id, agent_id, direction, status, started_at, started_by, ended_at, ended_by,
                                        handle_seconds, disposition, talk_outcome, callback_at)
                values (:id, :customer, :agent, :direction, 'ENDED', :started, :agent, :ended, :agent, :seconds, :disposition,
                        :outcome, :callback)""")
                .param("id", id).param("customer", past.customerId()).param("agent", past.agentId())
                .param("direction", past.direction().name()).param("started", Db.ts(past.startedAt()))
                .param("ended", Db.ts(past.endedAt())).param("seconds", handleSeconds)
                .param("disposition", past.disposition().name()).param("outcome", past.talkOutcome().name())
                .param("callback", Db.ts(past.callbackAt()))
                .update();
        jdbc.sql("""
                update phone_call set followed_up_by = :id
                where customer_id = :customer and disposition = 'CALLBACK' and followed_up_by is null and id <> :id""")
                .param("id", id).param("customer", past.customerId()).update();
        CallRow call = find(id).orElseThrow();
        for (PastNote note : past.notes()) {
            storeNote(call, past.agentId(), screen(note.text()), note.at());
        }
        customers.recordCallOutcome(past.customerId(), past.agentId(), past.disposition().name(), past.callbackAt(),
                past.endedAt());
        audit.record("call.recorded", id, Map.of("customerId", past.customerId(), "agentId", past.agentId(),
                "disposition", past.disposition().name(), "notes", past.notes().size()));
        return id;
    }

    private void publishSignals(CallRow call, String authorId, String noteId, Screened note, Instant at) {
        if (!note.requests().isEmpty()) {
            events.publishEvent(new SecretRequested(call.id(), call.agentId(), authorId, call.customerId(),
                    kinds(note.requests().stream().map(NoteView.Request::kind).toList()), noteId, at));
        }
        List<SecretKind> found = kinds(note.removed().stream().map(NoteView.Removed::kind).toList());
        if (found.contains(SecretKind.CARD_NUMBER)) {
            events.publishEvent(new CardNumberInNote(call.id(), call.agentId(), authorId, call.customerId(), found, noteId, at));
        }
        List<SecretKind> others = found.stream().filter(kind -> kind != SecretKind.CARD_NUMBER).toList();
        if (!others.isEmpty()) {
            events.publishEvent(new SecretInNote(call.id(), call.agentId(), authorId, call.customerId(), others, noteId, at));
        }
        if (!note.phrases().isEmpty()) {
            events.publishEvent(new SuspiciousNote(call.id(), call.agentId(), authorId, call.customerId(), note.phrases(),
                    noteId, at));
        }
    }

    /** Each kind once, in the enum's order. */
    private static List<SecretKind> kinds(List<SecretKind> kinds) {
        Set<SecretKind> set = EnumSet.noneOf(SecretKind.class);
        set.addAll(kinds);
        return List.copyOf(set);
    }

    private CallRow readable(String callId, Actor actor) {
        return find(callId).filter(row -> reach.canRead(actor, row.agentId()))
                .orElseThrow(() -> new NotFound("call", callId));
    }

    /** The call, locked for this transaction, when the actor may change it. */
    private CallRow lockChangeable(String callId, Actor actor) {
        // the row lock orders a note and an end racing on one call: a note never lands after the end
        return jdbc.sql("select " + COLUMNS + " from phone_call c where c.id = :id for update").param("id", callId)
                .query(Calls::row).optional()
                .filter(row -> reach.canChange(actor, row.agentId()))
                .orElseThrow(() -> new NotFound("call", callId));
    }

    private Optional<CallRow> find(String callId) {
        return jdbc.sql("select " + COLUMNS + " from phone_call c where c.id = :id").param("id", callId)
                .query(Calls::row).optional();
    }

    private static <T> Page<T> page(List<T> rows, int limit, java.util.function.Function<T, Cursor> cursorOf) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = new ArrayList<>(rows.subList(0, limit));
        return new Page<>(items, cursorOf.apply(items.getLast()).toString());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private NoteView note(ResultSet rs, int row) throws SQLException {
        List<NoteView.Removed> removed = json.readValue(rs.getString("findings"), REMOVED);
        List<NoteView.Request> requests = json.readValue(rs.getString("requests"), REQUESTS);
        return new NoteView(rs.getString("id"), rs.getString("call_id"), rs.getString("author_id"), rs.getString("body"),
                !removed.isEmpty(), removed, !requests.isEmpty(), requests, json.readValue(rs.getString("phrases"), PHRASES),
                Db.instant(rs, "created_at"));
    }

    private static CallView view(CallRow row) {
        return new CallView(row.id(), row.customerId(), row.agentId(), row.direction(), row.status(), row.startedAt(),
                row.endedAt(), row.handleSeconds(), row.disposition(), row.talkOutcome(), row.callbackAt(),
                row.followedUpBy(), row.noteCount(), row.startedBy(), row.endedBy());
    }

    /** A call as stored. */
    private record CallRow(String id, String customerId, String agentId, Direction direction, CallStatus status,
                           Instant startedAt, String startedBy, Instant endedAt, String endedBy, Long handleSeconds,
                           Disposition disposition, TalkOutcome talkOutcome, Instant callbackAt, String followedUpBy,
                           int noteCount) {
    }

    private static CallRow row(ResultSet rs, int n) throws SQLException {
        String disposition = rs.getString("disposition");
        String outcome = rs.getString("talk_outcome");
        long seconds = rs.getLong("handle_seconds");
        Long handleSeconds = rs.wasNull() ? null : seconds;
        return new CallRow(rs.getString("id"), rs.getString("customer_id"), rs.getString("agent_id"),
                Direction.valueOf(rs.getString("direction")), CallStatus.valueOf(rs.getString("status")),
                Db.instant(rs, "started_at"), rs.getString("started_by"), Db.instant(rs, "ended_at"), rs.getString("ended_by"),
                handleSeconds, disposition == null ? null : Disposition.valueOf(disposition),
                outcome == null ? null : TalkOutcome.valueOf(outcome), Db.instant(rs, "callback_at"),
                rs.getString("followed_up_by"), rs.getInt("note_count"));
    }
}
