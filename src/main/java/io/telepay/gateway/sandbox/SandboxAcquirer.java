package io.telepay.gateway.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

import io.telepay.gateway.AuthorizationRequest;
import io.telepay.gateway.GatewayOutcome;
import io.telepay.gateway.GatewayResult;
import io.telepay.gateway.GatewayStatus;
import io.telepay.gateway.PaymentGateway;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import io.telepay.shared.Money;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * An acquirer that behaves like a real one, for the demo and the tests: API.md's test cards decide,
 * it keeps its own books (tables {@code sandbox_charge}, {@code sandbox_operation}, written in their
 * own transactions as if they were elsewhere), deduplicates on references, never captures above the
 * authorization or refunds above the capture, and can be made slow or lossy.
 *
 * <p>{@code 4000 0000 0000 0119} is approved and recorded, but the answer is lost: the caller sees
 * UNKNOWN and must ask {@link #status}. {@code telepay.gateway.sandbox.error-rate} loses that share of
 * all answers at random (half before the acquirer processed the call, half after).
 */
@Component
@ConditionalOnProperty(name = "telepay.gateway.provider", havingValue = "sandbox", matchIfMissing = true)
class SandboxAcquirer implements PaymentGateway {

    static final Map<String, String> DECLINING_CARDS = Map.of(
            "4000000000000002", "card_declined",
            "4000000000009995", "insufficient_funds",
            "4000000000000069", "expired_card");
    static final String ANSWER_LOST_CARD = "4000000000000119";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration latency;
    private final double errorRate;
    private final Random random;

    SandboxAcquirer(JdbcClient jdbc, Clock clock,
                    @Value("${telepay.gateway.sandbox.latency:PT0S}") Duration latency,
                    @Value("${telepay.gateway.sandbox.error-rate:0}") double errorRate,
                    @Value("${telepay.gateway.sandbox.seed:#{null}}") Long seed) {
        if (errorRate < 0 || errorRate > 1) {
            throw new IllegalArgumentException("telepay.gateway.sandbox.error-rate must be between 0 and 1");
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.latency = latency;
        this.errorRate = errorRate;
        this.random = seed == null ? new Random() : new Random(seed);
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public GatewayResult authorize(AuthorizationRequest request) {
        travel();
        if (lostBeforeProcessing()) {
            return GatewayResult.unknown();
        }
        Optional<GatewayResult> earlier = charge(request.reference(), false).map(Charge::result);
        if (earlier.isPresent()) {
            return lostAfterProcessing() ? GatewayResult.unknown() : earlier.get();
        }
        String pan = request.card().number().digits();
        String decline = DECLINING_CARDS.get(pan);
        Money amount = request.amount();
        String acquirerReference = "acq_" + Ids.randomToken(10);
        jdbc.sql("""
                insert into sandbox_charge (reference, acquirer_reference, amount_minor, currency, outcome, decline_code,
                                            captured_minor, refunded_minor, voided, brand, last4, created_at)
                values (:reference, :acq, :amount, :currency, :outcome, :decline, :captured, 0, false, :brand, :last4, :now)""")
                .param("reference", request.reference()).param("acq", acquirerReference)
                .param("amount", amount.minorUnits()).param("currency", amount.currencyCode())
                .param("outcome", decline == null ? "APPROVED" : "DECLINED").param("decline", decline)
                .param("captured", decline == null && request.capture() ? amount.minorUnits() : 0)
                .param("brand", request.card().number().brand().name()).param("last4", request.card().number().last4())
                .param("now", Db.ts(clock.instant()))
                .update();
        if (request.capture() && decline == null) {
            operation(request.reference() + ":sale", request.reference(), "CAPTURE", amount.minorUnits(), GatewayOutcome.APPROVED, null);
        }
        if (pan.equals(ANSWER_LOST_CARD) || lostAfterProcessing()) {
            return GatewayResult.unknown();
        }
        return decline == null ? GatewayResult.approved(acquirerReference) : GatewayResult.declined(decline);
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public GatewayResult capture(String reference, String operationReference, Money amount) {
        return operate(reference, operationReference, "CAPTURE", amount, charge -> {
            if (charge.voided()) {
                return "authorization_voided";
            }
            return charge.captured() + amount.minorUnits() > charge.amount() ? "capture_exceeds_authorization" : null;
        }, "captured_minor = captured_minor + :amount");
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public GatewayResult voidAuthorization(String reference, String operationReference) {
        return operate(reference, operationReference, "VOID", null, charge -> {
            // after a partial capture a void releases the rest; nothing is left to release once all is captured
            if (charge.captured() >= charge.amount()) {
                return "already_captured";
            }
            return charge.voided() ? "already_voided" : null;
        }, "voided = true");
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public GatewayResult refund(String reference, String operationReference, Money amount) {
        return operate(reference, operationReference, "REFUND", amount,
                charge -> charge.refunded() + amount.minorUnits() > charge.captured() ? "refund_exceeds_capture" : null,
                "refunded_minor = refunded_minor + :amount");
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW, readOnly = true)
    public GatewayStatus status(String reference) {
        return charge(reference, false)
                .map(c -> new GatewayStatus(c.outcome(), c.declineCode(), Money.ofMinor(c.amount(), Money.currency(c.currency())),
                        Money.ofMinor(c.captured(), Money.currency(c.currency())), c.voided()))
                .orElse(GatewayStatus.notFound());
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW, readOnly = true)
    public GatewayOutcome operationStatus(String operationReference) {
        return jdbc.sql("select outcome from sandbox_operation where operation_reference = :ref")
                .param("ref", operationReference).query(String.class).optional()
                .map(GatewayOutcome::valueOf).orElse(GatewayOutcome.NOT_FOUND);
    }

    private interface Rule {
        /** The decline code when the operation must be refused, else null. */
        String check(Charge charge);
    }

    private GatewayResult operate(String reference, String operationReference, String kind, Money amount, Rule rule, String update) {
        travel();
        if (lostBeforeProcessing()) {
            return GatewayResult.unknown();
        }
        var earlier = jdbc.sql("select outcome, decline_code from sandbox_operation where operation_reference = :ref")
                .param("ref", operationReference)
                .query((rs, n) -> new GatewayResult(GatewayOutcome.valueOf(rs.getString("outcome")), rs.getString("decline_code"),
                        operationReference))
                .optional();
        if (earlier.isPresent()) {
            return earlier.get();
        }
        // the charge row lock makes concurrent parts add up at the acquirer too
        Optional<Charge> charge = charge(reference, true);
        if (charge.isEmpty() || charge.get().outcome() != GatewayOutcome.APPROVED) {
            return GatewayResult.declined("no_such_authorization");
        }
        if (amount != null && !amount.currencyCode().equals(charge.get().currency())) {
            return GatewayResult.declined("currency_mismatch");
        }
        String decline = rule.check(charge.get());
        long minor = amount == null ? 0 : amount.minorUnits();
        if (decline == null) {
            jdbc.sql("update sandbox_charge set " + update + " where reference = :reference")
                    .param("amount", minor).param("reference", reference).update();
        }
        operation(operationReference, reference, kind, minor, decline == null ? GatewayOutcome.APPROVED : GatewayOutcome.DECLINED, decline);
        if (lostAfterProcessing()) {
            return GatewayResult.unknown();
        }
        return decline == null ? GatewayResult.approved(operationReference) : GatewayResult.declined(decline);
    }

    private void operation(String operationReference, String reference, String kind, long amount, GatewayOutcome outcome, String decline) {
        jdbc.sql("""
                insert into sandbox_operation (operation_reference, charge_reference, kind, amount_minor, outcome, decline_code, created_at)
                values (:op, :ref, :kind, :amount, :outcome, :decline, :now)""")
                .param("op", operationReference).param("ref", reference).param("kind", kind).param("amount", amount)
                .param("outcome", outcome.name()).param("decline", decline).param("now", Db.ts(clock.instant()))
                .update();
    }

    private Optional<Charge> charge(String reference, boolean lock) {
        return jdbc.sql("select * from sandbox_charge where reference = :reference" + (lock ? " for update" : ""))
                .param("reference", reference)
                .query((rs, n) -> new Charge(GatewayOutcome.valueOf(rs.getString("outcome")), rs.getString("decline_code"),
                        rs.getString("acquirer_reference"), rs.getLong("amount_minor"), rs.getString("currency"),
                        rs.getLong("captured_minor"), rs.getLong("refunded_minor"), rs.getBoolean("voided")))
                .optional();
    }

    private record Charge(GatewayOutcome outcome, String declineCode, String acquirerReference, long amount, String currency,
                          long captured, long refunded, boolean voided) {
        GatewayResult result() {
            return outcome == GatewayOutcome.APPROVED ? GatewayResult.approved(acquirerReference) : GatewayResult.declined(declineCode);
        }
    }

    /** The configured network and processing time of a real acquirer. */
    private void travel() {
        if (!latency.isZero()) {
            LockSupport.parkNanos(latency.toNanos());
        }
    }

    private synchronized boolean lostBeforeProcessing() {
        return errorRate > 0 && random.nextDouble() < errorRate / 2;
    }

    private synchronized boolean lostAfterProcessing() {
        return errorRate > 0 && random.nextDouble() < errorRate / 2;
    }
}
