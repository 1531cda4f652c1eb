package io.telepay.gateway.stripe;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.checkout.Session;
import com.stripe.model.StripeObject;
import com.stripe.net.Webhook;
import io.telepay.gateway.GatewayEvents;
import io.telepay.gateway.PlatformNotice;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.Money;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/gateway/stripe/events}: Stripe's webhooks. The {@code Stripe-Signature} must verify
 * under one of the configured signing secrets (two during a rotation) and be at most 5 minutes old, else
 * 400 and a warning in the log, and nothing changes. Each event is stored once by its id: a replay is
 * answered 200 and changes nothing. Disputes and refunds of Telepay's payments are stored and published
 * as {@link PlatformNotice}s for the payment side to apply; other types are answered 200 and ignored.
 */
@RestController
@ConditionalOnProperty(name = "telepay.gateway.provider", havingValue = "stripe")
class StripeWebhooks {

    private static final Logger log = LoggerFactory.getLogger(StripeWebhooks.class);
    static final String PROVIDER = "stripe";
    static final long TOLERANCE_SECONDS = 300;

    private final StripeSettings settings;
    private final StripeGateway gateway;
    private final org.springframework.beans.factory.ObjectProvider<StripeCheckout> checkout;
    private final GatewayEvents events;
    private final ApplicationEventPublisher publisher;
    private final TransactionTemplate tx;
    private final Clock clock;

    StripeWebhooks(StripeSettings settings, StripeGateway gateway,
                   org.springframework.beans.factory.ObjectProvider<StripeCheckout> checkout, GatewayEvents events, ApplicationEventPublisher publisher,
                   TransactionTemplate tx, Clock clock) {
        this.settings = settings;
        this.gateway = gateway;
        this.checkout = checkout;
        this.events = events;
        this.publisher = publisher;
        this.tx = tx;
        this.clock = clock;
    }

    record Received(boolean received, boolean duplicate, boolean ignored) {
    }

    @PostMapping(path = "/api/v1/gateway/stripe/events", produces = MediaType.APPLICATION_JSON_VALUE)
    Received receive(@RequestBody(required = false) String payload,
                     @RequestHeader(name = "Stripe-Signature", required = false) String signature, HttpServletRequest request) {
        Event event = verified(payload == null ? "" : payload, signature, request.getRemoteAddr());
        Read read = read(event);
        GatewayEvents.Event stored = new GatewayEvents.Event(PROVIDER, event.getId(), event.getType(), read.objectId(),
                read.paymentReference(), read.summary(), read.notice() == null ? GatewayEvents.Status.IGNORED : GatewayEvents.Status.RECEIVED,
                read.ignoredBecause(), event.getCreated() == null ? null : Instant.ofEpochSecond(event.getCreated()), null);
        boolean fresh = Boolean.TRUE.equals(tx.execute(status -> {
            if (!events.receive(stored)) {
                return false;
            }
            if (read.notice() != null) {
                // published with the stored event, through the outbox: applied after the commit, retried if it fails
                publisher.publishEvent(read.notice());
            }
            return true;
        }));
        if (!fresh) {
            log.info("Stripe event {} ({}) received again; already stored", event.getId(), event.getType());
        }
        return new Received(true, !fresh, read.notice() == null);
    }

    private Event verified(String payload, String signature, String from) {
        if (settings.webhookSecrets().isEmpty()) {
            log.warn("Stripe webhook from {} refused: TELEPAY_STRIPE_WEBHOOK_SECRET is not set", from);
            throw new InvalidInput("Stripe-Signature", "cannot be checked: no signing secret is configured");
        }
        if (signature == null || signature.isBlank()) {
            log.warn("Stripe webhook from {} refused: no Stripe-Signature header", from);
            throw new InvalidInput("Stripe-Signature", "is required");
        }
        for (String secret : settings.webhookSecrets()) {
            try {
                return Webhook.constructEvent(payload, signature, secret, TOLERANCE_SECONDS, clock);
            } catch (SignatureVerificationException e) {
                // the next secret, during a rotation
            } catch (RuntimeException e) {
                log.warn("Stripe webhook from {} refused: the body is not a Stripe event ({})", from, e.getClass().getSimpleName());
                throw new InvalidInput("body", "is not a Stripe event");
            }
        }
        log.warn("Stripe webhook from {} refused: Stripe-Signature does not verify under any signing secret or is older than {} s",
                from, TOLERANCE_SECONDS);
        throw new InvalidInput("Stripe-Signature", "does not match the body under the configured signing secrets, or is older than 5 minutes");
    }

