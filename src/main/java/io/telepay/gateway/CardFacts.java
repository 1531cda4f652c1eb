package io.telepay.gateway;

/**
 * What a payment platform says about the card it charged, for the risk engine. The fingerprint is the
 * platform's own (the same card gives the same value across that platform's merchants' accounts), not
 * the vault's keyed fingerprint. Any part may be null when the platform did not say.
 *
 * @param brand   the platform's word for the network: {@code visa}, {@code mastercard}, {@code unionpay} …
 * @param country ISO 3166 alpha-2 of the issuer
 * @param funding {@code credit}, {@code debit}, {@code prepaid} or {@code unknown}
 */
public record CardFacts(String fingerprint, String brand, String country, String funding) {
}
