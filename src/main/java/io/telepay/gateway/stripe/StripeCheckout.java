package io.telepay.gateway.stripe;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionRetrieveParams;
import io.telepay.gateway.GatewayUnavailable;
import io.telepay.gateway.HostedCheckout;
import io.telepay.shared.RuleViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * Stripe, mode {@code checkout}: each LINK session's pay link is a Stripe Checkout Session (mode {@code payment})
 * for the confirmed order's lines, expiring with the session, with Telepay's session, order and coming payment
 * ids in its metadata and the PaymentIntent's (and the session's id as {@code client_reference_id} and
 * Idempotency-Key). The customer types the card on Stripe's page: Telepay never receives it. What became of a
 * page is read back with the PaymentIntent and its charge expanded, for the card's facts (fingerprint, brand,
 * country, funding) that risk screens after the fact.
 */
@Component
@ConditionalOnExpression("'${telepay.gateway.provider:sandbox}' == 'stripe' and '${telepay.gateway.stripe.mode:moto}'.trim().toLowerCase() == 'checkout'")
class StripeCheckout implements HostedCheckout {

    private static final Logger log = LoggerFactory.getLogger(StripeCheckout.class);
    static final String METADATA_SESSION = "telepay_session";
    static final String METADATA_ORDER = "telepay_order";
    /**
     * Stripe requires a Checkout Session to expire between 30 minutes and 24 hours after it creates it, which is a
     * moment after Telepay asks: a page lives at least 31 minutes, so the request's way never makes it too short.
     */
    static final Duration MINIMUM_LIFE = Duration.ofMinutes(31);
    static final Duration MAXIMUM_LIFE = Duration.ofHours(24);

    private final StripeClient stripe;
    private final StripeReferences references;
    private final String publicUrl;

