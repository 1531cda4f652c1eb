package io.telepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.telepay.gateway.AuthorizationRequest;
import io.telepay.gateway.GatewayResult;
import io.telepay.gateway.PaymentGateway;
import io.telepay.shared.Actor;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import io.telepay.shared.Money;
import io.telepay.shared.Role;
import io.telepay.shared.TelepayProblem;
import io.telepay.testing.GatewayFaults;
import io.telepay.testing.Sales;
import io.telepay.testing.SystemTest;
import io.telepay.vault.CardVault;
import io.telepay.vault.PresentedCard;
import io.telepay.vault.StoredCard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Randomized sequences of authorizations, sales, captures, voids, refunds (approved, rejected, pending),
 * chargebacks, lost acquirer answers and reconciler runs, straight against the service layer. After every
 * step the ledger's entries sum to zero per currency, each payment's balances agree with its row and its
 * limits hold; after every sequence, once the reconciler has settled everything, the acquirer's books
 * agree. A failure names the seed: rerun with {@code -Dledger.seed=<seed>}; {@code -Dledger.sequences=N}
 * runs more.
 */
class LedgerInvariantSystemTest extends SystemTest {

    private static final String[] CURRENCIES = {"TWD", "JPY", "USD"};

    @Autowired
    PaymentOperations operations;

    @Autowired
    GatewayExchange exchange;

    @Autowired
    Reconciler reconciler;

    @Autowired
    Ledger ledger;

    @Autowired
    PaymentGateway gateway;

    @Autowired
    CardVault vault;

    private final Actor requester = new Actor("usr_ledger_requester", "ledger requester", Role.ADMIN, null, null);
    private final Actor approver = new Actor("usr_ledger_approver", "ledger approver", Role.ADMIN, null, null);

    @AfterEach
    void clear() {
        gatewayFaults.clear();
        SecurityContextHolder.clearContext();
    }

    @Test
    void postingsSumToZeroAndAgreeWithPaymentsAfterEveryStep() {
        long seed = Long.getLong("ledger.seed", System.nanoTime());
        int sequences = Integer.getInteger("ledger.sequences", 1000);
        Sales sales = new Sales(this);
        Sales.Sale sale = sales.confirmedOrder("100.00", "TWD");
        String sessionId = sale.asAgent().post("/api/v1/orders/" + sale.orderId() + "/payment-sessions", Map.of("channel", "LINK"))
                .json().get("id").asString();
        PresentedCard card = PresentedCard.parse("4242424242424242", "12/39", "123", null, clock);
        StoredCard stored = vault.tokenize(card);
        long started = System.nanoTime();
        int steps = 0;
        for (int i = 0; i < sequences; i++) {
            long sequenceSeed = seed + i;
            try {
                steps += sequence(new Random(sequenceSeed), sale, sessionId, card, stored);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("ledger invariant broken in sequence " + i + ": rerun with -Dledger.seed=" + sequenceSeed
                        + " -Dledger.sequences=1 (run seed " + seed + ")", e);
            }
        }
        System.out.printf("ledger invariants: %d sequences, %d steps, seed %d, %d ms%n", sequences, steps, seed,
                (System.nanoTime() - started) / 1_000_000);
    }

