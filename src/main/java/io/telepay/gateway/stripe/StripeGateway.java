package io.telepay.gateway.stripe;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeError;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCaptureParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.PaymentIntentSearchParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.RefundListParams;
import io.telepay.gateway.AuthorizationRequest;
import io.telepay.gateway.CardFacts;
import io.telepay.gateway.GatewayAvailability;
import io.telepay.gateway.GatewayOutcome;
import io.telepay.gateway.GatewayResult;
import io.telepay.gateway.GatewayStatus;
import io.telepay.gateway.PaymentGateway;
import io.telepay.gateway.stripe.StripeReferences.Kind;
import io.telepay.shared.Money;
import io.telepay.vault.PresentedCard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Stripe as the acquirer, mode {@code moto}: the card the customer typed on the pay page or the keypad
 * becomes a PaymentMethod inside one PaymentIntent, created and confirmed server-side as a mail or
 * telephone order ({@code payment_method_options[card][moto]=true}), captured at once for a sale or
 * held ({@code capture_method=manual}). Telepay's payment id is the PaymentIntent's Idempotency-Key and
 * its metadata {@code telepay_payment}; each capture, void and refund goes under its operation's id.
 *
 * <p>Stripe's card errors are declines with Stripe's decline code; a 3-D Secure demand
 * ({@code requires_action}) cannot be met on a telephone order, so the PaymentIntent is cancelled and
 * the payment declined {@code authentication_required}; a timeout, a broken connection or a 5xx is
 * UNKNOWN and the reconciler asks {@link #status} (by the PaymentIntent's id, or by a metadata search
 * when Stripe's answer never named it). The card lives only in the request: never logged, never kept.
 */
@Component
@ConditionalOnProperty(name = "telepay.gateway.provider", havingValue = "stripe")
class StripeGateway implements PaymentGateway {

    private static final Logger log = LoggerFactory.getLogger(StripeGateway.class);
    static final String METADATA_PAYMENT = "telepay_payment";
    static final String METADATA_OPERATION = "telepay_operation";
    static final String AUTHENTICATION_REQUIRED = "authentication_required";
    static final String AUTHENTICATION_REASON = "The card's issuer asks for 3-D Secure authentication, which a telephone order "
            + "cannot give; the customer can try another card";
    /** Cancels that Telepay makes itself after a 3-D Secure demand, told apart from voids by this reason. */
    private static final String ABANDONED = "abandoned";

    private final StripeClient stripe;
    private final StripeSettings settings;
    private final StripeReferences references;
    private final Clock clock;
    private volatile Checked availability;

    private record Checked(GatewayAvailability availability, Instant at) {
    }

    StripeGateway(StripeClient stripe, StripeSettings settings, StripeReferences references, Clock clock) {
        this.stripe = stripe;
        this.settings = settings;
        this.references = references;
        this.clock = clock;
    }

    // ---- authorize ----

    @Override
    public GatewayResult authorize(AuthorizationRequest request) {
        String captureMethod = request.capture() ? "automatic" : "manual";
        long amount;
        try {
            amount = StripeAmounts.toStripe(request.amount());
        } catch (StripeAmounts.UnchargeableAmount e) {
            return GatewayResult.declined("amount_not_chargeable", e.getMessage(), null, null);
        }
        references.intentRequested(request.reference(), captureMethod);
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
                .setAmount(amount)
                .setCurrency(StripeAmounts.currency(request.amount()))
                .addPaymentMethodType("card")
                .setPaymentMethodData(paymentMethod(request.card()))
                .setPaymentMethodOptions(PaymentIntentCreateParams.PaymentMethodOptions.builder()
                        .setCard(PaymentIntentCreateParams.PaymentMethodOptions.Card.builder().setMoto(true).build()).build())
                .setConfirm(true)
                .setCaptureMethod(request.capture() ? PaymentIntentCreateParams.CaptureMethod.AUTOMATIC
                        : PaymentIntentCreateParams.CaptureMethod.MANUAL)
                .putMetadata(METADATA_PAYMENT, request.reference())
                .addExpand("latest_charge")
                .build();
        PaymentIntent intent;
        try {
            intent = stripe.v1().paymentIntents().create(params, idempotent(request.reference()));
        } catch (StripeException e) {
            PaymentIntent failed = e.getStripeError() == null ? null : e.getStripeError().getPaymentIntent();
            if (failed != null && failed.getId() != null) {
                references.intentNamed(request.reference(), failed.getId(), captureMethod);
            }
            return failure("authorize", request.reference(), e);
        }
        references.intentNamed(request.reference(), intent.getId(), captureMethod);
        markUp();
        return switch (intent.getStatus()) {
            case "succeeded", "requires_capture" -> GatewayResult.approved(intent.getId(), facts(intent));
            case "requires_action" -> refuseAuthentication(request.reference(), intent);
            case "requires_payment_method" -> GatewayResult.declined(declineCode(intent.getLastPaymentError()), null, intent.getId(),
                    facts(intent));
            // processing, or a state a card payment should not reach: the reconciler asks again
            default -> GatewayResult.unknown();
        };
    }

    /** The card as Stripe's PaymentMethod data; it is form-encoded into the one request and kept nowhere. */
    private static PaymentIntentCreateParams.PaymentMethodData paymentMethod(PresentedCard card) {
        Map<String, Object> number = new LinkedHashMap<>();
        number.put("number", card.number().digits());
        number.put("exp_month", card.expiry().month());
        number.put("exp_year", card.expiry().year());
        number.put("cvc", card.cvc().digits());
        var data = PaymentIntentCreateParams.PaymentMethodData.builder()
                // raw card numbers are not in the library's typed parameters: Stripe allows them only to accounts
                // cleared for MOTO (see docs/gateways.md)
                .putExtraParam("type", "card")
                .putExtraParam("card", number);
        if (card.holderName() != null) {
            data.setBillingDetails(PaymentIntentCreateParams.PaymentMethodData.BillingDetails.builder().setName(card.holderName()).build());
        }
        return data.build();
    }

    /** A telephone order cannot pass 3-D Secure: the PaymentIntent is cancelled so it never waits for a challenge. */
    private GatewayResult refuseAuthentication(String reference, PaymentIntent intent) {
        try {
            stripe.v1().paymentIntents().cancel(intent.getId(), PaymentIntentCancelParams.builder()
                    .setCancellationReason(PaymentIntentCancelParams.CancellationReason.ABANDONED).build(), idempotent(reference + ":3ds"));
        } catch (StripeException e) {
            // an uncancelled PaymentIntent waiting for authentication never charges; Stripe lets it expire
            log.warn("payment {}: cancelling Stripe's PaymentIntent {} after a 3-D Secure demand failed: {} {}", reference, intent.getId(),
                    e.getClass().getSimpleName(), e.getCode());
        }
        return GatewayResult.declined(AUTHENTICATION_REQUIRED, AUTHENTICATION_REASON, intent.getId(), facts(intent));
    }

    // ---- capture, void, refund ----

    @Override
    public GatewayResult capture(String reference, String operationReference, Money amount) {
        return operate(reference, operationReference, Kind.CAPTURE, amount, intent -> {
            PaymentIntent captured = stripe.v1().paymentIntents().capture(intent, PaymentIntentCaptureParams.builder()
                    .setAmountToCapture(StripeAmounts.toStripe(amount)).putMetadata(METADATA_OPERATION, operationReference).build(),
                    idempotent(operationReference));
            return "succeeded".equals(captured.getStatus()) ? GatewayResult.approved(operationReference)
                    : "processing".equals(captured.getStatus()) ? GatewayResult.unknown()
                    : GatewayResult.declined("payment_intent_" + captured.getStatus());
        });
    }

    @Override
    public GatewayResult voidAuthorization(String reference, String operationReference) {
        return operate(reference, operationReference, Kind.VOID, null, intent -> {
            try {
                stripe.v1().paymentIntents().cancel(intent, PaymentIntentCancelParams.builder()
                        .setCancellationReason(PaymentIntentCancelParams.CancellationReason.REQUESTED_BY_CUSTOMER).build(),
                        idempotent(operationReference));
                return GatewayResult.approved(operationReference);
            } catch (InvalidRequestException e) {
                // Stripe captures a PaymentIntent once and releases the rest of it then: after a partial capture
                // there is nothing left to void, which is what the void asked for
                PaymentIntent current = stripe.v1().paymentIntents().retrieve(intent);
                if ("succeeded".equals(current.getStatus()) && current.getAmountReceived() < current.getAmount()) {
                    return GatewayResult.approved(operationReference);
                }
                throw e;
            }
        });
    }

    @Override
    public GatewayResult refund(String reference, String operationReference, Money amount) {
        return operate(reference, operationReference, Kind.REFUND, amount, intent -> {
            Refund refund = stripe.v1().refunds().create(RefundCreateParams.builder()
                    .setPaymentIntent(intent).setAmount(StripeAmounts.toStripe(amount))
                    .putMetadata(METADATA_PAYMENT, reference).putMetadata(METADATA_OPERATION, operationReference).build(),
                    idempotent(operationReference));
            return switch (refund.getStatus()) {
                case "succeeded", "pending" -> new GatewayResult(GatewayOutcome.APPROVED, null, refund.getId());
                case "failed", "canceled" -> GatewayResult.declined(refund.getFailureReason() == null ? "refund_" + refund.getStatus()
                        : refund.getFailureReason(), null, refund.getId(), null);
                default -> GatewayResult.unknown();
            };
        });
    }

    private interface Call {
        GatewayResult on(String paymentIntent) throws StripeException;
    }

    private GatewayResult operate(String reference, String operationReference, Kind kind, Money amount, Call call) {
        Long minor;
        try {
            minor = amount == null ? null : StripeAmounts.toStripe(amount);
        } catch (StripeAmounts.UnchargeableAmount e) {
            return GatewayResult.declined("amount_not_chargeable", e.getMessage(), null, null);
        }
        references.operationSent(operationReference, reference, kind, minor);
        GatewayResult result;
        try {
            Optional<String> intent = paymentIntentOf(reference);
            result = intent.isEmpty() ? GatewayResult.declined("no_such_authorization") : call.on(intent.get());
            markUp();
        } catch (StripeException e) {
            result = failure(kind.name().toLowerCase(java.util.Locale.ROOT), operationReference, e);
        }
        if (result.outcome() != GatewayOutcome.UNKNOWN) {
            references.operationAnswered(operationReference, result.outcome().name(),
                    kind == Kind.REFUND ? result.acquirerReference() : null);
        }
        // the port names an approved operation by Telepay's reference; Stripe's refund id stays in stripe_operation
        return result.approved() ? GatewayResult.approved(operationReference) : result;
    }

    // ---- what Stripe knows ----

    @Override
    public GatewayStatus status(String reference) {
        PaymentIntent intent;
        try {
            Optional<String> id = paymentIntentOf(reference);
            if (id.isEmpty()) {
                return GatewayStatus.notFound();
            }
            intent = stripe.v1().paymentIntents().retrieve(id.get());
        } catch (InvalidRequestException e) {
            if ("resource_missing".equals(e.getCode())) {
                return GatewayStatus.notFound();
            }
            throw unavailable("status of " + reference, e);
        } catch (StripeException e) {
            throw unavailable("status of " + reference, e);
        }
        markUp();
        Money authorized = StripeAmounts.fromStripe(intent.getAmount(), intent.getCurrency());
        Money captured = StripeAmounts.fromStripe(intent.getAmountReceived() == null ? 0 : intent.getAmountReceived(), intent.getCurrency());
        return switch (intent.getStatus()) {
            case "succeeded", "requires_capture" -> new GatewayStatus(GatewayOutcome.APPROVED, null, authorized, captured, false);
            case "canceled" -> intent.getLastPaymentError() != null
                    ? new GatewayStatus(GatewayOutcome.DECLINED, declineCode(intent.getLastPaymentError()), authorized, captured, false)
                    : ABANDONED.equals(intent.getCancellationReason())
                    ? new GatewayStatus(GatewayOutcome.DECLINED, AUTHENTICATION_REQUIRED, authorized, captured, false)
                    : new GatewayStatus(GatewayOutcome.APPROVED, null, authorized, captured, true);
            case "requires_action" -> new GatewayStatus(GatewayOutcome.DECLINED, AUTHENTICATION_REQUIRED, authorized, captured, false);
            case "requires_payment_method" -> new GatewayStatus(GatewayOutcome.DECLINED, declineCode(intent.getLastPaymentError()),
                    authorized, captured, false);
            default -> new GatewayStatus(GatewayOutcome.UNKNOWN, null, authorized, captured, false);
        };
    }

    @Override
    public GatewayOutcome operationStatus(String operationReference) {
        Optional<StripeReferences.Operation> sent = references.operation(operationReference);
        if (sent.isEmpty()) {
            return GatewayOutcome.NOT_FOUND;
        }
        StripeReferences.Operation op = sent.get();
        try {
            Optional<String> intentId = paymentIntentOf(op.reference());
            if (intentId.isEmpty()) {
                return GatewayOutcome.NOT_FOUND;
            }
            GatewayOutcome outcome = op.kind() == Kind.REFUND ? refundOutcome(op, intentId.get())
                    : intentOutcome(op, stripe.v1().paymentIntents().retrieve(intentId.get()));
            markUp();
            return outcome;
        } catch (StripeException e) {
            throw unavailable("status of " + operationReference, e);
        }
    }

    private static GatewayOutcome intentOutcome(StripeReferences.Operation op, PaymentIntent intent) {
        return switch (intent.getStatus()) {
            // one capture per PaymentIntent: a captured one was captured by this operation, or one before it
            case "succeeded" -> op.kind() == Kind.CAPTURE || intent.getAmountReceived() < intent.getAmount()
                    ? GatewayOutcome.APPROVED : GatewayOutcome.DECLINED;
            case "requires_capture" -> GatewayOutcome.NOT_FOUND;
            case "canceled" -> op.kind() == Kind.VOID ? GatewayOutcome.APPROVED : GatewayOutcome.DECLINED;
            default -> GatewayOutcome.UNKNOWN;
        };
    }

    private GatewayOutcome refundOutcome(StripeReferences.Operation op, String intent) throws StripeException {
        Refund refund = null;
        if (op.stripeId() != null) {
            refund = stripe.v1().refunds().retrieve(op.stripeId());
        } else {
            for (Refund candidate : stripe.v1().refunds().list(RefundListParams.builder().setPaymentIntent(intent).setLimit(100L).build())
                    .autoPagingIterable()) {
                if (op.operationReference().equals(candidate.getMetadata().get(METADATA_OPERATION))) {
                    refund = candidate;
                    break;
                }
            }
        }
        if (refund == null) {
            return GatewayOutcome.NOT_FOUND;
        }
        return switch (refund.getStatus()) {
            case "succeeded", "pending" -> GatewayOutcome.APPROVED;
            case "failed", "canceled" -> GatewayOutcome.DECLINED;
            default -> GatewayOutcome.UNKNOWN;
        };
    }

    /**
     * The PaymentIntent of a payment: as Stripe named it in an answer, or found by Telepay's metadata when that
     * answer was lost (Stripe's search lags its writes by up to a minute; the reconciler's first question comes
     * later, and a payment it cannot find yet is asked about again until the not-found grace has passed).
     */
    Optional<String> paymentIntentOf(String reference) throws StripeException {
        Optional<String> known = references.paymentIntent(reference);
        if (known.isPresent()) {
            return known;
        }
        var found = stripe.v1().paymentIntents().search(PaymentIntentSearchParams.builder()
                .setQuery("metadata['" + METADATA_PAYMENT + "']:'" + reference.replace("'", "") + "'").build());
        Optional<String> id = found.getData().stream().findFirst().map(PaymentIntent::getId);
        id.ifPresent(pi -> references.intentNamed(reference, pi, "automatic"));
        return id;
    }

    /** The Telepay payment a PaymentIntent belongs to: by this adapter's records, else by its metadata at Stripe. */
    Optional<String> referenceOf(String paymentIntent) throws StripeException {
        Optional<String> known = references.referenceOf(paymentIntent);
        if (known.isPresent()) {
            return known;
        }
        PaymentIntent intent = stripe.v1().paymentIntents().retrieve(paymentIntent, PaymentIntentRetrieveParams.builder().build(),
                RequestOptions.getDefault());
        return Optional.ofNullable(intent.getMetadata().get(METADATA_PAYMENT));
    }

    // ---- availability ----

    @Override
    public GatewayAvailability availability() {
        if (settings.secretKey().isEmpty()) {
            return GatewayAvailability.down("TELEPAY_STRIPE_SECRET_KEY is not set");
        }
        Checked last = availability;
        Instant now = clock.instant();
        if (last != null && last.at().plus(settings.availabilityTtl()).isAfter(now)) {
            return last.availability();
        }
        GatewayAvailability answer;
        try {
            stripe.v1().balance().retrieve();
            answer = GatewayAvailability.UP;
        } catch (PermissionException e) {
            answer = GatewayAvailability.down("Stripe refused the secret key's access (" + e.getStatusCode() + " " + e.getCode()
                    + "): check TELEPAY_STRIPE_SECRET_KEY and the key's permissions");
        } catch (AuthenticationException e) {
            answer = refusedKey(e);
        } catch (ApiConnectionException e) {
            answer = GatewayAvailability.down("Stripe cannot be reached at " + settings.apiBase() + " ("
                    + (e.getCause() == null ? "no answer" : e.getCause().getClass().getSimpleName()) + ")");
        } catch (StripeException e) {
            answer = GatewayAvailability.down("Stripe answered " + e.getStatusCode() + " " + (e.getCode() == null ? "" : e.getCode()));
        }
        availability = new Checked(answer, now);
        return answer;
    }

    private static GatewayAvailability refusedKey(StripeException e) {
        return GatewayAvailability.down("Stripe refused the secret key (" + e.getStatusCode() + " authentication_error): check "
                + "TELEPAY_STRIPE_SECRET_KEY");
    }

    private void markUp() {
        Checked last = availability;
        if (last == null || !last.availability().up()) {
            availability = new Checked(GatewayAvailability.UP, clock.instant());
        }
    }

    // ---- Stripe's errors ----

    /**
     * What a failed call means for the money: a card error is a decline with Stripe's code; a request Stripe
     * refused (bad parameters, a state it does not allow) moved nothing and is declined with its code; refused
     * credentials or a rate limit mean Stripe did not process it; anything else (timeout, reset, 5xx, a
     * conflicting idempotent retry) tells nothing about the money and is UNKNOWN.
     */
    private GatewayResult failure(String call, String reference, StripeException e) {
        log.warn("Stripe {} for {} failed: {} status={} code={} request={}", call, reference, e.getClass().getSimpleName(),
                e.getStatusCode(), e.getCode(), e.getRequestId());
        return switch (e) {
            case CardException card -> {
                PaymentIntent intent = card.getStripeError() == null ? null : card.getStripeError().getPaymentIntent();
                yield GatewayResult.declined(card.getDeclineCode() != null ? card.getDeclineCode()
                        : card.getCode() != null ? card.getCode() : "card_declined", null, intent == null ? null : intent.getId(), null);
            }
            case IdempotencyException idempotency -> GatewayResult.unknown();
            case InvalidRequestException invalid when invalid.getStatusCode() != null && invalid.getStatusCode() < 500
                    && invalid.getStatusCode() != 409 -> GatewayResult.declined(invalid.getCode() == null ? "invalid_request" : invalid.getCode());
            case PermissionException permission -> GatewayResult.notReceived("Stripe refused the secret key's access");
            case AuthenticationException auth -> {
                availability = new Checked(refusedKey(auth), clock.instant());
                yield GatewayResult.notReceived("Stripe refused the secret key");
            }
            case RateLimitException limited -> GatewayResult.notReceived("Stripe's rate limit");
            default -> GatewayResult.unknown();
        };
    }

    private static IllegalStateException unavailable(String what, StripeException e) {
        // the reconciler catches it, keeps the outcome UNKNOWN and asks again later
        return new IllegalStateException("Stripe " + what + " failed: " + e.getClass().getSimpleName() + " " + e.getStatusCode() + " "
                + e.getCode());
    }

    private static String declineCode(StripeError error) {
        if (error == null) {
            return "card_declined";
        }
        return error.getDeclineCode() != null ? error.getDeclineCode() : error.getCode() != null ? error.getCode() : "card_declined";
    }

    private static CardFacts facts(PaymentIntent intent) {
        Charge charge = intent.getLatestChargeObject();
        if (charge == null || charge.getPaymentMethodDetails() == null || charge.getPaymentMethodDetails().getCard() == null) {
            return null;
        }
        var card = charge.getPaymentMethodDetails().getCard();
        return new CardFacts(card.getFingerprint(), card.getBrand(), card.getCountry(), card.getFunding());
    }

    private static RequestOptions idempotent(String key) {
        return RequestOptions.builder().setIdempotencyKey(key).build();
    }
}
