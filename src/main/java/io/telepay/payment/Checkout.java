package io.telepay.payment;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import io.telepay.audit.AuditTrail;
import io.telepay.customer.Contact;
import io.telepay.customer.CustomerDirectory;
import io.telepay.gateway.AuthorizationRequest;
import io.telepay.gateway.GatewayResult;
import io.telepay.gateway.PaymentGateway;
import io.telepay.order.OrderStatus;
import io.telepay.order.OrderView;
import io.telepay.order.Orders;
import io.telepay.payment.internal.PaymentRow;
import io.telepay.payment.internal.SessionRow;
import io.telepay.risk.RiskAction;
import io.telepay.risk.RiskDecision;
import io.telepay.risk.RiskEngine;
import io.telepay.risk.RiskSubject;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import io.telepay.shared.NotFound;
import io.telepay.vault.CardVault;
import io.telepay.vault.PresentedCard;
import io.telepay.vault.StoredCard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pay step: a card presented on the pay page or the keypad becomes a payment. Two short
 * transactions around one gateway call: the first locks the session, tokenizes the card, screens it
 * and records the payment as UNKNOWN (so a crash mid-call leaves a payment the reconciler resolves);
 * the second records the acquirer's answer, the order and the session. The CVC is in memory only, in
 * the {@link PresentedCard} handed to the gateway.
 */
@Service
public class Checkout {

    private static final Logger log = LoggerFactory.getLogger(Checkout.class);
    static final int MAX_DECLINES = 5;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Orders orders;
    private final CustomerDirectory customers;
    private final CardVault vault;
    private final RiskEngine risk;
    private final PaymentGateway gateway;
    private final Settlement settlement;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final Clock clock;
    private final boolean autoCapture;

    Checkout(JdbcClient jdbc, TransactionTemplate tx, Orders orders, CustomerDirectory customers, CardVault vault,
             RiskEngine risk, PaymentGateway gateway, Settlement settlement, ApplicationEventPublisher events,
             AuditTrail audit, Clock clock, @Value("${telepay.payment.auto-capture:true}") boolean autoCapture) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.orders = orders;
        this.customers = customers;
        this.vault = vault;
        this.risk = risk;
        this.gateway = gateway;
        this.settlement = settlement;
        this.events = events;
        this.audit = audit;
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
        GatewayResult result;
        try {
            result = gateway.authorize(new AuthorizationRequest(attempt.paymentId(), attempt.amount(), card, attempt.capture()));
        } catch (RuntimeException e) {
            // a broken connection tells nothing about the charge: UNKNOWN, and the reconciler asks the acquirer
            log.warn("gateway call for payment {} failed: {}", attempt.paymentId(), e.getClass().getSimpleName());
            result = GatewayResult.unknown();
        }
        return settlement.settle(attempt.paymentId(), result);
    }

    private record Attempt(String paymentId, io.telepay.shared.Money amount, boolean capture, PayResult answer) {
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
            return new Attempt(session.inFlightPayment(), session.amount(), false, PayResult.pending(session.inFlightPayment()));
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
        boolean blocked = decision.action() == RiskAction.BLOCK;
        boolean capture = autoCapture && decision.action() == RiskAction.ALLOW;
        jdbc.sql("""
                insert into payment (id, session_id, order_id, customer_id, agent_id, status, currency, amount_minor,
                    card_token, card_fingerprint, card_brand, card_bin, card_last4, card_exp_month, card_exp_year,
                    decline_code, risk_action, risk_score, risk_reasons, channel, client_ip, capture_requested,
                    next_reconcile_at, created_at, updated_at)
                values (:id, :session, :order, :customer, :agent, :status, :currency, :amount, :token, :fingerprint,
                    :brand, :bin, :last4, :expMonth, :expYear, :decline, :riskAction, :riskScore, :riskReasons, :channel,
                    :ip, :capture, :reconcileAt, :now, :now)""")
                .param("id", paymentId).param("session", session.id()).param("order", order.id())
                .param("customer", order.customerId()).param("agent", order.agentId())
                .param("status", blocked ? PaymentStatus.DECLINED.name() : PaymentStatus.UNKNOWN.name())
                .param("currency", session.amount().currencyCode()).param("amount", session.amount().minorUnits())
                .param("token", stored.token()).param("fingerprint", stored.fingerprint()).param("brand", stored.brand().name())
                .param("bin", stored.bin()).param("last4", stored.last4()).param("expMonth", stored.expMonth())
                .param("expYear", stored.expYear()).param("decline", blocked ? "risk_blocked" : null)
                .param("riskAction", decision.action().name()).param("riskScore", decision.score())
                .param("riskReasons", PaymentRow.reasonsText(decision.reasons())).param("channel", origin.channel())
                .param("ip", origin.clientIp()).param("capture", capture)
                // if this process dies before the acquirer answers, the reconciler finds the payment by this
                .param("reconcileAt", blocked ? null : Db.ts(now.plus(settlement.reconcileDelay(0))))
                .param("now", Db.ts(now))
                .update();
        audit.record("payment.attempted", paymentId, Map.of("session", session.id(), "order", order.id(),
                "amount", session.amount().toString(), "card", stored.brand() + " " + stored.bin() + "…" + stored.last4(),
                "risk", decision.action().name(), "channel", origin.channel()));
        if (blocked) {
            PayResult declined = settlement.declined(session, paymentId, "risk_blocked", stored.fingerprint());
            return new Attempt(paymentId, session.amount(), false, declined);
        }
        jdbc.sql("update payment_session set in_flight_payment = :payment, step = 'AUTHORIZING', progress = :progress, updated_at = :now where id = :id")
                .param("payment", paymentId).param("progress", "Card entered (" + stored.brand().displayName() + "); asking the bank")
                .param("now", Db.ts(now)).param("id", session.id()).update();
        return new Attempt(paymentId, session.amount(), capture, null);
    }

    private static String mainProduct(OrderView order) {
        return order.lines().stream().max(java.util.Comparator.comparing(line -> line.lineTotal().amount()))
                .map(io.telepay.order.OrderLine::sku).orElse(null);
    }

    private SessionRow lock(SessionKey key) {
        var query = switch (key) {
            case SessionKey.Token token -> jdbc.sql(PaymentSessions.SELECT + "where token_hash = :key for update")
                    .param("key", PaymentSessions.hash(token.token()));
            case SessionKey.Id id -> jdbc.sql(PaymentSessions.SELECT + "where id = :key for update").param("key", id.sessionId());
        };
        return query.query(SessionRow::map).optional().orElseThrow(() -> new NotFound("payment session",
                key instanceof SessionKey.Id id ? id.sessionId() : "for this link"));
    }
}
