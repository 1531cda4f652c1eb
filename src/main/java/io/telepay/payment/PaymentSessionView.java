package io.telepay.payment;

import java.time.Instant;

import io.telepay.shared.Money;

/**
 * A payment session as the agent follows it: never a digit of the card.
 *
 * @param payUrl    the link for the customer; given only when the session is created
 * @param progress  where the customer is, in words ("16 digits entered, valid")
 * @param paymentId the payment made in it, once there is one
 * @param keypadCode an IVR session's code for the phone line (digits), when the SIP endpoint is on
 * @param sipUri    the SIP URI that reaches the session's secure IVR, with {@code keypadCode}
 * @param openedAt  when the customer first opened the pay link; null until then (and for keypad sessions and a
 *                  platform's hosted page, which Telepay does not see opened)
 */
public record PaymentSessionView(String id, String orderId, SessionStatus status, String channel, String sendTo,
                                 Money amount, String payUrl, Instant expiresAt, SessionStep step, String progress,
                                 int declinedAttempts, String paymentId, Instant createdAt,
                                 String keypadCode, String sipUri, Instant openedAt) {

    PaymentSessionView withPayUrl(String url) {
        return new PaymentSessionView(id, orderId, status, channel, sendTo, amount, url, expiresAt, step, progress,
                declinedAttempts, paymentId, createdAt, keypadCode, sipUri, openedAt);
    }

    PaymentSessionView withKeypad(String code, String uri) {
        return new PaymentSessionView(id, orderId, status, channel, sendTo, amount, payUrl, expiresAt, step, progress,
                declinedAttempts, paymentId, createdAt, code, uri, openedAt);
    }
}
