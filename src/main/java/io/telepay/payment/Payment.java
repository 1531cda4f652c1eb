package io.telepay.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

import io.telepay.gateway.GatewayOutcome;
import io.telepay.gateway.GatewayResult;
import io.telepay.shared.Actor;
import io.telepay.shared.Ids;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.Money;
import io.telepay.shared.NotFound;
import io.telepay.shared.Role;
import io.telepay.shared.StateConflict;

/**
 * A payment and its operations — the authorization (or sale), captures, voids, refunds and chargebacks —
 * loaded under the payment's row lock. Every change of a payment goes through one of its methods: each
 * checks {@link PaymentStatus}'s transition table, does the "left to capture / left to refund" arithmetic
 * on the operations in memory, throws the named outcome, and registers what changed (the row, operations,
 * ledger postings, events, audit lines, the session's step) for the one writer to save with it.
 *
 * <p>Every operation is recorded UNKNOWN before the gateway is called, and {@link #answer} is the one path
 * by which any gateway answer — right after the call or found later by the reconciler — is applied.
 * Applying an answer twice changes nothing: only an UNKNOWN operation is settled.
 */
public final class Payment {

    /** The card as a payment keeps it: by token, fingerprint, brand, BIN and last 4; never the number. */
    public record Card(String token, String fingerprint, String brand, String bin, String last4, int expMonth, int expYear) {
    }

    /** What the risk engine decided before the gateway was asked. */
    public record Risk(String action, int score, List<String> reasons) {

        public Risk {
            reasons = List.copyOf(reasons);
        }
    }

    /** One call to the gateway about this payment, or a refund waiting for a second person. */
    public record Operation(String id, OperationKind kind, OperationStatus status, Money amount, String reason,
                            String declineCode, String acquirerReference, String requestedBy, String requestedByName,
                            String decidedBy, String decidedByName, Instant decidedAt, String decisionNote,
                            int reconcileAttempts, Instant nextReconcileAt, Instant attemptedAt, Instant createdAt,
                            Instant updatedAt) {

        boolean holdsAmount(OperationKind of) {
            return kind == of && status.holdsAmount();
        }

        /** Whether this operation asked for the authorization itself (a sale or an authorization alone). */
        public boolean authorizes() {
            return kind == OperationKind.AUTHORIZE || kind == OperationKind.SALE;
        }

        Operation settled(OperationStatus to, String code, Instant now) {
            return new Operation(id, kind, to, amount, reason, code, acquirerReference, requestedBy, requestedByName,
                    decidedBy, decidedByName, decidedAt, decisionNote, reconcileAttempts, null, attemptedAt, createdAt, now);
        }

        Operation decided(OperationStatus to, Actor by, String note, Instant next, Instant now) {
            return new Operation(id, kind, to, amount, reason, declineCode, acquirerReference, requestedBy, requestedByName,
                    by.id(), by.name(), now, note, reconcileAttempts, next, to == OperationStatus.UNKNOWN ? now : null,
                    createdAt, now);
        }

        Operation askLater(int attempts, Instant next, Instant now) {
            return new Operation(id, kind, status, amount, reason, declineCode, acquirerReference, requestedBy,
                    requestedByName, decidedBy, decidedByName, decidedAt, decisionNote, attempts, next, attemptedAt, createdAt, now);
        }
    }

    /** A ledger posting: {@code amount} from one account to another, written once under its key. */
    public record Posting(String key, String kind, String operationId, LedgerAccount from, LedgerAccount to, Money amount) {
    }

    /** A line for the audit log about this payment. */
    public record AuditNote(String action, String subject, Map<String, Object> details) {
    }

    /** What the payment's session shows after an authorization's answer. */
    public sealed interface SessionChange {

        /** The authorization is settled one way: the session is used up. */
        record Completed(SessionStep step, String progress) implements SessionChange {
        }

        /** The card was declined: one of the session's tries is used. */
        record Declined(String code) implements SessionChange {
        }

        /** Nothing reached the acquirer: the customer may try again. */
        record Reopened(String progress) implements SessionChange {
        }

        /** The answer was lost: the outcome is being confirmed. */
        record Confirming() implements SessionChange {
        }
    }

    /** What a method changed, drained by the writer when it saves the payment. */
    public record Changes(boolean row, List<Operation> added, List<Operation> updated, List<Posting> postings,
                         List<Object> events, List<AuditNote> audit, SessionChange session, boolean challenge) {
    }

