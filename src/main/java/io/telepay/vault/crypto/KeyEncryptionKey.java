package io.telepay.vault.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.subtle.Hkdf;

/**
 * The key-encryption key (KEK): the one secret an operator supplies. It never encrypts a card; it
 * encrypts the vault's keysets, which are stored in the database so that every instance shares them.
 * Whoever has the database but not the KEK has ciphertexts only.
 */
public final class KeyEncryptionKey {

    private static final byte[] HKDF_INFO = "telepay-vault-kek".getBytes(StandardCharsets.UTF_8);

    private final Aead aead;
    private final String source;

    private KeyEncryptionKey(Aead aead, String source) {
        this.aead = aead;
        this.source = source;
    }

    /**
     * A KEK from at least 32 bytes of key material, stretched by HKDF-SHA256 to an AES-256-GCM key so
     * that longer material is used whole.
     *
     * @param source where the material came from, for the start-up log (never the material)
     */
    public static KeyEncryptionKey of(byte[] material, String source) {
        if (material.length < 32) {
            throw new IllegalArgumentException("a key-encryption key needs at least 32 bytes");
        }
        try {
            byte[] key = Hkdf.computeHkdf("HMACSHA256", material, new byte[0], HKDF_INFO, 32);
            return new KeyEncryptionKey(new AesGcmJce(key), source);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up the key-encryption key", e);
        }
    }

    /** Where the KEK came from, e.g. {@code TELEPAY_VAULT_KEK}; safe to log. */
    public String source() {
        return source;
    }

    /** The keyset encrypted under this KEK, bound to its purpose so one keyset cannot pass for another. */
    public byte[] wrap(KeysetHandle keyset, String purpose) {
        try {
            return TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, aead, associatedData(purpose));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt the " + purpose + " keyset", e);
        }
    }

    /**
     * Decrypts a keyset this KEK wrapped for the purpose.
     *
     * @throws GeneralSecurityException when the KEK is another one, or the bytes or purpose were changed
     */
    public KeysetHandle unwrap(byte[] wrapped, String purpose) throws GeneralSecurityException {
        Keysets.ensureRegistered();
        return TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, aead, associatedData(purpose));
    }

    private static byte[] associatedData(String purpose) {
        return ("telepay-vault-keyset:" + purpose).getBytes(StandardCharsets.UTF_8);
    }
}
