package io.telepay.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

import io.telepay.audit.AuditTrail;
import io.telepay.customer.Contact;
import io.telepay.customer.CustomerDirectory;
import io.telepay.gateway.GatewayResult;
import io.telepay.gateway.HostedCheckout;
import io.telepay.gateway.HostedCheckout.HostedPageState;
import io.telepay.order.OrderLine;
import io.telepay.order.OrderView;
import io.telepay.order.Orders;
import io.telepay.payment.internal.PaymentStore;
import io.telepay.payment.internal.PaymentStore.HostedPage;
import io.telepay.payment.internal.SessionRow;
import io.telepay.risk.RiskDecision;
import io.telepay.risk.RiskEngine;
import io.telepay.risk.RiskSubject;
import io.telepay.shared.Actor;
import io.telepay.shared.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Payments made on a payment platform's hosted page ({@link HostedCheckout}, Stripe Checkout): the card never
 * reaches Telepay, so the payment is recorded when the platform says it was paid — by its webhook, or by the
 * reconciler asking about a page no webhook settled ({@link #reconcileDue}). Recording goes through the
 * aggregate ({@link Payment#hosted}) and the one answer path ({@link GatewayExchange#record}), so the session,
 * order, ledger, receipts, fulfilment and Telepay's own webhooks move exactly as for a card typed on Telepay's
 * pay page. Each method may be called again with the same facts and changes nothing the second time.
 *
 * <p>The risk checks that need the card run here, on the platform's facts about it, after the money moved: a
 * BLOCK refunds a sale or voids an authorization, a REVIEW holds it (an authorization as REVIEW, a sale out of
 * settlement), and both raise an operations alert.
 */
@Service
public class HostedPayments {

    private static final Logger log = LoggerFactory.getLogger(HostedPayments.class);
    static final String PAID = "PAID";
    static final String EXPIRED = "EXPIRED";

    private final ObjectProvider<HostedCheckout> hosted;
    private final PaymentStore store;
    private final Orders orders;
    private final CustomerDirectory customers;
    private final RiskEngine risk;
    private final GatewayExchange exchange;
    private final ReconcileSchedule schedule;
    private final OperationsAlerts alerts;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    HostedPayments(ObjectProvider<HostedCheckout> hosted, PaymentStore store, Orders orders, CustomerDirectory customers,
                   RiskEngine risk, GatewayExchange exchange, ReconcileSchedule schedule, OperationsAlerts alerts, AuditTrail audit,
                   PlatformTransactionManager transactions, Clock clock) {
        this.hosted = hosted;
        this.store = store;
        this.orders = orders;
        this.customers = customers;
        this.risk = risk;
        this.exchange = exchange;
        this.schedule = schedule;
        this.alerts = alerts;
        this.audit = audit;
        // each step commits on its own: a webhook's notice is applied after its event's commit, where that transaction's
        // resources are still bound, and a refund after the fact must be recorded before Stripe is asked for it
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    private record Recorded(Payment payment, RiskDecision decision, String detail) {
    }

    /**
     * The page of the session was paid: records the payment (captured for a sale, authorized or held for review
     * otherwise) and then lets risk act on the card. Answers what was done, in words.
     *
     * @throws NotFound when the session has no hosted page
     */
    public String paid(String sessionId, HostedPageState.Paid paid) {
        Recorded recorded = tx.execute(status -> record(sessionId, paid));
        if (recorded.payment() == null) {
            return recorded.detail();
        }
        return recorded.detail() + afterTheFact(recorded.payment(), recorded.decision());
    }

    private Recorded record(String sessionId, HostedPageState.Paid paid) {
        SessionRow session = store.lockSession(sessionId).orElseThrow(() -> new NotFound("payment session", sessionId));
        HostedPage page = store.hostedPage(sessionId).orElseThrow(() -> new NotFound("hosted payment page of session", sessionId));
        Instant now = clock.instant();
        if (!page.paymentId().equals(paid.paymentReference())) {
            return new Recorded(null, null, "the platform's payment " + paid.paymentReference() + " is not the one session " + sessionId
                    + " was opened for (" + page.paymentId() + "); nothing recorded");
        }
        if (store.find(page.paymentId()).isPresent()) {
            store.hostedPageSettled(sessionId, PAID, now);
            return new Recorded(null, null, "payment " + page.paymentId() + " already recorded");
        }
        if (!paid.amount().equals(session.amount())) {
            // the platform charged what it charged: the payment records that, and the operations team hears of it
            log.error("session {}: the platform charged {} but the session was for {}", sessionId, paid.amount(), session.amount());
        }
        OrderView order = orders.read(session.orderId());
        Contact contact = customers.contact(session.customerId());
        HostedCheckout.HostedCard card = paid.card();
        String fingerprint = platformFingerprint(page.provider(), card.fingerprint());
        RiskDecision decision = risk.assess(new RiskSubject(page.paymentId(), order.id(), order.customerId(), order.agentId(),
                paid.amount(), fingerprint, card.bin(), contact.phone(), contact.email(), session.sentToAddress(), null,
                session.channel(), now, contact.name(), contact.country(), null, null, mainProduct(order)));
        Payment payment = Payment.hosted(new Payment.Attempt(page.paymentId(), sessionId, order.id(), order.customerId(),
                order.agentId(), paid.amount(),
                new Payment.Card(card.paymentMethod(), fingerprint, card.brand(), card.bin() == null ? "" : card.bin(),
                        card.last4(), card.expMonth(), card.expYear()),
                new Payment.Risk(decision.action().name(), decision.score(), decision.reasons()), session.channel(), null,
                paid.captured()), now, schedule::delay);
        store.insert(payment);
        String operation = payment.authorization().orElseThrow().id();
        Payment answered = exchange.record(payment.id(), operation,
                GatewayResult.approved(paid.platformPayment(), card.facts())).payment();
        store.hostedPageSettled(sessionId, PAID, now);
        return new Recorded(answered, decision, "payment " + answered.id() + " " + answered.status() + " for " + paid.amount());
    }

    /** Risk's verdict on the card, once the platform charged it: refund or void a BLOCK, hold a REVIEW. */
    private String afterTheFact(Payment payment, RiskDecision decision) {
        String reasons = String.join("; ", decision.reasons());
        switch (decision.action()) {
            case BLOCK -> {
                Payment.Operation op = tx.execute(status -> {
                    Payment locked = store.lock(payment.id());
                    Instant now = clock.instant();
                    Payment.Operation started = locked.status() == PaymentStatus.CAPTURED
                            ? locked.refund(locked.captured(), "risk_blocked after the hosted page: " + reasons, Actor.SYSTEM,
                            // risk's own refund of a card it blocks waits for nobody
                            BigDecimal.valueOf(Long.MAX_VALUE), now)
                            : locked.voidAuthorization(Actor.SYSTEM, now);
                    exchange.apply(locked, store.save(locked));
                    return started;
                });
                exchange.send(payment.id(), op);
                alerts.raise("HOSTED_PAYMENT_BLOCKED", payment.id(), payment.id(), "Risk blocks the card paid on the hosted page ("
                        + reasons + "): " + (op.kind() == OperationKind.REFUND ? "refunded" : "voided") + " after the fact");
                return "; risk BLOCK: " + op.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + op.id();
            }
            case REVIEW -> {
                if (payment.status() == PaymentStatus.CAPTURED) {
                    tx.executeWithoutResult(status -> store.holdSettlement(payment.id(), "risk review after the hosted page: " + reasons,
                            clock.instant()));
                }
                alerts.raise("HOSTED_PAYMENT_REVIEW", payment.id(), payment.id(), "Risk wants a review of the card paid on the hosted "
                        + "page (" + reasons + "); the payment is held");
                return "; risk REVIEW: held";
            }
            default -> {
                return "";
            }
        }
    }

    /** The page expired unpaid: so does its session, unless something else ended it first. */
    public String expired(String sessionId) {
        return tx.execute(status -> {
            SessionRow session = store.lockSession(sessionId).orElseThrow(() -> new NotFound("payment session", sessionId));
            HostedPage page = store.hostedPage(sessionId).orElseThrow(() -> new NotFound("hosted payment page of session", sessionId));
            Instant now = clock.instant();
            if (PAID.equals(page.status()) || store.find(page.paymentId()).isPresent()) {
                return "the page was paid; an expiry changes nothing";
            }
            store.hostedPageSettled(sessionId, EXPIRED, now);
            if (session.status() != SessionStatus.OPEN) {
                return "session already " + session.status();
            }
            store.save(session.expired("The payment page expired unpaid"), now);
            audit.record("payment-session.expired", sessionId, Map.of("page", page.pageId()));
            return "session expired";
        });
    }

    /** A card the customer tried on the page was declined: the agent sees it; the page stays open for another card. */
    public String attemptFailed(String sessionId, String declineCode) {
        return tx.execute(status -> {
            SessionRow session = store.lockSession(sessionId).orElseThrow(() -> new NotFound("payment session", sessionId));
            if (session.status() != SessionStatus.OPEN) {
                return "session already " + session.status() + "; a declined try changes nothing";
            }
            store.save(session.declinedElsewhere("Declined on the payment page (" + declineCode + "); the customer may try another card"),
                    clock.instant());
            return "declined try recorded on the session";
        });
    }

    /**
     * Makes sure the payment of a hosted page is recorded before something else is applied to it (a dispute that
     * arrived before the page's completion): asks the platform about the page if it is still open here. Answers
     * whether the payment exists.
     */
    public boolean settle(String paymentId) {
        Optional<HostedPage> page = store.hostedPageOfPayment(paymentId);
        if (page.isEmpty() || !"OPEN".equals(page.get().status())) {
            // not a hosted page's payment, or one already settled: nothing to ask
            return true;
        }
        resolve(page.get());
        return store.find(paymentId).isPresent();
    }

    /**
     * Asks the platform about every OPEN page whose check is due — the webhook that would have said may be lost —
     * and applies what it says; a page still open is asked about again, further apart but never after its expiry
     * has passed unasked. Answers how many were settled.
     */
    int reconcileDue() {
        if (hosted.getIfAvailable() == null) {
            return 0;
        }
        Instant now = clock.instant();
        int settled = 0;
        for (HostedPage page : store.hostedPagesDue(now, 100)) {
            try {
                if (resolve(page)) {
                    settled++;
                    audit.recordIndependently("payment-session.reconciled", page.sessionId(), AuditTrail.SUCCESS,
                            Map.of("page", page.pageId(), "payment", page.paymentId()));
                    continue;
                }
            } catch (RuntimeException e) {
                log.warn("asking the platform about page {} of session {} failed: {}", page.pageId(), page.sessionId(),
                        e.getClass().getSimpleName());
            }
            Instant next = now.plus(schedule.delay(page.checks()));
            Instant afterExpiry = page.expiresAt().plusSeconds(60);
            if (afterExpiry.isAfter(now) && afterExpiry.isBefore(next)) {
                next = afterExpiry;
            }
            store.hostedPageAskLater(page.sessionId(), next, now);
        }
        return settled;
    }

    /** Applies what the platform says of the page; false while it is still open there. */
    private boolean resolve(HostedPage page) {
        HostedPageState state = hosted.getObject().state(page.pageId());
        return switch (state) {
            case HostedPageState.Paid paid -> {
                log.info("session {}: the platform says its page was paid; recorded by the reconciler: {}", page.sessionId(),
                        paid(page.sessionId(), paid));
                yield true;
            }
            case HostedPageState.Expired expired -> {
                expired(page.sessionId());
                yield true;
            }
            case HostedPageState.Open open -> false;
        };
    }

    /**
     * The card's fingerprint as Telepay keeps it: 64 hex characters like the vault's, derived from the platform's own
     * fingerprint in the platform's namespace (a card gives the same value on every payment through that platform),
     * so velocity features, fraud labels and the card block list work on cards Telepay never saw.
     */
    public static String platformFingerprint(String provider, String platformFingerprint) {
        if (platformFingerprint == null || platformFingerprint.isEmpty()) {
            return "";
        }
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest((provider + ":" + platformFingerprint).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String mainProduct(OrderView order) {
        return order.lines().stream().max(Comparator.comparing(line -> line.lineTotal().amount()))
                .map(OrderLine::sku).orElse(null);
    }
}
