package io.telepay.payment.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.telepay.audit.AuditTrail;
import io.telepay.payment.LedgerAccount;
import io.telepay.payment.OperationKind;
import io.telepay.payment.OperationStatus;
import io.telepay.payment.Payment;
import io.telepay.payment.ReconcileSchedule;
import io.telepay.payment.SessionStep;
import io.telepay.shared.Db;
import io.telepay.shared.Money;
import io.telepay.shared.NotFound;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one writer of {@code payment}, {@code payment_operation}, {@code payment_session} and the ledger.
 * A payment is loaded under its row lock with its operations, changed by its own methods, and saved here
 * with everything it registered — its row, new and settled operations, ledger postings, audit lines and
 * events — in the caller's transaction. Lock order, everywhere: the session (pay step) or the payment
 * first, then the payment's session.
 */
@Repository
public class PaymentStore {

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final ReconcileSchedule schedule;

    PaymentStore(JdbcClient jdbc, AuditTrail audit, ApplicationEventPublisher events, ReconcileSchedule schedule) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.schedule = schedule;
    }

    // ---- payments ----

    /**
     * The payment with its operations, its row locked until the transaction ends.
     *
     * @throws NotFound for an unknown payment
     */
    public Payment lock(String paymentId) {
        return load(paymentId, " for update").orElseThrow(() -> new NotFound("payment", paymentId));
    }

    /** The payment with its operations, without a lock (to read). */
    public Optional<Payment> find(String paymentId) {
        return load(paymentId, "");
    }

    private Optional<Payment> load(String paymentId, String lock) {
        return jdbc.sql("select * from payment where id = :id" + lock).param("id", paymentId).query(PaymentRow::map).optional()
                .map(row -> row.toPayment(operations(paymentId), schedule::delay));
    }

    private List<Payment.Operation> operations(String paymentId) {
        return jdbc.sql("select * from payment_operation where payment_id = :p order by created_at, id").param("p", paymentId)
                .query(PaymentStore::operation).list();
    }

    /** Stores a new payment (from {@link Payment#attempt}) with what it registered. */
    public Payment.Changes insert(Payment payment) {
        Payment.Card card = payment.card();
        jdbc.sql("""
                insert into payment (id, session_id, order_id, customer_id, agent_id, status, currency, amount_minor,
                    card_token, card_fingerprint, card_brand, card_bin, card_last4, card_exp_month, card_exp_year,
                    decline_code, risk_action, risk_score, risk_reasons, channel, client_ip, capture_requested,
                    created_at, updated_at)
                values (:id, :session, :order, :customer, :agent, :status, :currency, :amount, :token, :fingerprint,
                    :brand, :bin, :last4, :expMonth, :expYear, :decline, :riskAction, :riskScore, :riskReasons, :channel,
                    :ip, :capture, :now, :now)""")
                .param("id", payment.id()).param("session", payment.sessionId()).param("order", payment.orderId())
                .param("customer", payment.customerId()).param("agent", payment.agentId())
                .param("status", payment.status().name()).param("currency", payment.amount().currencyCode())
                .param("amount", payment.amount().minorUnits()).param("token", card.token())
                .param("fingerprint", card.fingerprint()).param("brand", card.brand()).param("bin", card.bin())
                .param("last4", card.last4()).param("expMonth", card.expMonth()).param("expYear", card.expYear())
                .param("decline", payment.declineCode()).param("riskAction", payment.risk().action())
                .param("riskScore", payment.risk().score()).param("riskReasons", PaymentRow.reasonsText(payment.risk().reasons()))
                .param("channel", payment.channel()).param("ip", payment.clientIp()).param("capture", payment.captureRequested())
                .param("now", Db.ts(payment.createdAt()))
                .update();
        return write(payment, payment.drainChanges(), false);
    }

    /** Saves what the payment changed since it was loaded, in the caller's transaction; answers the changes. */
    public Payment.Changes save(Payment payment) {
        return write(payment, payment.drainChanges(), true);
    }

    private Payment.Changes write(Payment payment, Payment.Changes changes, boolean row) {
        if (row && changes.row()) {
            jdbc.sql("""
                    update payment set status = :status, captured_minor = :captured, refunded_minor = :refunded,
                        decline_code = :decline, acquirer_reference = :acq, updated_at = :now where id = :id""")
                    .param("status", payment.status().name()).param("captured", payment.captured().minorUnits())
                    .param("refunded", payment.refunded().minorUnits()).param("decline", payment.declineCode())
                    .param("acq", payment.acquirerReference()).param("now", Db.ts(payment.updatedAt()))
                    .param("id", payment.id()).update();
        }
        changes.added().forEach(op -> insert(payment, op));
        changes.updated().forEach(this::update);
        post(payment.id(), changes.postings(), payment.updatedAt());
        changes.audit().forEach(note -> audit.record(note.action(), note.subject(), note.details()));
        changes.events().forEach(events::publishEvent);
        return changes;
    }

    private void insert(Payment payment, Payment.Operation op) {
        jdbc.sql("""
                insert into payment_operation (id, payment_id, kind, status, currency, amount_minor, reason, decline_code,
                    acquirer_reference, requested_by, requested_by_name, reconcile_attempts, next_reconcile_at, attempted_at,
                    created_at, updated_at)
                values (:id, :payment, :kind, :status, :currency, :amount, :reason, :decline, :acq, :by, :name, :attempts,
                    :next, :attempted, :created, :updated)""")
                .param("id", op.id()).param("payment", payment.id()).param("kind", op.kind().name())
                .param("status", op.status().name()).param("currency", op.amount().currencyCode())
                .param("amount", op.amount().minorUnits()).param("reason", op.reason()).param("decline", op.declineCode())
                .param("acq", op.acquirerReference()).param("by", op.requestedBy()).param("name", op.requestedByName())
                .param("attempts", op.reconcileAttempts()).param("next", Db.ts(op.nextReconcileAt()))
                .param("attempted", Db.ts(op.attemptedAt())).param("created", Db.ts(op.createdAt()))
                .param("updated", Db.ts(op.updatedAt()))
                .update();
    }

    private void update(Payment.Operation op) {
        jdbc.sql("""
                update payment_operation set status = :status, decline_code = :decline, decided_by = :decidedBy,
                    decided_by_name = :decidedByName, decided_at = :decidedAt, decision_note = :note,
                    reconcile_attempts = :attempts, next_reconcile_at = :next, attempted_at = :attempted, updated_at = :updated
                where id = :id""")
                .param("status", op.status().name()).param("decline", op.declineCode()).param("decidedBy", op.decidedBy())
                .param("decidedByName", op.decidedByName()).param("decidedAt", Db.ts(op.decidedAt()))
                .param("note", op.decisionNote()).param("attempts", op.reconcileAttempts())
                .param("next", Db.ts(op.nextReconcileAt())).param("attempted", Db.ts(op.attemptedAt()))
                .param("updated", Db.ts(op.updatedAt())).param("id", op.id())
                .update();
    }

    /**
     * Each posting as two entries, −amount and +amount, all in one statement. A posting's key is unique in the
     * ledger: writing it twice is refused by the database, which keeps a replayed answer from counting twice.
     */
    private void post(String paymentId, List<Payment.Posting> postings, Instant at) {
        if (postings.isEmpty()) {
            return;
        }
        record Entry(Payment.Posting posting, LedgerAccount account, Money amount) {
        }
        List<Entry> entries = new ArrayList<>();
        for (Payment.Posting posting : postings) {
            if (!posting.amount().isPositive()) {
                throw new IllegalArgumentException("a posting moves a positive amount");
            }
            entries.add(new Entry(posting, posting.from(), posting.amount().negate()));
            entries.add(new Entry(posting, posting.to(), posting.amount()));
        }
        var query = jdbc.sql("insert into ledger_entry (posting, kind, payment_id, operation_id, account, currency, amount_minor, created_at) "
                + "values " + Db.rows(entries.size(), "(:posting%1$d, :kind%1$d, :payment, :op%1$d, :account%1$d, :currency%1$d, :amount%1$d, :at)"))
                .param("payment", paymentId).param("at", Db.ts(at));
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            query = query.param("posting" + i, entry.posting().key()).param("kind" + i, entry.posting().kind())
                    .param("op" + i, entry.posting().operationId()).param("account" + i, entry.account().name())
                    .param("currency" + i, entry.amount().currencyCode()).param("amount" + i, entry.amount().minorUnits());
        }
        query.update();
    }

    /** Keeps a disputed payment out of settlement; answers whether it was not held before. */
    public boolean holdSettlement(String paymentId, String reason, Instant now) {
        return jdbc.sql("update payment set settlement_held_at = :now, settlement_hold_reason = :reason where id = :id and settlement_held_at is null")
                .param("now", Db.ts(now)).param("reason", reason).param("id", paymentId).update() > 0;
    }

    /** An operation row as the aggregate holds it. */
    public static Payment.Operation operation(ResultSet rs, int row) throws SQLException {
        return new Payment.Operation(rs.getString("id"), OperationKind.valueOf(rs.getString("kind")),
                OperationStatus.valueOf(rs.getString("status")),
                Money.ofMinor(rs.getLong("amount_minor"), Money.currency(rs.getString("currency"))), rs.getString("reason"),
                rs.getString("decline_code"), rs.getString("acquirer_reference"), rs.getString("requested_by"),
                rs.getString("requested_by_name"), rs.getString("decided_by"), rs.getString("decided_by_name"),
                Db.instant(rs, "decided_at"), rs.getString("decision_note"), rs.getInt("reconcile_attempts"),
                Db.instant(rs, "next_reconcile_at"), Db.instant(rs, "attempted_at"), Db.instant(rs, "created_at"),
                Db.instant(rs, "updated_at"));
    }

    // ---- sessions ----

    private static final String SESSION = "select * from payment_session ";

    /** The session, locked until the transaction ends. */
    public Optional<SessionRow> lockSession(String sessionId) {
        return jdbc.sql(SESSION + "where id = :id for update").param("id", sessionId).query(SessionRow::map).optional();
    }

    /** The session behind a pay link's token hash, locked until the transaction ends. */
    public Optional<SessionRow> lockSessionByToken(String tokenHash) {
        return jdbc.sql(SESSION + "where token_hash = :hash for update").param("hash", tokenHash).query(SessionRow::map).optional();
    }

    /** The order's sessions, locked: two agents' clicks cannot open two live sessions. */
    public List<SessionRow> lockSessionsOf(String orderId) {
        return jdbc.sql(SESSION + "where order_id = :order for update").param("order", orderId).query(SessionRow::map).list();
    }

    public Optional<SessionRow> findSession(String sessionId) {
        return jdbc.sql(SESSION + "where id = :id").param("id", sessionId).query(SessionRow::map).optional();
    }

    public Optional<SessionRow> findSessionByToken(String tokenHash) {
        return jdbc.sql(SESSION + "where token_hash = :hash").param("hash", tokenHash).query(SessionRow::map).optional();
    }

    public List<SessionRow> sessionsOf(String orderId) {
        return jdbc.sql(SESSION + "where order_id = :order order by created_at desc").param("order", orderId)
                .query(SessionRow::map).list();
    }

    /** Saves a session's move (in flight, answered). */
    public void save(SessionRow session, Instant now) {
        jdbc.sql("""
                update payment_session set status = :status, declines = :declines, in_flight_payment = :inFlight,
                    payment_id = :payment, step = :step, progress = :progress, updated_at = :now where id = :id""")
                .param("status", session.status().name()).param("declines", session.declines())
                .param("inFlight", session.inFlightPayment()).param("payment", session.paymentId())
                .param("step", session.step().name()).param("progress", session.progress()).param("now", Db.ts(now))
                .param("id", session.id()).update();
    }

    /** A new session, OPEN. */
    public void insertSession(SessionRow session, String tokenHash, Instant now) {
        jdbc.sql("""
                insert into payment_session (id, order_id, customer_id, agent_id, channel, send_to, sent_to_address, token_hash,
                    status, amount_minor, currency, expires_at, declines, step, progress, keypad_code, created_at, updated_at)
                values (:id, :order, :customer, :agent, :channel, :sendTo, :address, :tokenHash, :status, :amount, :currency,
                    :expires, 0, :step, :progress, :keypad, :now, :now)""")
                .param("id", session.id()).param("order", session.orderId()).param("customer", session.customerId())
                .param("agent", session.agentId()).param("channel", session.channel()).param("sendTo", session.sendTo())
                .param("address", session.sentToAddress()).param("tokenHash", tokenHash).param("status", session.status().name())
                .param("amount", session.amount().minorUnits()).param("currency", session.amount().currencyCode())
                .param("expires", Db.ts(session.expiresAt())).param("step", session.step().name())
                .param("progress", session.progress()).param("keypad", session.keypadCode()).param("now", Db.ts(now))
                .update();
    }

    /** Whether an OPEN session answers to the keypad code. */
    public boolean keypadCodeOpen(String code) {
        return jdbc.sql("select count(*) from payment_session where keypad_code = :code and status = 'OPEN'")
                .param("code", code).query(Long.class).single() > 0;
    }

    /** The OPEN, unexpired keypad sessions that answer to the code (one, unless two drew it). */
    public List<SessionRow> openKeypadSessions(String code, Instant now) {
        return jdbc.sql(SESSION + "where keypad_code = :code and status = 'OPEN' and channel = 'IVR' and expires_at > :now")
                .param("code", code).param("now", Db.ts(now)).query(SessionRow::map).list();
    }

    /** The message that carried the link, and the step that says so. */
    public void linkSent(String sessionId, String messageId, String progress) {
        jdbc.sql("update payment_session set message_id = :message, step = 'LINK_SENT', progress = :progress where id = :id")
                .param("message", messageId).param("progress", progress).param("id", sessionId).update();
    }

    /** Where the customer is in an OPEN session; never with a digit of the card. */
    public void progress(String sessionId, SessionStep step, String text, Instant now) {
        jdbc.sql("update payment_session set step = :step, progress = :progress, updated_at = :now where id = :id and status = 'OPEN'")
                .param("step", step.name()).param("progress", text).param("now", Db.ts(now)).param("id", sessionId).update();
    }

    /** The customer opened the link for the first time. */
    public void opened(String sessionId, String text, Instant now) {
        jdbc.sql("""
                update payment_session set step = 'LINK_OPENED', progress = :progress, opened_at = coalesce(opened_at, :now),
                    updated_at = :now where id = :id and status = 'OPEN'""")
                .param("progress", text).param("now", Db.ts(now)).param("id", sessionId).update();
    }

    /** The order's OPEN sessions are replaced by a new one. */
    public void replaceOpenSessions(String orderId, Instant now) {
        jdbc.sql("update payment_session set status = 'EXPIRED', step = 'EXPIRED', progress = 'Replaced by a new session', updated_at = :now where order_id = :order and status = 'OPEN'")
                .param("now", Db.ts(now)).param("order", orderId).update();
    }

    /** Marks OPEN sessions past their expiry (none with a card at the gateway); answers how many. */
    public int expireDue(Instant now) {
        return jdbc.sql("""
                update payment_session set status = 'EXPIRED', step = 'EXPIRED', progress = 'The link has expired', updated_at = :now
                where status = 'OPEN' and expires_at <= :now and in_flight_payment is null""")
                .param("now", Db.ts(now)).update();
    }

    // ---- hosted payment pages ----

    /** A platform's hosted page that is a LINK session's pay link; {@code status} OPEN, PAID or EXPIRED. */
    public record HostedPage(String sessionId, String paymentId, String provider, String pageId, String url, String status,
                             int checks, Instant nextCheckAt, Instant expiresAt) {

        static HostedPage map(ResultSet rs, int row) throws SQLException {
            return new HostedPage(rs.getString("session_id"), rs.getString("payment_id"), rs.getString("provider"),
                    rs.getString("page_id"), rs.getString("url"), rs.getString("status"), rs.getInt("checks"),
                    Db.instant(rs, "next_check_at"), Db.instant(rs, "expires_at"));
        }
    }

    public void insertHostedPage(HostedPage page, Instant now) {
        jdbc.sql("""
                insert into payment_hosted_page (session_id, payment_id, provider, page_id, url, status, checks, next_check_at,
                    expires_at, created_at, updated_at)
                values (:session, :payment, :provider, :page, :url, :status, 0, :next, :expires, :now, :now)""")
                .param("session", page.sessionId()).param("payment", page.paymentId()).param("provider", page.provider())
                .param("page", page.pageId()).param("url", page.url()).param("status", page.status())
                .param("next", Db.ts(page.nextCheckAt())).param("expires", Db.ts(page.expiresAt())).param("now", Db.ts(now))
                .update();
    }

    public Optional<HostedPage> hostedPage(String sessionId) {
        return jdbc.sql("select * from payment_hosted_page where session_id = :s").param("s", sessionId)
                .query(HostedPage::map).optional();
    }

    public Optional<HostedPage> hostedPageOfPayment(String paymentId) {
        return jdbc.sql("select * from payment_hosted_page where payment_id = :p").param("p", paymentId)
                .query(HostedPage::map).optional();
    }

    /** The OPEN pages of an order (its sessions are being replaced). */
    public List<HostedPage> openHostedPagesOf(String orderId) {
        return jdbc.sql("""
                select h.* from payment_hosted_page h join payment_session s on s.id = h.session_id
                where s.order_id = :order and h.status = 'OPEN'""").param("order", orderId).query(HostedPage::map).list();
    }

    /** OPEN pages the reconciler should ask the platform about now. */
    public List<HostedPage> hostedPagesDue(Instant now, int limit) {
        return jdbc.sql("select * from payment_hosted_page where status = 'OPEN' and next_check_at <= :now order by next_check_at limit :limit")
                .param("now", Db.ts(now)).param("limit", limit).query(HostedPage::map).list();
    }

    /** The platform said what became of the page: it is not asked about again. */
    public void hostedPageSettled(String sessionId, String status, Instant now) {
        jdbc.sql("update payment_hosted_page set status = :status, next_check_at = null, updated_at = :now where session_id = :s")
                .param("status", status).param("now", Db.ts(now)).param("s", sessionId).update();
    }

    /** Still open at the platform (or it could not be asked): ask again at {@code next}. */
    public void hostedPageAskLater(String sessionId, Instant next, Instant now) {
        jdbc.sql("update payment_hosted_page set checks = checks + 1, next_check_at = :next, updated_at = :now where session_id = :s and status = 'OPEN'")
                .param("next", Db.ts(next)).param("now", Db.ts(now)).param("s", sessionId).update();
    }

    /** Payments of the order that hold money or may still (UNKNOWN): a new session would charge twice. */
    public boolean orderHasLivePayment(String orderId) {
        return jdbc.sql("select count(*) from payment where order_id = :order and status in ('AUTHORIZED','REVIEW','CAPTURED','PARTIALLY_REFUNDED','UNKNOWN')")
                .param("order", orderId).query(Long.class).single() > 0;
    }
}
