package io.telepay.vault;

import java.time.Instant;

/**
 * A tokenized card as every module but the vault knows it: what may be shown (brand, BIN, last 4,
 * expiry) and how to find it again. Holds no secret.
 *
 * @param token       the vault's reference to the encrypted number, {@code tok_} and 128 random bits
 * @param fingerprint the same for every tokenization of the same number (keyed HMAC-SHA256, hex)
 * @param bin         the first 6 digits
 * @param last4       the last 4 digits
 */
public record StoredCard(String token, String fingerprint, CardBrand brand, String bin, String last4,
                         int expMonth, int expYear, Instant createdAt) {
}
