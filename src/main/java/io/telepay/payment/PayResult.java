package io.telepay.payment;

/**
 * The answer to a submitted card (pay page and keypad alike).
 *
 * @param status    SUCCEEDED, DECLINED, REVIEW, PENDING (the acquirer's answer is being confirmed) or FAILED
 *                  (the session allows no more attempts)
 * @param paymentId whenever a payment exists
 * @param message   for the customer, in English; the pay page shows its own localized text
 */
public record PayResult(String status, String paymentId, String message, String declineCode) {

    static PayResult succeeded(String paymentId) {
        return new PayResult("SUCCEEDED", paymentId, "Payment approved. Thank you.", null);
    }

    static PayResult review(String paymentId) {
        return new PayResult("REVIEW", paymentId, "Payment received; it is being checked before it is charged.", null);
    }

    static PayResult pending(String paymentId) {
        return new PayResult("PENDING", paymentId, "We are confirming the payment with your bank. Do not pay again.", null);
    }

    static PayResult declined(String paymentId, String code, boolean sessionFailed) {
        return new PayResult(sessionFailed ? "FAILED" : "DECLINED", paymentId,
                sessionFailed ? "The card was declined and this payment link can no longer be used. Contact the seller."
                        : "The card was declined. You can try another card.", code);
    }
}
