package io.telepay.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import io.telepay.gateway.GatewayOutcome;
import io.telepay.gateway.GatewayResult;
import io.telepay.shared.Actor;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.Money;
import io.telepay.shared.Role;
import io.telepay.shared.RuleViolation;
import io.telepay.shared.StateConflict;
import org.junit.jupiter.api.Test;

/**
 * Walks every state a payment can reach — from each kind of attempt, through every command and every gateway
 * answer to it — and checks at each step that the move was one the transition table allows, that the money
 * adds up (captured ≤ authorized, returned ≤ captured, the ledger's postings agree with the payment and sum to
 * zero), that a command either records an operation or refuses with a named outcome, and that an answer
 * applied twice changes nothing. Plain JUnit, no database.
 */
class PaymentTest {

    private static final Instant T0 = Instant.parse("2026-12-01T02:00:00Z");
    private static final Money AMOUNT = Money.of("15000.00", "TWD");
    private static final Money PART = Money.of("4000.00", "TWD");
    private static final BigDecimal THRESHOLD = new BigDecimal("10000");
    private static final Actor AGENT = new Actor("usr_agent", "agent", Role.AGENT, "team", "usr_agent");
    private static final Actor SUPERVISOR = new Actor("usr_super", "supervisor", Role.SUPERVISOR, "team", "usr_super");
    private static final List<GatewayResult> ANSWERS = List.of(GatewayResult.approved("acq_1"),
            GatewayResult.declined("card_declined"), new GatewayResult(GatewayOutcome.NOT_FOUND, null, null),
            GatewayResult.unknown());

    /** A step from one state to the next: a command, then (for what it sent) the gateway's answer. */
    private record Step(String name, BiFunction<Payment, Instant, Payment.Operation> command) {
    }

    private static final List<Step> COMMANDS = List.of(
            new Step("capture all", (p, now) -> p.capture(null, AGENT, now)),
            new Step("capture part", (p, now) -> p.capture(PART, AGENT, now)),
            new Step("capture too much", (p, now) -> p.capture(AMOUNT.plus(PART), AGENT, now)),
            new Step("release", (p, now) -> p.release(SUPERVISOR, now)),
            new Step("void", (p, now) -> p.voidAuthorization(AGENT, now)),
            new Step("refund part", (p, now) -> p.refund(PART, "damaged", AGENT, THRESHOLD, now)),
            new Step("refund all", (p, now) -> p.refund(p.captured(), "cancelled", AGENT, THRESHOLD, now)),
            new Step("refund too much", (p, now) -> p.refund(AMOUNT.plus(PART), "cancelled", AGENT, THRESHOLD, now)),
            new Step("chargeback part", (p, now) -> p.chargeback(PART, "fraud: stolen card", AGENT, now)),
            new Step("approve refund", (p, now) -> p.approve(pending(p), SUPERVISOR, "ok", now)),
            new Step("reject refund", (p, now) -> p.reject(pending(p), SUPERVISOR, "no", now)),
            new Step("approve own refund", (p, now) -> p.approve(pending(p), AGENT, "mine", now)),
            new Step("customer confirms", (p, now) -> p.challengeAnswered(true, SUPERVISOR, now).orElse(null)),
            new Step("customer denies", (p, now) -> p.challengeAnswered(false, SUPERVISOR, now).orElse(null)));

    /** A payment and the ledger's balances its postings so far add up to. */
    private record State(Payment payment, Map<LedgerAccount, Long> ledger) {
    }