    /** A new attempt at the pay step, before the gateway is asked. */
    public record Attempt(String id, String sessionId, String orderId, String customerId, String agentId, Money amount,
                          Card card, Risk risk, String channel, String clientIp, boolean capture) {
    }

    static final String SALE_CAPTURE_SUFFIX = ":sale";
    private static final Actor SALE = new Actor("system", "sale", Role.ADMIN, null, null);

    private final String id;
    private final String sessionId;
    private final String orderId;
    private final String customerId;
    private final String agentId;
    private final Money amount;
    private final Card card;
    private final Risk risk;
    private final String channel;
    private final String clientIp;
    private final boolean captureRequested;
    private final Instant createdAt;
    private final IntFunction<Duration> reconcileDelay;
    private final List<Operation> operations;
    private PaymentStatus status;
    private Money captured;
    private Money refunded;
    private String declineCode;
    private String acquirerReference;
    private Instant updatedAt;

    private boolean rowChanged;
    private final Set<String> addedIds = new LinkedHashSet<>();
    private final Set<String> updatedIds = new LinkedHashSet<>();
    private final List<Posting> postings = new ArrayList<>();
    private final List<Object> events = new ArrayList<>();
    private final List<AuditNote> audit = new ArrayList<>();
    private SessionChange sessionChange;
    private boolean challenge;

    /**
     * A payment as stored. {@code reconcileDelay} says when to ask the gateway again about an UNKNOWN
     * operation after so many tries (the reconciler's widening schedule).
     */
    public Payment(String id, String sessionId, String orderId, String customerId, String agentId, PaymentStatus status,
                   Money amount, Money captured, Money refunded, Card card, Risk risk, String declineCode,
                   String acquirerReference, String channel, String clientIp, boolean captureRequested, Instant createdAt,
                   Instant updatedAt, List<Operation> operations, IntFunction<Duration> reconcileDelay) {
        this.id = id;
        this.sessionId = sessionId;
        this.orderId = orderId;
        this.customerId = customerId;
        this.agentId = agentId;
        this.status = status;
        this.amount = amount;
        this.captured = captured;
        this.refunded = refunded;
        this.card = card;
        this.risk = risk;
        this.declineCode = declineCode;
        this.acquirerReference = acquirerReference;
        this.channel = channel;
        this.clientIp = clientIp;
        this.captureRequested = captureRequested;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.operations = new ArrayList<>(operations);
        this.reconcileDelay = reconcileDelay;
    }

    /**
     * A card presented at the pay step, screened by risk: recorded UNKNOWN with its authorization (or sale)
     * operation before the gateway is asked, or DECLINED at once when risk blocked it.
     */
    public static Payment attempt(Attempt attempt, Instant now, IntFunction<Duration> reconcileDelay) {
        boolean blocked = "BLOCK".equals(attempt.risk().action());
        Money zero = Money.zero(attempt.amount().currency());
        Payment payment = new Payment(attempt.id(), attempt.sessionId(), attempt.orderId(), attempt.customerId(),
                attempt.agentId(), blocked ? PaymentStatus.DECLINED : PaymentStatus.UNKNOWN, attempt.amount(), zero, zero,
                attempt.card(), attempt.risk(), blocked ? "risk_blocked" : null, null, attempt.channel(), attempt.clientIp(),
                attempt.capture(), now, now, List.of(), reconcileDelay);
        payment.rowChanged = true;
        payment.note("payment.attempted", Map.of("session", attempt.sessionId(), "order", attempt.orderId(),
                "amount", attempt.amount().toString(), "card", attempt.card().brand() + " " + attempt.card().bin() + "…"
                        + attempt.card().last4(), "risk", attempt.risk().action(), "channel", attempt.channel()));
        if (blocked) {
            payment.declined("risk_blocked");
        } else {
            // the authorization is asked under the payment's own id, the reference the acquirer deduplicates on
            payment.add(attempt.capture() ? OperationKind.SALE : OperationKind.AUTHORIZE, OperationStatus.UNKNOWN,
                    attempt.amount(), null, SALE, attempt.id(), now);
        }
        return payment;
    }

