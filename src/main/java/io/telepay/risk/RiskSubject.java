package io.telepay.risk;

import java.time.Instant;

import io.telepay.shared.Money;

/**
 * What is known about a payment attempt when it is screened. Holds no card number: the card is
 * known by its keyed fingerprint.
 *
 * @param sentTo   the phone or e-mail the pay link went to, or null
 * @param clientIp the address the card was entered from (pay page), or null (keypad)
 */
public record RiskSubject(String paymentId, String orderId, String customerId, String agentId, Money amount,
                          String cardFingerprint, String cardBin, String customerPhone, String customerEmail,
                          String sentTo, String clientIp, String channel, Instant at) {
}
