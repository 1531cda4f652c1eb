package io.telepay.payment;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;

import io.telepay.customer.Contact;
import io.telepay.customer.CustomerDirectory;
import io.telepay.order.OrderLine;
import io.telepay.order.OrderStatus;
import io.telepay.order.OrderView;
import io.telepay.order.Orders;
import io.telepay.payment.internal.PaymentStore;
import io.telepay.payment.internal.SessionRow;
import io.telepay.risk.RiskAction;
import io.telepay.risk.RiskDecision;
import io.telepay.risk.RiskEngine;
import io.telepay.risk.RiskSubject;
import io.telepay.shared.Ids;
import io.telepay.shared.NotFound;
import io.telepay.vault.CardVault;
import io.telepay.vault.PresentedCard;
import io.telepay.vault.StoredCard;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pay step: a card presented on the pay page or the keypad becomes a payment. Two short
 * transactions around one gateway call: the first locks the session, tokenizes the card, screens it
 * and records the payment UNKNOWN with its authorization (so a crash mid-call leaves an operation the
 * reconciler resolves); the second records the acquirer's answer, the order and the session
 * ({@link GatewayExchange#record}). The CVC is in memory only, in the {@link PresentedCard} handed to the gateway.
 */
@Service
public class Checkout {

    private final TransactionTemplate tx;
    private final PaymentStore store;
    private final Orders orders;
    private final CustomerDirectory customers;
    private final CardVault vault;
    private final RiskEngine risk;
    private final GatewayExchange exchange;
    private final ReconcileSchedule schedule;
    private final Clock clock;
    private final boolean autoCapture;

    Checkout(TransactionTemplate tx, PaymentStore store, Orders orders, CustomerDirectory customers, CardVault vault,
             RiskEngine risk, GatewayExchange exchange, ReconcileSchedule schedule, Clock clock,
             @Value("${telepay.payment.auto-capture:true}") boolean autoCapture) {
        this.tx = tx;
        this.store = store;
        this.orders = orders;
        this.customers = customers;
        this.vault = vault;
        this.risk = risk;
        this.exchange = exchange;
        this.schedule = schedule;
        this.clock = clock;
        this.autoCapture = autoCapture;
    }

    /**
     * Where the card came from. {@code clientIp} for the pay page, null for the keypad; {@code deviceId}
     * the pay page's device cookie (risk counts cards per device), or null.
     */
    public record Origin(String channel, String clientIp, String deviceId) {

        public Origin(String channel, String clientIp) {
            this(channel, clientIp, null);
        }
    }

    /** Which session: by the pay link's token or, for the keypad, by id. */
    public sealed interface SessionKey {
        record Token(String token) implements SessionKey {
        }

        record Id(String sessionId) implements SessionKey {
        }
    }

    /**
     * Charges the session's amount to the card, once. A second submit while the first is with the
     * acquirer answers PENDING with the same payment; after success the session is used up (410).
     *
     * @throws NotFound   for an unknown token or session
     * @throws SessionGone when the session is used, failed or expired, or its order can no longer be paid
     */
    public PayResult pay(SessionKey key, PresentedCard card, Origin origin) {
        Attempt attempt = tx.execute(status -> begin(key, card, origin));
        if (attempt.answer() != null) {
            return attempt.answer();
        }
        GatewayExchange.Recorded answered = exchange.authorize(attempt.payment(), card);
        SessionRow session = answered.session() != null ? answered.session()
                : store.findSession(answered.payment().sessionId()).orElseThrow();
        return answerFor(answered.payment(), session);
    }

    private record Attempt(Payment payment, PayResult answer) {
    }

    private Attempt begin(SessionKey key, PresentedCard card, Origin origin) {
        SessionRow session = lock(key);
        Instant now = clock.instant();
        if (session.status() != SessionStatus.OPEN) {
            throw new SessionGone(switch (session.status()) {
                case COMPLETED -> "This payment link has been used; the payment was received";
                case FAILED -> "This payment link can no longer be used";
                default -> "This payment link has expired";
            });
        }
        if (session.inFlightPayment() != null) {
            return new Attempt(null, PayResult.pending(session.inFlightPayment()));
        }
        if (session.expiredAt(now)) {
            throw new SessionGone("This payment link has expired");
        }
        OrderView order = orders.read(session.orderId());
        if (order.status() != OrderStatus.CONFIRMED || !order.total().equals(session.amount())) {
            throw new SessionGone("This order can no longer be paid here");
        }
        Contact contact = customers.contact(session.customerId());
        StoredCard stored = vault.tokenize(card);
        String paymentId = Ids.next("pay_");
        RiskDecision decision = risk.assess(new RiskSubject(paymentId, order.id(), order.customerId(), order.agentId(),
                session.amount(), stored.fingerprint(), stored.bin(), contact.phone(), contact.email(),
                session.sentToAddress(), origin.clientIp(), origin.channel(), now, contact.name(), contact.country(),
                card.holderName(), origin.deviceId(), mainProduct(order)));
        Payment payment = Payment.attempt(new Payment.Attempt(paymentId, session.id(), order.id(), order.customerId(),
                order.agentId(), session.amount(),
                new Payment.Card(stored.token(), stored.fingerprint(), stored.brand().name(), stored.bin(), stored.last4(),
                        stored.expMonth(), stored.expYear()),
                new Payment.Risk(decision.action().name(), decision.score(), decision.reasons()), origin.channel(),
                origin.clientIp(), autoCapture && decision.action() == RiskAction.ALLOW), now, schedule::delay);
        Payment.Changes changes = store.insert(payment);
        if (payment.status() == PaymentStatus.DECLINED) {
            SessionRow declined = session.answered(paymentId, changes.session());
            store.save(declined, now);
            return new Attempt(payment, answerFor(payment, declined));
        }
        store.save(session.inFlight(paymentId, "Card entered (" + stored.brand().displayName() + "); asking the bank"), now);
        return new Attempt(payment, null);
    }

    private static String mainProduct(OrderView order) {
        return order.lines().stream().max(Comparator.comparing(line -> line.lineTotal().amount()))
                .map(OrderLine::sku).orElse(null);
    }

    private SessionRow lock(SessionKey key) {
        return switch (key) {
            case SessionKey.Token token -> store.lockSessionByToken(PaymentSessions.hash(token.token()))
                    .orElseThrow(() -> new NotFound("payment session", "for this link"));
            case SessionKey.Id id -> store.lockSession(id.sessionId())
                    .orElseThrow(() -> new NotFound("payment session", id.sessionId()));
        };
    }

    private static PayResult answerFor(Payment payment, SessionRow session) {
        return switch (payment.status()) {
            case CAPTURED, AUTHORIZED, PARTIALLY_REFUNDED, REFUNDED -> PayResult.succeeded(payment.id());
            case REVIEW -> PayResult.review(payment.id());
            case DECLINED -> PayResult.declined(payment.id(), payment.declineCode(), session.status() == SessionStatus.FAILED);
            case UNKNOWN -> PayResult.pending(payment.id());
            case VOIDED, FAILED -> new PayResult("FAILED", payment.id(), "The payment did not go through. You can try again.",
                    payment.declineCode());
        };
    }
}