    StripeCheckout(StripeClient stripe, StripeReferences references, @Value("${telepay.public-url}") String publicUrl) {
        this.stripe = stripe;
        this.references = references;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @Override
    public Duration minimumLife() {
        return MINIMUM_LIFE;
    }

    @Override
    public Duration maximumLife() {
        return MAXIMUM_LIFE;
    }

    @Override
    public HostedPage open(HostedPageRequest request) {
        SessionCreateParams.Builder params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .addPaymentMethodType(SessionCreateParams.PaymentMethodType.CARD)
                .setClientReferenceId(request.sessionId())
                .setExpiresAt(request.expiresAt().getEpochSecond())
                .setSuccessUrl(publicUrl + StripeCheckoutPages.DONE)
                .putMetadata(METADATA_SESSION, request.sessionId())
                .putMetadata(METADATA_ORDER, request.orderId())
                .putMetadata(StripeGateway.METADATA_PAYMENT, request.paymentReference())
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .setCaptureMethod(request.capture() ? SessionCreateParams.PaymentIntentData.CaptureMethod.AUTOMATIC
                                : SessionCreateParams.PaymentIntentData.CaptureMethod.MANUAL)
                        .putMetadata(METADATA_SESSION, request.sessionId())
                        .putMetadata(METADATA_ORDER, request.orderId())
                        .putMetadata(StripeGateway.METADATA_PAYMENT, request.paymentReference())
                        .build());
        if (request.customerEmail() != null) {
            params.setCustomerEmail(request.customerEmail());
        }
        try {
            for (Line line : request.lines()) {
                params.addLineItem(SessionCreateParams.LineItem.builder()
                        .setQuantity((long) line.quantity())
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency(StripeAmounts.currency(line.unitAmount()))
                                .setUnitAmount(StripeAmounts.toStripe(line.unitAmount()))
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder().setName(line.name()).build())
                                .build())
                        .build());
            }
        } catch (StripeAmounts.UnchargeableAmount e) {
            throw new RuleViolation("Stripe cannot charge this amount: " + e.getMessage());
        }
        Session session;
        try {
            session = stripe.v1().checkout().sessions().create(params.build(),
                    RequestOptions.builder().setIdempotencyKey(request.sessionId()).build());
        } catch (StripeException e) {
            log.warn("Stripe Checkout Session for payment session {} not created: {} status={} code={} request={}", request.sessionId(),
                    e.getClass().getSimpleName(), e.getStatusCode(), e.getCode(), e.getRequestId());
            throw new GatewayUnavailable();
        }
        references.intentRequested(request.paymentReference(), request.capture() ? "automatic" : "manual");
        return new HostedPage(StripeWebhooks.PROVIDER, session.getId(), session.getUrl(), Instant.ofEpochSecond(session.getExpiresAt()));
    }

    @Override
    public HostedPageState state(String pageId) {
        try {
            Session session = stripe.v1().checkout().sessions().retrieve(pageId, SessionRetrieveParams.builder()
                    .addExpand("payment_intent").addExpand("payment_intent.latest_charge").build());
            return state(session, session.getPaymentIntentObject());
        } catch (StripeException e) {
            // the reconciler asks again later
            throw new IllegalStateException("Stripe checkout session " + pageId + " could not be read: " + e.getClass().getSimpleName()
                    + " " + e.getStatusCode() + " " + e.getCode());
        }
    }

    /** What a Checkout Session says, with its PaymentIntent (the latest charge expanded), or null if it has none yet. */
    HostedPageState state(Session session, PaymentIntent intent) {
        if ("expired".equals(session.getStatus())) {
            return new HostedPageState.Expired();
        }
        if (!"complete".equals(session.getStatus()) || intent == null) {
            return new HostedPageState.Open();
        }
        boolean captured = "succeeded".equals(intent.getStatus());
        if (!captured && !"requires_capture".equals(intent.getStatus())) {
            // processing, or a delayed method: not paid yet
            return new HostedPageState.Open();
        }
        String payment = Optional.ofNullable(session.getMetadata()).map(m -> m.get(StripeGateway.METADATA_PAYMENT))
                .orElseGet(() -> intent.getMetadata().get(StripeGateway.METADATA_PAYMENT));
        references.intentNamed(payment, intent.getId(), captured ? "automatic" : "manual");
        return new HostedPageState.Paid(payment, intent.getId(), StripeAmounts.fromStripe(intent.getAmount(), intent.getCurrency()),
                captured, card(intent));
    }

    /** The card as Stripe's charge describes it: never the number. */
    private static HostedCard card(PaymentIntent intent) {
        Charge charge = intent.getLatestChargeObject();
        var card = charge == null || charge.getPaymentMethodDetails() == null ? null : charge.getPaymentMethodDetails().getCard();
        if (card == null) {
            return new HostedCard(intent.getPaymentMethod() == null ? "" : intent.getPaymentMethod(), "", "unknown", "", "", 0, 0, null,
                    null);
        }
        return new HostedCard(charge.getPaymentMethod() == null ? "" : charge.getPaymentMethod(),
                card.getFingerprint() == null ? "" : card.getFingerprint(), card.getBrand() == null ? "unknown" : card.getBrand(), "",
                card.getLast4() == null ? "" : card.getLast4(), card.getExpMonth() == null ? 0 : Math.toIntExact(card.getExpMonth()),
                card.getExpYear() == null ? 0 : Math.toIntExact(card.getExpYear()), card.getCountry(), card.getFunding());
    }

    /** A PaymentIntent read for a webhook, with its latest charge expanded. */
    PaymentIntent intent(String id) throws StripeException {
        return stripe.v1().paymentIntents().retrieve(id, com.stripe.param.PaymentIntentRetrieveParams.builder()
                .addExpand("latest_charge").build());
    }

    @Override
    public void close(String pageId) {
        try {
            stripe.v1().checkout().sessions().expire(pageId, RequestOptions.builder().setIdempotencyKey(pageId + ":expire").build());
        } catch (StripeException | RuntimeException e) {
            // Stripe expires it on its own at its expires_at; a payment on it still reaches Telepay by its webhook
            log.warn("expiring Stripe checkout session {} failed: {}", pageId, e.getClass().getSimpleName());
        }
    }

    static Optional<String> metadata(Map<String, String> metadata, String key) {
        return metadata == null ? Optional.empty() : Optional.ofNullable(metadata.get(key));
    }
}
