package io.telepay.vault.crypto;

/**
 * A card number encrypted under its token.
 *
 * @param keyId       the card-encryption key that sealed it
 * @param fingerprint keyed HMAC-SHA256 of the number, hex
 */
public record SealedCard(String token, byte[] ciphertext, long keyId, String fingerprint) {
}