    /**
     * A payment made on a payment platform's hosted page: the platform charged the card (or approved its
     * authorization) before Telepay heard of it, so it is recorded UNKNOWN with its sale or authorization
     * whatever risk decided, for the platform's answer to settle through {@link #answer}; risk acts on it after
     * the fact (a refund, a void, a hold).
     */
    public static Payment hosted(Attempt attempt, Instant now, IntFunction<Duration> reconcileDelay) {
        Money zero = Money.zero(attempt.amount().currency());
        Payment payment = new Payment(attempt.id(), attempt.sessionId(), attempt.orderId(), attempt.customerId(),
                attempt.agentId(), PaymentStatus.UNKNOWN, attempt.amount(), zero, zero, attempt.card(), attempt.risk(), null, null,
                attempt.channel(), attempt.clientIp(), attempt.capture(), now, now, List.of(), reconcileDelay);
        payment.rowChanged = true;
        payment.note("payment.attempted", Map.of("session", attempt.sessionId(), "order", attempt.orderId(),
                "amount", attempt.amount().toString(), "card", attempt.card().brand() + " …" + attempt.card().last4(),
                "risk", attempt.risk().action(), "channel", attempt.channel(), "on", "the platform's hosted page"));
        payment.add(attempt.capture() ? OperationKind.SALE : OperationKind.AUTHORIZE, OperationStatus.UNKNOWN,
                attempt.amount(), null, SALE, attempt.id(), now);
        return payment;
    }

    // ---- the one answer path ----

    /**
     * Applies what the gateway answered for one of this payment's operations. An operation no longer UNKNOWN
     * is left as it is (the answer was applied before); an UNKNOWN answer schedules the next question.
     *
     * @throws IllegalArgumentException when the operation is not this payment's
     */
    public void answer(String operationId, GatewayResult result, Instant now) {
        Operation op = operation(operationId);
        if (op.status() != OperationStatus.UNKNOWN) {
            return;
        }
        switch (result.outcome()) {
            case APPROVED -> succeeded(op, result, now);
            case DECLINED, NOT_FOUND -> failed(op, result, now);
            case UNKNOWN -> {
                replace(op.askLater(op.reconcileAttempts(), now.plus(reconcileDelay.apply(op.reconcileAttempts())), now));
                note(op.authorizes() ? "payment.outcome-unknown" : verb(op) + ".outcome-unknown",
                        op.authorizes() ? Map.of("nextCheckIn", reconcileDelay.apply(op.reconcileAttempts()).toString())
                                : Map.of("payment", id));
                if (op.authorizes()) {
                    sessionChange = new SessionChange.Confirming();
                }
            }
        }
    }

    /**
     * The reconciler asked and the gateway still has no answer: ask again later, further apart. Does nothing
     * when the operation was settled or already rescheduled (another run asked first).
     */
    public void stillUnknown(String operationId, Instant now) {
        Operation op = operation(operationId);
        if (op.status() != OperationStatus.UNKNOWN || op.nextReconcileAt() == null || op.nextReconcileAt().isAfter(now)) {
            return;
        }
        int attempts = op.reconcileAttempts() + 1;
        replace(op.askLater(attempts, now.plus(reconcileDelay.apply(attempts)), now));
    }

    private void succeeded(Operation op, GatewayResult result, Instant now) {
        replace(op.settled(OperationStatus.SUCCEEDED, null, now));
        switch (op.kind()) {
            case AUTHORIZE, SALE -> authorized(op, result, now);
            case CAPTURE -> {
                captured = captured.plus(op.amount());
                move(refunded.isPositive() ? PaymentStatus.PARTIALLY_REFUNDED : PaymentStatus.CAPTURED, now);
                post(op.id(), "CAPTURE", op.id(), LedgerAccount.AUTHORIZED, LedgerAccount.CAPTURED, op.amount());
                note("payment.captured", Map.of("capture", op.id(), "amount", op.amount().toString()));
                events.add(capturedEvent(op));
            }
            case VOID -> {
                post(op.id(), "VOID", op.id(), LedgerAccount.AUTHORIZED, LedgerAccount.CUSTOMER_FUNDS, op.amount());
                if (captured.isPositive()) {
                    // the rest of a partly captured authorization released: the payment stays captured
                    note("payment.rest-released", Map.of("void", op.id(), "amount", op.amount().toString()));
                } else {
                    move(PaymentStatus.VOIDED, now);
                    note("payment.voided", Map.of("void", op.id()));
                    events.add(new PaymentVoided(id, op.id(), orderId, customerId, agentId, amount));
                }
            }
            case REFUND, CHARGEBACK -> {
                refunded = refunded.plus(op.amount());
                boolean fully = refunded.compareTo(captured) >= 0;
                move(fully ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED, now);
                if (op.kind() == OperationKind.REFUND) {
                    post(op.id(), "REFUND", op.id(), LedgerAccount.CAPTURED, LedgerAccount.REFUNDED, op.amount());
                    note("payment.refunded", Map.of("refund", op.id(), "amount", op.amount().toString(),
                            "refundedTotal", refunded.toString()));
                    events.add(new PaymentRefunded(id, op.id(), orderId, customerId, agentId, op.amount(), refunded, fully,
                            op.reason()));
                } else {
                    post(op.id(), "CHARGEBACK", op.id(), LedgerAccount.CAPTURED, LedgerAccount.CHARGED_BACK, op.amount());
                    note("payment.charged-back", Map.of("chargeback", op.id(), "amount", op.amount().toString()));
                    boolean fraud = ChargebackForFraud.isFraud(op.reason());
                    events.add(new ChargebackReceived(id, op.id(), orderId, customerId, agentId, op.amount(), refunded, fully,
                            op.reason(), fraud));
                    if (fraud) {
                        events.add(new ChargebackForFraud(id, op.id(), card.fingerprint(), agentId, customerId));
                    }
                }
            }
        }
    }

