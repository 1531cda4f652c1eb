package io.telepay.payment;

/** An attempt was declined, by risk before the gateway or by the acquirer. */
public record PaymentDeclined(String paymentId, String orderId, String customerId, String agentId, String declineCode,
                              String cardFingerprint) {
}
