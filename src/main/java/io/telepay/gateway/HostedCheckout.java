package io.telepay.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.telepay.shared.Money;

/**
 * A payment platform's own hosted payment page as the pay link (Stripe Checkout): the customer types the card
 * on the platform's page, never on Telepay's. Present only when the platform adapter runs in that mode; the
 * payment side then makes each LINK session's link here and learns the outcome from the platform's webhooks or,
 * when one is missed, by asking {@link #state}.
 */
public interface HostedCheckout {

    /** The shortest and longest life the platform allows a page. */
    Duration minimumLife();

    Duration maximumLife();

    /**
     * Opens the page for a session, once: the session's id is the platform's idempotency key, so a retried call
     * answers the same page.
     *
     * @throws GatewayUnavailable when the platform refused or did not answer (no link can be sent)
     */
    HostedPage open(HostedPageRequest request);

    /**
     * What became of a page; asked by the reconciler when no webhook said.
     *
     * @throws IllegalStateException when the platform cannot be asked now (ask again later)
     */
    HostedPageState state(String pageId);

    /** Ends an open page at the platform (its session was replaced); best effort, never throws. */
    void close(String pageId);

    /** One line of the order as the customer sees it on the page; {@code unitAmount × quantity} sums to the total. */
    record Line(String name, Money unitAmount, int quantity) {
    }

    /**
     * @param sessionId        Telepay's payment session: the idempotency key and the platform's client reference
     * @param paymentReference the id the payment will have in Telepay once the page is paid
     * @param capture          capture at once (a sale) or hold the authorization for a capture later
     */
    record HostedPageRequest(String sessionId, String paymentReference, String orderId, Money amount, List<Line> lines,
                             Instant expiresAt, boolean capture, String customerEmail) {

        public HostedPageRequest {
            lines = List.copyOf(lines);
        }
    }

    record HostedPage(String provider, String id, String url, Instant expiresAt) {
    }

    /** The card the platform charged, as it describes it: never the number. */
    record HostedCard(String paymentMethod, String fingerprint, String brand, String bin, String last4, int expMonth, int expYear,
                      String country, String funding) {

        public CardFacts facts() {
            return new CardFacts(fingerprint, brand, country, funding);
        }
    }

    /** What became of a page. */
    sealed interface HostedPageState {

        /** The customer has not paid yet and the page is still open. */
        record Open() implements HostedPageState {
        }

        /** The page expired unpaid. */
        record Expired() implements HostedPageState {
        }

        /**
         * Paid: {@code captured} a sale, otherwise an authorization held for capture. {@code paymentReference} is
         * the Telepay payment id the page was opened for.
         */
        record Paid(String paymentReference, String platformPayment, Money amount, boolean captured, HostedCard card)
                implements HostedPageState {
        }
    }
}