    private void authorized(Operation op, GatewayResult result, Instant now) {
        boolean sale = op.kind() == OperationKind.SALE;
        PaymentStatus to = sale ? PaymentStatus.CAPTURED : "REVIEW".equals(risk.action()) ? PaymentStatus.REVIEW
                : PaymentStatus.AUTHORIZED;
        move(to, now);
        acquirerReference = result.acquirerReference();
        post("auth:" + id, "AUTHORIZATION", null, LedgerAccount.CUSTOMER_FUNDS, LedgerAccount.AUTHORIZED, amount);
        note("payment." + to.name().toLowerCase(Locale.ROOT), Map.of("amount", amount.toString(), "order", orderId));
        if (sale) {
            // the capture went with the authorization, under the reference the acquirer gave it
            Operation capture = add(OperationKind.CAPTURE, OperationStatus.SUCCEEDED, amount, null, SALE,
                    id + SALE_CAPTURE_SUFFIX, now);
            captured = amount;
            post(capture.id(), "CAPTURE", capture.id(), LedgerAccount.AUTHORIZED, LedgerAccount.CAPTURED, amount);
            events.add(capturedEvent(capture));
            sessionChange = new SessionChange.Completed(SessionStep.PAID, "Paid");
        } else if (to == PaymentStatus.REVIEW) {
            sessionChange = new SessionChange.Completed(SessionStep.HELD,
                    "Approved by the bank; held for a risk review before it is charged");
        } else if ("CHALLENGE".equals(risk.action())) {
            challenge = true;
            sessionChange = new SessionChange.Completed(SessionStep.APPROVED,
                    "Approved by the bank; waiting for the customer to confirm from their registered phone");
        } else {
            sessionChange = new SessionChange.Completed(SessionStep.APPROVED, "Approved by the bank; waiting for capture");
        }
    }

    private void failed(Operation op, GatewayResult result, Instant now) {
        boolean lost = result.outcome() == GatewayOutcome.NOT_FOUND;
        String code = lost ? "not_received_by_acquirer" : result.declineCode() == null ? "declined" : result.declineCode();
        replace(op.settled(OperationStatus.FAILED, code, now));
        if (!op.authorizes()) {
            note(verb(op) + ".failed", Map.of("payment", id, "code", code));
        } else if (lost) {
            // the acquirer never received it: no money moved, the customer may try again
            move(PaymentStatus.FAILED, now);
            declineCode = code;
            note("payment.failed", Map.of("reason", "not received by the acquirer"));
            sessionChange = new SessionChange.Reopened("The bank did not receive the payment; the customer can try again");
        } else {
            move(PaymentStatus.DECLINED, now);
            declined(code);
        }
    }

    private void declined(String code) {
        declineCode = code;
        note("payment.declined", Map.of("code", code));
        events.add(new PaymentDeclined(id, orderId, customerId, agentId, code, card.fingerprint()));
        sessionChange = new SessionChange.Declined(code);
    }

    private PaymentCaptured capturedEvent(Operation capture) {
        return new PaymentCaptured(id, orderId, customerId, agentId, capture.amount(), capture.id(), card.brand(), card.last4(),
                card.fingerprint());
    }