    /** What Telepay reads from an event: the payment it concerns and the notice to publish, or why it is ignored. */
    private record Read(String objectId, String paymentReference, String summary, PlatformNotice notice, String ignoredBecause) {

        static Read ignored(String objectId, String summary, String because) {
            return new Read(objectId, null, summary, null, because);
        }
    }

    private Read read(Event event) {
        String type = event.getType() == null ? "" : event.getType();
        if (!ACTED_ON.contains(type)) {
            return Read.ignored(null, null, "type not acted on");
        }
        if (CHECKOUT_TYPES.contains(type) && checkout.getIfAvailable() == null) {
            return Read.ignored(null, null, "TELEPAY_STRIPE_MODE is not checkout");
        }
        StripeObject object;
        try {
            object = event.getDataObjectDeserializer().deserializeUnsafe();
        } catch (EventDataObjectDeserializationException e) {
            throw new InvalidInput("data.object", "is not a Stripe " + type.substring(0, type.lastIndexOf('.')));
        }
        try {
            return switch (object) {
                case Dispute dispute -> dispute(event, dispute);
                case Charge charge -> refunded(event, charge);
                case Session session -> checkoutSession(event, session);
                case PaymentIntent intent -> paymentFailed(event, intent);
                default -> throw new InvalidInput("data.object", "is not what a " + type + " event holds");
            };
        } catch (StripeException e) {
            // Stripe could not tell which payment it is: 503, and Stripe delivers the event again later
            log.warn("Stripe event {}: asking Stripe for its payment failed: {} {}", event.getId(), e.getClass().getSimpleName(), e.getCode());
            throw new StripeUnreachable();
        }
    }

    static final java.util.Set<String> CHECKOUT_TYPES = java.util.Set.of("checkout.session.completed", "checkout.session.expired",
            "payment_intent.payment_failed");
    static final java.util.Set<String> ACTED_ON = java.util.Set.of("charge.dispute.created", "charge.dispute.closed", "charge.refunded",
            "checkout.session.completed", "checkout.session.expired", "payment_intent.payment_failed");

    /**
     * A Checkout Session completed or expired. Completed: its PaymentIntent is read from Stripe (with its charge, for
     * the card's facts) rather than trusted from the event, so an event delivered late or twice says what is true now.
     */
    private Read checkoutSession(Event event, Session session) throws StripeException {
        String summary = "checkout session " + session.getId() + ": " + session.getStatus() + ", payment " + session.getPaymentStatus()
                + (session.getPaymentIntent() == null ? "" : ", " + session.getPaymentIntent());
        Optional<String> telepaySession = StripeCheckout.metadata(session.getMetadata(), StripeCheckout.METADATA_SESSION);
        Optional<String> payment = StripeCheckout.metadata(session.getMetadata(), StripeGateway.METADATA_PAYMENT);
        if (telepaySession.isEmpty() || payment.isEmpty()) {
            return Read.ignored(session.getId(), summary, "not a Telepay session");
        }
        if (event.getType().equals("checkout.session.expired")) {
            return new Read(session.getId(), payment.get(), summary,
                    new PlatformNotice.CheckoutExpired(PROVIDER, event.getId(), payment.get(), telepaySession.get()), null);
        }
        var state = checkout.getObject().state(session,
                session.getPaymentIntent() == null ? null : checkout.getObject().intent(session.getPaymentIntent()));
        if (!(state instanceof io.telepay.gateway.HostedCheckout.HostedPageState.Paid paid)) {
            // completed with a payment still processing: the reconciler asks Stripe about the session until it is paid
            return new Read(session.getId(), payment.get(), summary, null, "not paid yet; the reconciler asks again");
        }
        return new Read(session.getId(), payment.get(), summary,
                new PlatformNotice.CheckoutPaid(PROVIDER, event.getId(), payment.get(), telepaySession.get(), paid), null);
    }