    private int sequence(Random random, Sales.Sale sale, String sessionId, PresentedCard card, StoredCard stored) {
        as(requester);
        String currency = CURRENCIES[random.nextInt(CURRENCIES.length)];
        var units = Money.currency(currency);
        // JPY 1..30000 (above the 10000 approval threshold sometimes), TWD/USD 0.01..300.00
        long amountMinor = 1 + random.nextInt(currency.equals("JPY") ? 30_000 : 30_000);
        Money amount = Money.ofMinor(amountMinor, units);
        String paymentId = authorize(sale, sessionId, card, stored, amount, random.nextBoolean());
        check(paymentId);
        List<String> pending = new ArrayList<>();
        int steps = 1 + random.nextInt(8);
        for (int step = 0; step < steps; step++) {
            GatewayFaults.Fault fault = random.nextInt(6) == 0
                    ? (random.nextBoolean() ? GatewayFaults.Fault.LOSE_ANSWER : GatewayFaults.Fault.BREAK_BEFORE)
                    : GatewayFaults.Fault.NONE;
            gatewayFaults.onOperations(fault);
            try {
                switch (random.nextInt(7)) {
                    case 0 -> operations.capture(paymentId, random.nextInt(3) == 0 ? null : some(random, amountMinor, units));
                    case 1 -> operations.voidPayment(paymentId);
                    case 2, 3 -> {
                        OperationView refund = operations.refund(paymentId, some(random, amountMinor, units), "random refund");
                        if (refund.status() == OperationStatus.PENDING_APPROVAL) {
                            pending.add(refund.id());
                        }
                    }
                    case 4 -> operations.chargeback(paymentId, some(random, amountMinor / 2 + 1, units),
                            random.nextBoolean() ? "fraud" : "not received");
                    case 5 -> {
                        if (!pending.isEmpty()) {
                            String refundId = pending.remove(random.nextInt(pending.size()));
                            as(approver);
                            if (random.nextBoolean()) {
                                operations.approve(refundId, null);
                            } else {
                                operations.reject(refundId, null);
                            }
                        }
                    }
                    default -> reconcile(paymentId);
                }
            } catch (TelepayProblem refused) {
                // a refused command (over a limit, wrong state) must change nothing: checked below
            } finally {
                gatewayFaults.clear();
                as(requester);
            }
            check(paymentId);
        }
        // past the grace after which an operation the acquirer never saw is failed (TELEPAY_NOT_FOUND_GRACE)
        clock.advance(java.time.Duration.ofMinutes(6));
        reconcile(paymentId);
        check(paymentId);
        agreesWithTheAcquirer(paymentId);
        return steps + 1;
    }

    private static Money some(Random random, long around, java.util.Currency units) {
        // sometimes above what is left, to try the limits
        return Money.ofMinor(1 + (long) (random.nextDouble() * around * 0.7), units);
    }

    private String authorize(Sales.Sale sale, String sessionId, PresentedCard card, StoredCard stored, Money amount, boolean sale_) {
        String paymentId = Ids.next("pay_");
        jdbc.sql("""
                insert into payment (id, session_id, order_id, customer_id, agent_id, status, currency, amount_minor,
                    card_token, card_fingerprint, card_brand, card_bin, card_last4, card_exp_month, card_exp_year,
                    risk_action, risk_score, risk_reasons, channel, capture_requested, created_at, updated_at)
                values (:id, :session, :order, :customer, :agent, 'UNKNOWN', :currency, :amount, :token, :fingerprint,
                    :brand, :bin, :last4, 12, 2039, 'ALLOW', 0, '', 'LINK', :capture, :now, :now)""")
                .param("id", paymentId).param("session", sessionId).param("order", sale.orderId())
                .param("customer", sale.customerId()).param("agent", sale.agent().id()).param("currency", amount.currencyCode())
                .param("amount", amount.minorUnits()).param("token", stored.token()).param("fingerprint", stored.fingerprint())
                .param("brand", stored.brand().name()).param("bin", stored.bin()).param("last4", stored.last4())
                .param("capture", sale_).param("now", Db.ts(clock.instant())).update();
        String authorization = PaymentFixtures.authorization(jdbc, paymentId, amount, sale_, clock.instant());
        GatewayResult result = gateway.authorize(new AuthorizationRequest(paymentId, amount, card, sale_));
        exchange.record(paymentId, authorization, result);
        return paymentId;
    }

    /** Makes everything unknown about the payment due now and runs the reconciler. */
    private void reconcile(String paymentId) {
        jdbc.sql("update payment_operation set next_reconcile_at = :now where payment_id = :p and status = 'UNKNOWN'")
                .param("now", Db.ts(clock.instant().minusSeconds(1))).param("p", paymentId).update();
        reconciler.reconcileDue();
    }