    // ---- commands ----

    /**
     * Starts a capture of {@code requested} (null: all that is left of the authorization) of an AUTHORIZED or
     * partly captured payment. A payment held for review is captured by {@link #release}.
     *
     * @throws CaptureExceedsAuthorization when the amount is above what is left to capture
     * @throws StateConflict when the payment cannot be captured
     */
    public Operation capture(Money requested, Actor actor, Instant now) {
        if (status == PaymentStatus.REVIEW) {
            throw new StateConflict("The payment is held for a risk review; release it to capture");
        }
        return startCapture(requested, actor, now);
    }

    /** Releases a payment held for review: everything authorized is captured. */
    public Operation release(Actor actor, Instant now) {
        if (status != PaymentStatus.REVIEW) {
            throw new StateConflict("Only a payment held for review can be released; this one is " + status);
        }
        Operation op = startCapture(null, actor, now);
        note("payment.released", Map.of("by", actor.name()));
        return op;
    }

    private Operation startCapture(Money requested, Actor actor, Instant now) {
        if (status != PaymentStatus.AUTHORIZED && status != PaymentStatus.REVIEW && status != PaymentStatus.CAPTURED) {
            throw new StateConflict("Only an authorized payment can be captured; this one is " + status);
        }
        if (held(OperationKind.VOID) > 0) {
            throw new StateConflict("The authorization is voided, or the rest of it released, or being so");
        }
        if (requested != null) {
            checkAmount(requested);
        }
        long left = amount.minorUnits() - held(OperationKind.CAPTURE);
        if (left <= 0) {
            throw new StateConflict("Everything authorized is already captured");
        }
        Money take = requested == null ? Money.ofMinor(left, amount.currency()) : requested;
        if (take.minorUnits() > left) {
            throw new CaptureExceedsAuthorization("At most " + Money.ofMinor(left, amount.currency())
                    + " is left to capture of the authorization");
        }
        Operation op = add(OperationKind.CAPTURE, OperationStatus.UNKNOWN, take, null, actor, null, now);
        note("capture.started", op.id(), Map.of("payment", id, "amount", take.toString()));
        return op;
    }

    /**
     * Releases the authorization: all of it when nothing was captured (the payment becomes VOIDED), or after a
     * partial capture the rest of it (the payment stays captured; nothing more can be captured).
     *
     * @throws StateConflict when everything authorized was captured, a capture or void is under way, or the
     *                       payment is final
     */
    public Operation voidAuthorization(Actor actor, Instant now) {
        boolean partlyCaptured = captured.isPositive() && (status == PaymentStatus.CAPTURED
                || status == PaymentStatus.PARTIALLY_REFUNDED || status == PaymentStatus.REFUNDED);
        if (!partlyCaptured && status != PaymentStatus.AUTHORIZED && status != PaymentStatus.REVIEW) {
            throw new StateConflict("Only an authorized payment can be voided; this one is " + status);
        }
        if (held(OperationKind.CAPTURE) > captured.minorUnits() || held(OperationKind.VOID) > 0) {
            throw new StateConflict("A capture or void of this payment is under way, or the rest of it was released");
        }
        Money rest = amount.minus(captured);
        if (!rest.isPositive()) {
            throw new StateConflict("Everything authorized is captured; refund it instead");
        }
        Operation op = add(OperationKind.VOID, OperationStatus.UNKNOWN, rest, null, actor, null, now);
        note("void.started", op.id(), Map.of("payment", id, "amount", rest.toString()));
        return op;
    }

    /**
     * Starts a refund of {@code refund} of the captured money. When what is refunded on the payment in total —
     * refunds done, under way and waiting for approval, and this one — is above {@code approvalThreshold} (major units of the payment's currency), the
     * refund waits as PENDING_APPROVAL for a second person (splitting a refund does not avoid the approval).
     *
     * @throws RefundExceedsCapture when the amount is above what is captured and not yet returned or pending
     * @throws StateConflict when nothing was captured
     */
    public Operation refund(Money refund, String reason, Actor actor, java.math.BigDecimal approvalThreshold, Instant now) {
        if (status != PaymentStatus.CAPTURED && status != PaymentStatus.PARTIALLY_REFUNDED) {
            throw new StateConflict(status == PaymentStatus.REFUNDED ? "The payment is already refunded in full"
                    : "Only a captured payment can be refunded; this one is " + status);
        }
        checkReturnable(refund, "refunded");
        Money total = Money.ofMinor(held(OperationKind.REFUND) + refund.minorUnits(), amount.currency());
        boolean needsApproval = total.amount().compareTo(approvalThreshold) > 0;
        Operation op = add(OperationKind.REFUND, needsApproval ? OperationStatus.PENDING_APPROVAL : OperationStatus.UNKNOWN,
                refund, reason, actor, null, now);
        note(needsApproval ? "refund.requested" : "refund.started", op.id(),
                Map.of("payment", id, "amount", refund.toString(), "reason", reason));
        if (needsApproval) {
            events.add(new RefundRequested(op.id(), id, orderId, agentId, refund, reason, actor.id()));
        }
        return op;
    }