    /** A card declined on Stripe's Checkout page: the session shows it. MOTO payments learn their declines in the call. */
    private Read paymentFailed(Event event, PaymentIntent intent) {
        var error = intent.getLastPaymentError();
        String code = error == null ? "card_declined" : error.getDeclineCode() != null ? error.getDeclineCode()
                : error.getCode() != null ? error.getCode() : "card_declined";
        String summary = "payment intent " + intent.getId() + " failed: " + code;
        Optional<String> telepaySession = StripeCheckout.metadata(intent.getMetadata(), StripeCheckout.METADATA_SESSION);
        Optional<String> payment = StripeCheckout.metadata(intent.getMetadata(), StripeGateway.METADATA_PAYMENT);
        if (telepaySession.isEmpty() || payment.isEmpty()) {
            return Read.ignored(intent.getId(), summary, "not a payment of a Telepay checkout session");
        }
        return new Read(intent.getId(), payment.get(), summary,
                new PlatformNotice.CheckoutAttemptFailed(PROVIDER, event.getId(), payment.get(), telepaySession.get(), code), null);
    }

    private Read dispute(Event event, Dispute dispute) throws StripeException {
        Money amount = StripeAmounts.fromStripe(dispute.getAmount(), dispute.getCurrency());
        String summary = "dispute " + dispute.getId() + " of " + dispute.getCharge() + ": " + amount + ", reason " + dispute.getReason()
                + ", status " + dispute.getStatus();
        Optional<String> payment = paymentOf(dispute.getPaymentIntent(), null);
        if (payment.isEmpty()) {
            return Read.ignored(dispute.getId(), summary, "not a Telepay payment");
        }
        boolean inquiry = dispute.getStatus() != null && dispute.getStatus().startsWith("warning_");
        String reason = dispute.getReason() == null ? "general" : dispute.getReason();
        PlatformNotice notice = event.getType().equals("charge.dispute.created")
                ? new PlatformNotice.DisputeOpened(PROVIDER, event.getId(), payment.get(), dispute.getId(), amount, reason, inquiry)
                : new PlatformNotice.DisputeClosed(PROVIDER, event.getId(), payment.get(), dispute.getId(), amount, reason,
                "won".equals(dispute.getStatus()), inquiry);
        return new Read(dispute.getId(), payment.get(), summary, notice, null);
    }

    private Read refunded(Event event, Charge charge) throws StripeException {
        Money refunded = StripeAmounts.fromStripe(charge.getAmountRefunded(), charge.getCurrency());
        String summary = "charge " + charge.getId() + " of " + charge.getPaymentIntent() + ": refunded " + refunded + " in all";
        Optional<String> payment = paymentOf(charge.getPaymentIntent(), charge.getMetadata());
        if (payment.isEmpty()) {
            return Read.ignored(charge.getId(), summary, "not a Telepay payment");
        }
        return new Read(charge.getId(), payment.get(), summary,
                new PlatformNotice.RefundReported(PROVIDER, event.getId(), payment.get(), refunded), null);
    }

    private Optional<String> paymentOf(String paymentIntent, Map<String, String> metadata) throws StripeException {
        if (metadata != null && metadata.get(StripeGateway.METADATA_PAYMENT) != null) {
            return Optional.of(metadata.get(StripeGateway.METADATA_PAYMENT));
        }
        return paymentIntent == null ? Optional.empty() : gateway.referenceOf(paymentIntent);
    }

    /** 503: Stripe's own API did not answer while an event was read; Stripe delivers the event again. */
    static final class StripeUnreachable extends io.telepay.shared.TelepayProblem {
        StripeUnreachable() {
            super(503, "gateway-unavailable", "Stripe could not be asked about this event; deliver it again later", java.util.List.of());
        }
    }
}
