package io.telepay.risk;

import java.time.Instant;

import io.telepay.shared.Money;

/**
 * What is known about a payment attempt when it is screened. Holds no card number: the card is
 * known by its keyed fingerprint.
 *
 * @param sentTo          the phone or e-mail the pay link went to, or null
 * @param clientIp        the address the card was entered from (pay page), or null (keypad)
 * @param customerName    the customer's name as registered, or null
 * @param customerCountry the customer's country (ISO 3166 alpha-2), or null
 * @param holderName      the name the customer typed as on the card, or null
 * @param deviceId        the pay page's device cookie, or null (keypad, or cookies refused)
 * @param productSku      the order's main product (its largest line), or null
 */
public record RiskSubject(String paymentId, String orderId, String customerId, String agentId, Money amount,
                          String cardFingerprint, String cardBin, String customerPhone, String customerEmail,
                          String sentTo, String clientIp, String channel, Instant at, String customerName,
                          String customerCountry, String holderName, String deviceId, String productSku) {

    /** The subject without the details the rules engine added (name, country, holder, device, product). */
    public RiskSubject(String paymentId, String orderId, String customerId, String agentId, Money amount,
                       String cardFingerprint, String cardBin, String customerPhone, String customerEmail,
                       String sentTo, String clientIp, String channel, Instant at) {
        this(paymentId, orderId, customerId, agentId, amount, cardFingerprint, cardBin, customerPhone, customerEmail, sentTo,
                clientIp, channel, at, null, null, null, null, null);
    }

    @Override
    public String toString() {
        return "RiskSubject[" + paymentId + "]";
    }
}