    /**
     * Records a chargeback the acquirer reported: the issuer took {@code chargeback} of the captured money back.
     * Counts against the refundable amount like a refund.
     *
     * @throws RefundExceedsCapture when the amount is above what is captured and not yet returned
     */
    public Operation chargeback(Money chargeback, String reason, Actor actor, Instant now) {
        if (status != PaymentStatus.CAPTURED && status != PaymentStatus.PARTIALLY_REFUNDED) {
            throw new StateConflict("Only a captured payment can be charged back; this one is " + status);
        }
        checkReturnable(chargeback, "charged back");
        Operation op = add(OperationKind.CHARGEBACK, OperationStatus.UNKNOWN, chargeback, reason, actor, null, now);
        note("chargeback.received", op.id(), Map.of("payment", id, "amount", chargeback.toString(), "reason", reason));
        return op;
    }

    /**
     * A second person approves a refund waiting for approval; it is then sent to the gateway.
     *
     * @throws SecondPersonRequired when the approver asked for the refund
     * @throws StateConflict when the refund is no longer waiting
     */
    public Operation approve(String refundId, Actor actor, String note, Instant now) {
        Operation op = pendingRefund(refundId, actor);
        Operation approved = op.decided(OperationStatus.UNKNOWN, actor, note, now.plus(reconcileDelay.apply(0)), now);
        replace(approved);
        note("refund.approved", refundId, Map.of("payment", id, "amount", op.amount().toString()));
        return approved;
    }

    /** A second person turns a waiting refund down; its amount is free to refund again. */
    public Operation reject(String refundId, Actor actor, String note, Instant now) {
        Operation op = pendingRefund(refundId, actor);
        Operation rejected = op.decided(OperationStatus.REJECTED, actor, note, null, now);
        replace(rejected);
        note("refund.rejected", refundId, Map.of("payment", id, "amount", op.amount().toString()));
        return rejected;
    }

    /**
     * The customer answered the confirmation asked of them (risk said CHALLENGE): yes captures the payment, no
     * voids it. Empty when the payment is no longer waiting for the answer.
     */
    public Optional<Operation> challengeAnswered(boolean confirmed, Actor customer, Instant now) {
        if (status != PaymentStatus.AUTHORIZED) {
            return Optional.empty();
        }
        Operation op = confirmed ? startCapture(null, customer, now) : voidAuthorization(customer, now);
        note(confirmed ? "payment.challenge-confirmed" : "payment.challenge-denied", Map.of());
        return Optional.of(op);
    }

    private Operation pendingRefund(String refundId, Actor actor) {
        Operation op = operations.stream().filter(o -> o.id().equals(refundId) && o.kind() == OperationKind.REFUND).findFirst()
                .orElseThrow(() -> new NotFound("refund", refundId));
        if (op.status() != OperationStatus.PENDING_APPROVAL) {
            throw new StateConflict("The refund is not waiting for approval; it is " + op.status());
        }
        if (actor.id().equals(op.requestedBy()) || (actor.userId() != null && actor.userId().equals(op.requestedBy()))) {
            throw new SecondPersonRequired();
        }
        return op;
    }

    private void checkReturnable(Money money, String what) {
        checkAmount(money);
        long left = captured.minorUnits() - held(OperationKind.REFUND) - held(OperationKind.CHARGEBACK);
        if (money.minorUnits() > left) {
            throw new RefundExceedsCapture("At most " + Money.ofMinor(Math.max(left, 0), amount.currency()) + " can be " + what
                    + " (captured, less refunds done or pending)");
        }
    }