    @Test
    void everyReachableStateKeepsTheMoneyExactAndMovesOnlyAsTheTableAllows() {
        Deque<State> todo = new ArrayDeque<>();
        for (String risk : List.of("ALLOW", "REVIEW", "CHALLENGE", "BLOCK")) {
            for (boolean sale : List.of(true, false)) {
                for (Payment payment : List.of(Payment.attempt(attempt(risk, sale), T0, PaymentTest::delay),
                        Payment.hosted(hostedAttempt(risk, sale), T0, PaymentTest::delay))) {
                    State start = new State(payment, new EnumMap<>(LedgerAccount.class));
                    apply(start, payment.drainChanges());
                    todo.add(start);
                }
            }
        }
        Set<String> seen = new HashSet<>();
        Set<PaymentStatus> reached = EnumSet.noneOf(PaymentStatus.class);
        int steps = 0;
        while (!todo.isEmpty()) {
            State state = todo.poll();
            if (!seen.add(signature(state.payment()))) {
                continue;
            }
            reached.add(state.payment().status());
            Instant now = T0.plusSeconds(seen.size());
            // answer whatever is UNKNOWN, each way
            for (Payment.Operation op : state.payment().operations()) {
                if (op.status() == OperationStatus.UNKNOWN) {
                    for (GatewayResult answer : ANSWERS) {
                        todo.add(answered(state, op.id(), answer, now));
                        steps++;
                    }
                }
            }
            // and try every command, as far as five operations deep
            for (Step step : state.payment().operations().size() < 5 ? COMMANDS : List.<Step>of()) {
                State next = copy(state);
                PaymentStatus before = next.payment().status();
                Payment.Operation recorded;
                try {
                    recorded = step.command().apply(next.payment(), now);
                } catch (StateConflict | RuleViolation | InvalidInput | SecondPersonRequired | io.telepay.shared.NotFound refused) {
                    assertThat(next.payment().drainChanges().added()).as(step.name() + " refused records nothing").isEmpty();
                    continue;
                }
                steps++;
                Payment.Changes changes = next.payment().drainChanges();
                assertThat(next.payment().status()).as("a command only records; the answer moves the payment").isEqualTo(before);
                if (recorded != null) {
                    assertThat(changes.added().size() + changes.updated().size()).as(step.name()).isPositive();
                    assertThat(recorded.status()).isIn(OperationStatus.UNKNOWN, OperationStatus.PENDING_APPROVAL,
                            OperationStatus.REJECTED);
                }
                apply(next, changes);
                todo.add(next);
            }
        }
        assertThat(reached).as("every status is reached").containsExactlyInAnyOrder(PaymentStatus.values());
        assertThat(steps).isGreaterThan(1_000);
    }

    @Test
    void aSplitRefundAboveTheThresholdWaitsForASecondPerson() {
        Payment payment = captured();
        Payment.Operation first = payment.refund(Money.of("10000.00", "TWD"), "part", AGENT, THRESHOLD, T0);
        assertThat(first.status()).isEqualTo(OperationStatus.UNKNOWN);
        payment.answer(first.id(), GatewayResult.approved("acq"), T0);
        Payment.Operation second = payment.refund(Money.of("5000.00", "TWD"), "rest", AGENT, THRESHOLD, T0);
        assertThat(second.status()).isEqualTo(OperationStatus.PENDING_APPROVAL);
        assertThat(payment.drainChanges().events()).anyMatch(RefundRequested.class::isInstance);
    }

    @Test
    void aPendingRefundCountsAgainstWhatIsLeftAndARejectionFreesIt() {
        Payment payment = captured();
        Payment.Operation big = payment.refund(Money.of("12000.00", "TWD"), "big", AGENT, THRESHOLD, T0);
        assertThat(big.status()).isEqualTo(OperationStatus.PENDING_APPROVAL);
        assertThatThrownBy(() -> payment.refund(Money.of("3000.01", "TWD"), "more", AGENT, THRESHOLD, T0))
                .isInstanceOf(RefundExceedsCapture.class).hasMessageContaining("3000.00");
        assertThatThrownBy(() -> payment.approve(big.id(), AGENT, null, T0)).isInstanceOf(SecondPersonRequired.class);
        payment.reject(big.id(), SUPERVISOR, "no", T0);
        assertThat(payment.refund(Money.of("3000.01", "TWD"), "more", AGENT, THRESHOLD, T0).status())
                .isEqualTo(OperationStatus.UNKNOWN);
    }

