package io.telepay.vault.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.prf.PrfSet;
import io.telepay.shared.Ids;
import io.telepay.shared.InvalidInput;
import io.telepay.vault.CardNumber;

/**
 * Seals card numbers under fresh tokens and opens them again, all in memory. Each seal draws a token
 * of 128 random bits, unrelated to the number, and encrypts the number with the primary AES-256-GCM
 * key, the token being the associated data: a ciphertext copied to another token's row does not
 * decrypt. Thread-safe; one instance serves the whole application until the keysets change.
 */
public final class CardCipher {

    private static final byte FORMAT = 1;
    private static final byte HOLDER_SEPARATOR = 0;
    private static final HexFormat HEX = HexFormat.of();

    private final KeysetHandle encryption;
    private final Aead aead;
    private final PrfSet fingerprints;
    private final long primaryKeyId;

    public CardCipher(KeysetHandle encryption, KeysetHandle fingerprint) {
        Keysets.ensureRegistered();
        try {
            this.encryption = encryption;
            this.aead = encryption.getPrimitive(RegistryConfiguration.get(), Aead.class);
            this.fingerprints = fingerprint.getPrimitive(RegistryConfiguration.get(), PrfSet.class);
            this.primaryKeyId = Keysets.primaryKeyId(encryption);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable vault keysets", e);
        }
    }

    /** Encrypts the number (and the holder name, if given) under a new token with the primary key. */
    public SealedCard seal(CardNumber number, String holderName) {
        return seal(Ids.next("tok_"), number, holderName);
    }

    /**
     * Opens a card sealed by any key of this keyset and seals it again, under the same token, with the
     * primary key: how re-encryption moves cards off an old key after a rotation.
     *
     * @throws CardUnreadable as {@link #open}
     */
    public SealedCard reseal(String token, byte[] ciphertext) {
        OpenedCard card = open(token, ciphertext);
        return seal(token, card.number(), card.holderName());
    }

    private SealedCard seal(String token, CardNumber number, String holderName) {
        byte[] plaintext = encode(number, holderName);
        try {
            byte[] ciphertext = aead.encrypt(plaintext, token.getBytes(StandardCharsets.US_ASCII));
            return new SealedCard(token, ciphertext, primaryKeyId, fingerprint(number));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("card encryption failed", e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * Decrypts what {@link #seal} made for this token.
     *
     * @throws CardUnreadable when the ciphertext or the token was changed, or no key of this keyset made it
     */
    public OpenedCard open(String token, byte[] ciphertext) {
        byte[] plaintext;
        try {
            plaintext = aead.decrypt(ciphertext, token.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new CardUnreadable(token);
        }
        try {
            return decode(token, plaintext);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** HMAC-SHA256 of the whole number under the fingerprint key, hex: equal for equal numbers, whoever presents them. */
    public String fingerprint(CardNumber number) {
        try {
            return HEX.formatHex(fingerprints.computePrimary(number.digits().getBytes(StandardCharsets.US_ASCII), 32));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("card fingerprint failed", e);
        }
    }

    /** The id of the key that {@link #seal} uses now. */
    public long primaryKeyId() {
        return primaryKeyId;
    }

    /** Whether this cipher holds the key of that id, so it can open what the key sealed. */
    public boolean holdsKey(long keyId) {
        return Keysets.holdsKey(encryption, keyId);
    }

    private static byte[] encode(CardNumber number, String holderName) {
        byte[] digits = number.digits().getBytes(StandardCharsets.US_ASCII);
        byte[] holder = holderName == null ? new byte[0] : holderName.getBytes(StandardCharsets.UTF_8);
        byte[] plaintext = new byte[1 + digits.length + (holderName == null ? 0 : 1 + holder.length)];
        plaintext[0] = FORMAT;
        System.arraycopy(digits, 0, plaintext, 1, digits.length);
        if (holderName != null) {
            plaintext[1 + digits.length] = HOLDER_SEPARATOR;
            System.arraycopy(holder, 0, plaintext, 2 + digits.length, holder.length);
        }
        return plaintext;
    }

    private static OpenedCard decode(String token, byte[] plaintext) {
        if (plaintext.length < 2 || plaintext[0] != FORMAT) {
            throw new CardUnreadable(token);
        }
        int end = 1;
        while (end < plaintext.length && plaintext[end] != HOLDER_SEPARATOR) {
            end++;
        }
        try {
            CardNumber number = CardNumber.parse(new String(plaintext, 1, end - 1, StandardCharsets.US_ASCII));
            String holder = end < plaintext.length
                    ? new String(plaintext, end + 1, plaintext.length - end - 1, StandardCharsets.UTF_8) : null;
            return new OpenedCard(number, holder);
        } catch (InvalidInput e) {
            throw new CardUnreadable(token);
        }
    }
}