    private void checkAmount(Money money) {
        if (!money.currencyCode().equals(amount.currencyCode())) {
            throw new InvalidInput("amount", "must be in the payment's currency, " + amount.currencyCode());
        }
        if (!money.isPositive()) {
            throw new InvalidInput("amount", "must be positive");
        }
    }

    // ---- bookkeeping ----

    /** Amount held by operations of the kind that succeeded or may still succeed. */
    long held(OperationKind kind) {
        return operations.stream().filter(op -> op.holdsAmount(kind)).mapToLong(op -> op.amount().minorUnits()).sum();
    }

    private void move(PaymentStatus to, Instant now) {
        if (status != to && !status.canMoveTo(to)) {
            throw new IllegalStateException("payment " + id + " cannot move from " + status + " to " + to);
        }
        status = to;
        updatedAt = now;
        rowChanged = true;
    }

    private Operation add(OperationKind kind, OperationStatus opStatus, Money money, String reason, Actor actor,
                          String reference, Instant now) {
        String opId = Ids.next(kind.prefix());
        boolean sent = opStatus == OperationStatus.UNKNOWN;
        // if this process dies before the gateway answers, the reconciler finds the operation by its next check
        Operation op = new Operation(opId, kind, opStatus, money, reason, null, reference == null ? opId : reference,
                actor.id(), actor.name(), null, null, null, null, 0, sent ? now.plus(reconcileDelay.apply(0)) : null,
                sent ? now : null, now, now);
        operations.add(op);
        addedIds.add(opId);
        return op;
    }

    private void replace(Operation op) {
        for (int i = 0; i < operations.size(); i++) {
            if (operations.get(i).id().equals(op.id())) {
                operations.set(i, op);
                if (!addedIds.contains(op.id())) {
                    updatedIds.add(op.id());
                }
                return;
            }
        }
        throw new IllegalArgumentException("operation " + op.id() + " is not of payment " + id);
    }

    private void post(String key, String kind, String operationId, LedgerAccount from, LedgerAccount to, Money money) {
        postings.add(new Posting(key, kind, operationId, from, to, money));
    }

    private void note(String action, Map<String, Object> details) {
        note(action, id, details);
    }

    private void note(String action, String subject, Map<String, Object> details) {
        audit.add(new AuditNote(action, subject, new LinkedHashMap<>(details)));
    }

    private static String verb(Operation op) {
        return op.kind().name().toLowerCase(Locale.ROOT);
    }

    /** Hands what changed since the last call to the writer, and forgets it. */
    public Changes drainChanges() {
        Changes changes = new Changes(rowChanged, pick(addedIds), pick(updatedIds), List.copyOf(postings), List.copyOf(events),
                List.copyOf(audit), sessionChange, challenge);
        rowChanged = false;
        addedIds.clear();
        updatedIds.clear();
        postings.clear();
        events.clear();
        audit.clear();
        sessionChange = null;
        challenge = false;
        return changes;
    }

    private List<Operation> pick(Set<String> ids) {
        return operations.stream().filter(op -> ids.contains(op.id())).toList();
    }

    // ---- reads ----

    /** @throws IllegalArgumentException when the operation is not this payment's */
    public Operation operation(String operationId) {
        return operations.stream().filter(op -> op.id().equals(operationId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("operation " + operationId + " is not of payment " + id));
    }

    /** The authorization (or sale) operation; empty for a payment risk declined before the gateway. */
    public Optional<Operation> authorization() {
        return operations.stream().filter(Operation::authorizes).findFirst();
    }

    public List<Operation> operations() {
        return List.copyOf(operations);
    }

    public String id() {
        return id;
    }

    public String sessionId() {
        return sessionId;
    }

    public String orderId() {
        return orderId;
    }

    public String customerId() {
        return customerId;
    }

    public String agentId() {
        return agentId;
    }

    public PaymentStatus status() {
        return status;
    }

    public Money amount() {
        return amount;
    }

    public Money captured() {
        return captured;
    }

    public Money refunded() {
        return refunded;
    }

    public Card card() {
        return card;
    }

    public Risk risk() {
        return risk;
    }

    public String declineCode() {
        return declineCode;
    }

    public String acquirerReference() {
        return acquirerReference;
    }

    public String channel() {
        return channel;
    }

    public String clientIp() {
        return clientIp;
    }

    public boolean captureRequested() {
        return captureRequested;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    @Override
    public String toString() {
        return "Payment[" + id + " " + status + " " + amount + "]";
    }
}
