package io.telepay.gateway;

import io.telepay.shared.Money;

/**
 * Something a payment platform reported on its own about a Telepay payment (a webhook): published once
 * per platform event, after the event is stored, for the payment side to apply. {@code eventId} names the
 * stored {@link GatewayEvents} row whose outcome the applier records.
 */
public sealed interface PlatformNotice {

    String provider();

    String eventId();

    /** Telepay's payment id. */
    String paymentReference();

    /**
     * The cardholder's bank disputes the payment. {@code inquiry}: only a question so far, no money taken
     * (Stripe's {@code warning_needs_response}); otherwise {@code amount} has left the merchant's balance.
     */
    record DisputeOpened(String provider, String eventId, String paymentReference, String disputeId, Money amount,
                         String reason, boolean inquiry) implements PlatformNotice {
    }

    /** A dispute ended: {@code won} gives the money back to the merchant, lost keeps it with the cardholder. */
    record DisputeClosed(String provider, String eventId, String paymentReference, String disputeId, Money amount,
                         String reason, boolean won, boolean inquiry) implements PlatformNotice {
    }

    /** The platform's total refunded for the payment is now {@code refundedTotal} (Telepay's refunds, or some made on its dashboard). */
    record RefundReported(String provider, String eventId, String paymentReference, Money refundedTotal) implements PlatformNotice {
    }

    /** A hosted payment page was paid (or its authorization approved): the payment exists at the platform. */
    record CheckoutPaid(String provider, String eventId, String paymentReference, String sessionReference,
                        HostedCheckout.HostedPageState.Paid paid) implements PlatformNotice {
    }

    /** A hosted payment page expired unpaid. */
    record CheckoutExpired(String provider, String eventId, String paymentReference, String sessionReference)
            implements PlatformNotice {
    }

    /** A card the customer tried on a hosted page was declined; the page stays open for another card. */
    record CheckoutAttemptFailed(String provider, String eventId, String paymentReference, String sessionReference,
                                 String declineCode) implements PlatformNotice {
    }
}