    private void check(String paymentId) {
        assertThat(ledger.totalsByCurrency().values()).as("sum of all postings per currency").containsOnly(0L);
        var row = jdbc.sql("select status, amount_minor, captured_minor, refunded_minor from payment where id = :id")
                .param("id", paymentId)
                .query((rs, n) -> new long[] {rs.getString("status").equals("VOIDED") ? 1 : 0, rs.getLong("amount_minor"),
                        rs.getLong("captured_minor"), rs.getLong("refunded_minor")})
                .single();
        boolean voided = row[0] == 1;
        long amount = row[1];
        long captured = row[2];
        long refunded = row[3];
        assertThat(captured).as("captured ≤ authorized").isBetween(0L, amount);
        assertThat(refunded).as("refunded ≤ captured").isBetween(0L, captured);
        // a void after a partial capture releases the rest of the authorization
        boolean restReleased = !voided && jdbc.sql("""
                select count(*) from payment_operation where payment_id = :p and kind = 'VOID' and status = 'SUCCEEDED'""")
                .param("p", paymentId).query(Long.class).single() > 0;
        Map<LedgerAccount, Money> balances = ledger.balances(paymentId);
        assertThat(minor(balances, LedgerAccount.AUTHORIZED)).as("authorized balance")
                .isEqualTo(voided || restReleased ? 0 : amount - captured);
        assertThat(minor(balances, LedgerAccount.CAPTURED)).as("captured balance").isEqualTo(captured - refunded);
        assertThat(minor(balances, LedgerAccount.REFUNDED) + minor(balances, LedgerAccount.CHARGED_BACK)).as("returned")
                .isEqualTo(refunded);
        assertThat(balances.values().stream().mapToLong(Money::minorUnits).sum()).as("payment's postings").isZero();
    }

    private void agreesWithTheAcquirer(String paymentId) {
        long unknown = jdbc.sql("select count(*) from payment_operation where payment_id = :p and status = 'UNKNOWN'")
                .param("p", paymentId).query(Long.class).single();
        assertThat(unknown).as("the reconciler settled every operation").isZero();
        var acquirer = jdbc.sql("select captured_minor, refunded_minor, voided from sandbox_charge where reference = :p")
                .param("p", paymentId)
                .query((rs, n) -> new long[] {rs.getLong("captured_minor"), rs.getLong("refunded_minor"), rs.getBoolean("voided") ? 1 : 0})
                .single();
        var ours = jdbc.sql("select captured_minor, status from payment where id = :p").param("p", paymentId)
                .query((rs, n) -> new long[] {rs.getLong("captured_minor"), rs.getString("status").equals("VOIDED") ? 1 : 0})
                .single();
        long released = jdbc.sql("select count(*) from payment_operation where payment_id = :p and kind = 'VOID' and status = 'SUCCEEDED'")
                .param("p", paymentId).query(Long.class).single();
        long refundsDone = jdbc.sql("""
                select coalesce(sum(amount_minor), 0) from payment_operation where payment_id = :p and kind = 'REFUND' and status = 'SUCCEEDED'""")
                .param("p", paymentId).query(Long.class).single();
        assertThat(acquirer[0]).as("captured at the acquirer").isEqualTo(ours[0]);
        assertThat(acquirer[1]).as("refunded at the acquirer").isEqualTo(refundsDone);
        assertThat(acquirer[2]).as("voided (or its rest released) at the acquirer").isEqualTo(released > 0 ? 1 : 0);
        assertThat(ours[1]).as("VOIDED only when nothing was captured").isEqualTo(released > 0 && ours[0] == 0 ? 1 : 0);
    }

    private static long minor(Map<LedgerAccount, Money> balances, LedgerAccount account) {
        Money balance = balances.get(account);
        return balance == null ? 0 : balance.minorUnits();
    }

    private static void as(Actor actor) {
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(actor, null, List.of()));
    }
}
