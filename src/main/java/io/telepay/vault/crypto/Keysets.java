package io.telepay.vault.crypto;

import java.security.GeneralSecurityException;

import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfConfig;

/**
 * The two keysets of the vault, both stored in the database wrapped under the key-encryption key.
 *
 * <p>Card encryption: AES-256-GCM keys, one primary, older ones kept to decrypt what they encrypted
 * (rotation adds a primary).
 *
 * <p>Card fingerprint: one HMAC-SHA256 key of its own (a Tink PRF keyset), never rotated, because a
 * new key would give every card a new fingerprint and blind the risk engine's card lists and
 * velocity rules to its history. It is a stored random key rather than one derived from the KEK so
 * that replacing a leaked KEK (re-wrapping the keysets) changes no fingerprint, and so that the KEK
 * stays a key that only ever encrypts keysets.
 */
public final class Keysets {

    static {
        try {
            AeadConfig.register();
            PrfConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Keysets() {
    }

    /** Parsing a stored keyset needs Tink's key types registered, which loading this class does. */
    static void ensureRegistered() {
        // the static initializer has run by the time this returns
    }

    /** A card-encryption keyset with one fresh AES-256-GCM primary key. */
    public static KeysetHandle newCardEncryption() {
        try {
            return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a card-encryption key", e);
        }
    }

    /** A fingerprint keyset with one fresh HMAC-SHA256 PRF key. */
    public static KeysetHandle newFingerprint() {
        try {
            return KeysetHandle.generateNew(PredefinedPrfParameters.HMAC_SHA256_PRF);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a fingerprint key", e);
        }
    }

    /** The keyset plus a fresh AES-256-GCM key made primary; the other keys stay enabled for decryption. */
    public static KeysetHandle withNewPrimary(KeysetHandle keyset) {
        try {
            return KeysetHandle.newBuilder(keyset)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId().makePrimary())
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot add a card-encryption key", e);
        }
    }

    /** The primary key's id as stored beside each ciphertext (Tink's unsigned 32-bit key id). */
    public static long primaryKeyId(KeysetHandle keyset) {
        return Integer.toUnsignedLong(keyset.getPrimary().getId());
    }

    /** How many keys the keyset holds that can still decrypt. */
    public static int enabledKeys(KeysetHandle keyset) {
        int enabled = 0;
        for (int i = 0; i < keyset.size(); i++) {
            if (keyset.getAt(i).getStatus() == KeyStatus.ENABLED) {
                enabled++;
            }
        }
        return enabled;
    }

    static boolean holdsKey(KeysetHandle keyset, long keyId) {
        for (int i = 0; i < keyset.size(); i++) {
            if (Integer.toUnsignedLong(keyset.getAt(i).getId()) == keyId && keyset.getAt(i).getStatus() == KeyStatus.ENABLED) {
                return true;
            }
        }
        return false;
    }
}
