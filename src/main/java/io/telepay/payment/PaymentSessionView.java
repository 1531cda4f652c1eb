package io.telepay.payment;

import java.time.Instant;

import io.telepay.shared.Money;

/**
 * A payment session as the agent follows it: never a digit of the card.
 *
 * @param payUrl    the link for the customer; given only when the session is created
 * @param progress  where the customer is, in words ("16 digits entered, valid")
 * @param paymentId the payment made in it, once there is one
 */
public record PaymentSessionView(String id, String orderId, SessionStatus status, String channel, String sendTo,
                                 Money amount, String payUrl, Instant expiresAt, SessionStep step, String progress,
                                 int declinedAttempts, String paymentId, Instant createdAt) {

    PaymentSessionView withPayUrl(String url) {
        return new PaymentSessionView(id, orderId, status, channel, sendTo, amount, url, expiresAt, step, progress,
                declinedAttempts, paymentId, createdAt);
    }
}