    @Test
    void aCaptureAboveWhatIsLeftIsRefusedByName() {
        Payment payment = authorized();
        Payment.Operation part = payment.capture(Money.of("14000.00", "TWD"), AGENT, T0);
        assertThatThrownBy(() -> payment.capture(Money.of("1000.01", "TWD"), AGENT, T0))
                .isInstanceOf(CaptureExceedsAuthorization.class).hasMessageContaining("1000.00");
        payment.answer(part.id(), GatewayResult.approved("acq"), T0);
        assertThat(payment.status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(payment.captured()).isEqualTo(Money.of("14000.00", "TWD"));
    }

    @Test
    void aHostedPaymentIsRecordedWithItsSaleEvenWhenRiskBlocksBecauseThePlatformAlreadyCharged() {
        Payment payment = Payment.hosted(hostedAttempt("BLOCK", true), T0, PaymentTest::delay);
        assertThat(payment.status()).isEqualTo(PaymentStatus.UNKNOWN);
        Payment.Operation sale = payment.authorization().orElseThrow();
        assertThat(sale.kind()).isEqualTo(OperationKind.SALE);
        assertThat(sale.acquirerReference()).isEqualTo(payment.id());
        payment.drainChanges();

        payment.answer(sale.id(), GatewayResult.approved("pi_1"), T0);
        assertThat(payment.status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(payment.drainChanges().session()).isInstanceOf(Payment.SessionChange.Completed.class);
        // risk then refunds it after the fact, like any refund
        Payment.Operation refund = payment.refund(payment.captured(), "risk_blocked", Actor.SYSTEM, BigDecimal.valueOf(Long.MAX_VALUE), T0);
        assertThat(refund.status()).isEqualTo(OperationStatus.UNKNOWN);

        Payment attempt = Payment.attempt(attempt("BLOCK", true), T0, PaymentTest::delay);
        assertThat(attempt.status()).as("on Telepay's own pay page a block stops the card before the gateway")
                .isEqualTo(PaymentStatus.DECLINED);
    }

    @Test
    void aDeclinedAuthorizationDeclinesThePaymentAndTellsTheSession() {
        Payment payment = Payment.attempt(attempt("ALLOW", true), T0, PaymentTest::delay);
        payment.drainChanges();
        payment.answer(payment.authorization().orElseThrow().id(), GatewayResult.declined("insufficient_funds"), T0);
        Payment.Changes changes = payment.drainChanges();
        assertThat(payment.status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(payment.declineCode()).isEqualTo("insufficient_funds");
        assertThat(changes.session()).isEqualTo(new Payment.SessionChange.Declined("insufficient_funds"));
        assertThat(changes.postings()).isEmpty();
        assertThat(changes.events()).singleElement().isInstanceOf(PaymentDeclined.class);
    }

    @Test
    void anUnknownAnswerAsksAgainFurtherApart() {
        Payment payment = Payment.attempt(attempt("ALLOW", true), T0, PaymentTest::delay);
        String sale = payment.authorization().orElseThrow().id();
        assertThat(payment.operation(sale).nextReconcileAt()).isEqualTo(T0.plus(delay(0)));
        payment.stillUnknown(sale, T0.plusSeconds(1));
        assertThat(payment.operation(sale).reconcileAttempts()).as("not due yet: another run asked").isZero();
        Instant due = T0.plus(delay(0));
        payment.stillUnknown(sale, due);
        assertThat(payment.operation(sale).reconcileAttempts()).isEqualTo(1);
        assertThat(payment.operation(sale).nextReconcileAt()).isEqualTo(due.plus(delay(1)));
    }

    // ---- the walk ----

    private static State answered(State state, String operationId, GatewayResult answer, Instant now) {
        State next = copy(state);
        Payment payment = next.payment();
        PaymentStatus before = payment.status();
        payment.answer(operationId, answer, now);
        assertThat(before == payment.status() || before.canMoveTo(payment.status()))
                .as(before + " → " + payment.status()).isTrue();
        apply(next, payment.drainChanges());
        String again = signature(payment);
        payment.answer(operationId, answer, now.plusSeconds(1));
        Payment.Changes repeat = payment.drainChanges();
        if (answer.outcome() != GatewayOutcome.UNKNOWN) {
            assertThat(signature(payment)).as("an answer applied twice changes nothing").isEqualTo(again);
            assertThat(repeat.postings()).isEmpty();
            assertThat(repeat.events()).isEmpty();
        }
        return next;
    }

    /** Adds the postings to the ledger and checks it against the payment. */
    private static void apply(State state, Payment.Changes changes) {
        Map<LedgerAccount, Long> ledger = state.ledger();
        for (Payment.Posting posting : changes.postings()) {
            assertThat(posting.amount().isPositive()).isTrue();
            ledger.merge(posting.from(), -posting.amount().minorUnits(), Long::sum);
            ledger.merge(posting.to(), posting.amount().minorUnits(), Long::sum);
        }
        Payment payment = state.payment();
        long amount = payment.amount().minorUnits();
        long captured = payment.captured().minorUnits();
        long refunded = payment.refunded().minorUnits();
        assertThat(captured).as("captured ≤ authorized").isBetween(0L, amount);
        assertThat(refunded).as("returned ≤ captured").isBetween(0L, captured);
        assertThat(ledger.values().stream().mapToLong(Long::longValue).sum()).as("postings sum to zero").isZero();
        assertThat(ledger.getOrDefault(LedgerAccount.CAPTURED, 0L)).as("captured balance").isEqualTo(captured - refunded);
        assertThat(ledger.getOrDefault(LedgerAccount.REFUNDED, 0L) + ledger.getOrDefault(LedgerAccount.CHARGED_BACK, 0L))
                .as("returned").isEqualTo(refunded);
        boolean released = payment.operations().stream()
                .anyMatch(op -> op.kind() == OperationKind.VOID && op.status() == OperationStatus.SUCCEEDED);
        boolean authorized = payment.operations().stream().anyMatch(op -> op.authorizes() && op.status() == OperationStatus.SUCCEEDED);
        assertThat(ledger.getOrDefault(LedgerAccount.AUTHORIZED, 0L)).as("authorized balance")
                .isEqualTo(!authorized || released ? 0 : amount - captured);
        long held = payment.operations().stream().filter(op -> op.kind() == OperationKind.CAPTURE && op.status().holdsAmount())
                .mapToLong(op -> op.amount().minorUnits()).sum();
        assertThat(held).as("captures under way never exceed the authorization").isLessThanOrEqualTo(amount);
        long returning = payment.operations().stream()
                .filter(op -> (op.kind() == OperationKind.REFUND || op.kind() == OperationKind.CHARGEBACK) && op.status().holdsAmount())
                .mapToLong(op -> op.amount().minorUnits()).sum();
        assertThat(returning).as("refunds under way never exceed the capture").isLessThanOrEqualTo(captured);
        if (payment.status() == PaymentStatus.VOIDED) {
            assertThat(captured).isZero();
        }
    }

    private static String signature(Payment payment) {
        // the operations as a set: the same operations in another order are the same state
        return payment.risk().action() + "/" + payment.captureRequested() + "/" + payment.status() + "/" + payment.captured()
                + "/" + payment.refunded() + "/" + payment.operations().stream()
                .map(op -> op.kind() + ":" + op.status() + ":" + op.amount().minorUnits()).sorted().toList();
    }

    private static State copy(State state) {
        Payment p = state.payment();
        Payment copy = new Payment(p.id(), p.sessionId(), p.orderId(), p.customerId(), p.agentId(), p.status(), p.amount(),
                p.captured(), p.refunded(), p.card(), p.risk(), p.declineCode(), p.acquirerReference(), p.channel(), p.clientIp(),
                p.captureRequested(), p.createdAt(), p.updatedAt(), p.operations(), PaymentTest::delay);
        return new State(copy, new EnumMap<>(state.ledger()));
    }

    private static String pending(Payment payment) {
        return payment.operations().stream().filter(op -> op.status() == OperationStatus.PENDING_APPROVAL)
                .map(Payment.Operation::id).findFirst()
                .orElseThrow(() -> new StateConflict("no refund waits for approval"));
    }

    private static Payment captured() {
        Payment payment = Payment.attempt(attempt("ALLOW", true), T0, PaymentTest::delay);
        payment.answer(payment.authorization().orElseThrow().id(), GatewayResult.approved("acq"), T0);
        payment.drainChanges();
        return payment;
    }

    private static Payment authorized() {
        Payment payment = Payment.attempt(attempt("ALLOW", false), T0, PaymentTest::delay);
        payment.answer(payment.authorization().orElseThrow().id(), GatewayResult.approved("acq"), T0);
        payment.drainChanges();
        return payment;
    }

    private static Payment.Attempt attempt(String risk, boolean sale) {
        return new Payment.Attempt("pay_" + risk.toLowerCase() + sale, "ps_1", "ord_1", "cus_1", "usr_agent", AMOUNT,
                new Payment.Card("tok_1", "fp_1", "VISA", "424242", "4242", 12, 2030),
                new Payment.Risk(risk, 10, List.of()), "LINK", "203.0.113.7", sale);
    }

    /** A payment made on a platform's hosted page: the card is known by the platform's facts only. */
    private static Payment.Attempt hostedAttempt(String risk, boolean sale) {
        return new Payment.Attempt("pay_hosted_" + risk.toLowerCase() + sale, "ps_2", "ord_2", "cus_1", "usr_agent", AMOUNT,
                new Payment.Card("pm_1", "ab".repeat(32), "visa", "", "4242", 12, 2030),
                new Payment.Risk(risk, 90, List.of("card is on the block list")), "LINK", null, sale);
    }

    private static Duration delay(int attempts) {
        return Duration.ofMinutes(1L << Math.min(attempts, 10));
    }
}
