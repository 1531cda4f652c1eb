package io.telepay.vault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import com.google.crypto.tink.KeysetHandle;
import io.telepay.audit.AuditTrail;
import io.telepay.shared.AppKeys;
import io.telepay.shared.Db;
import io.telepay.shared.Deployment;
import io.telepay.vault.crypto.CardCipher;
import io.telepay.vault.crypto.KeyEncryptionKey;
import io.telepay.vault.crypto.Keysets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The vault's keys: the key-encryption key (KEK) from the environment, and the card-encryption and
 * fingerprint keysets it unlocks from the database. Fails closed: without a KEK that opens the
 * keysets, {@link #cipher()} refuses with {@link VaultUnavailable} — except on the embedded demo,
 * which generates its KEK file once.
 *
 * <p>Instances share the keysets through the database. Each re-reads them when a minute has passed
 * since it last looked and another instance has rotated them, and at once when it meets a card
 * sealed by a key it does not hold yet.
 */
@Component
class VaultKeys {

    static final String ENCRYPTION = "card-encryption";
    static final String FINGERPRINT = "card-fingerprint";
    static final String EMBEDDED_KEK_FILE = "vault-kek.key";

    private static final Logger log = LoggerFactory.getLogger(VaultKeys.class);
    private static final Duration REFRESH = Duration.ofMinutes(1);

    private final KeyEncryptionKey kek;
    private final String missingKek;
    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final AuditTrail audit;
    private final Clock clock;
    private final AtomicBoolean checking = new AtomicBoolean();

    private volatile Loaded loaded;
    private volatile String loadFailure;

    VaultKeys(@Value("${telepay.vault.kek:${TELEPAY_VAULT_KEK:}}") String configuredKek,
              @Value("${telepay.vault.kek-file:${TELEPAY_VAULT_KEK_FILE:}}") String kekFile,
              Deployment deployment, JdbcClient jdbc, PlatformTransactionManager transactions, AuditTrail audit,
              Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        KeyEncryptionKey found = null;
        String missing = null;
        try {
            found = resolveKek(configuredKek, kekFile, deployment);
            if (found == null) {
                missing = "no key-encryption key: set TELEPAY_VAULT_KEK (base64, at least 32 bytes) or TELEPAY_VAULT_KEK_FILE";
            }
        } catch (RuntimeException e) {
            // the messages of AppKeys.decode and of file access name the setting, never key material
            missing = "key-encryption key unusable: " + e.getMessage();
        }
        this.kek = found;
        this.missingKek = missing;
        if (missing != null) {
            log.error("Vault UNAVAILABLE, card payments are refused: {}", missing);
        }
    }

    /**
     * Order: the value of {@code TELEPAY_VAULT_KEK}, the file {@code TELEPAY_VAULT_KEK_FILE}, and on the
     * embedded default only a key file generated under the data directory. Null when there is none.
     */
    private static KeyEncryptionKey resolveKek(String configured, String file, Deployment deployment) {
        if (!configured.isBlank()) {
            return KeyEncryptionKey.of(AppKeys.decode(configured, "TELEPAY_VAULT_KEK"), "TELEPAY_VAULT_KEK");
        }
        if (!file.isBlank()) {
            Path path = Path.of(file.strip());
            try {
                return KeyEncryptionKey.of(AppKeys.decode(Files.readString(path), "TELEPAY_VAULT_KEK_FILE"), "key file " + path);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read TELEPAY_VAULT_KEK_FILE " + path + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        if (deployment.embedded()) {
            byte[] material = AppKeys.embeddedKey(deployment, EMBEDDED_KEK_FILE);
            return KeyEncryptionKey.of(material, "embedded key file " + deployment.dataDir().resolve(EMBEDDED_KEK_FILE)
                    + " (embedded demo only; production sets TELEPAY_VAULT_KEK)");
        }
        return null;
    }

    /** Where the KEK came from (safe to log), or null when there is none. */
    String kekSource() {
        return kek == null ? null : kek.source();
    }

    /**
     * The cipher of the current keysets, creating them on the very first use.
     *
     * @throws VaultUnavailable without a KEK, or when the KEK does not open the stored keysets
     */
    CardCipher cipher() {
        Loaded current = loaded;
        if (current == null) {
            return reload().cipher();
        }
        Instant now = clock.instant();
        if (now.isAfter(current.checkedAt().plus(REFRESH)) && checking.compareAndSet(false, true)) {
            try {
                Long version = jdbc.sql("select version from vault_keyset where purpose = :p")
                        .param("p", ENCRYPTION).query(Long.class).optional().orElse(null);
                current = Objects.equals(version, current.version()) ? current.checkedAt(now) : reload();
                loaded = current;
            } finally {
                checking.set(false);
            }
        }
        return current.cipher();
    }

    /** A cipher holding the key that sealed a card, re-reading the keysets if another instance added it. */
    CardCipher cipherHolding(long keyId) {
        CardCipher cipher = cipher();
        return cipher.holdsKey(keyId) ? cipher : reload().cipher();
    }

    /** Whether the vault can encrypt and decrypt, and if not why; loads the keysets if not done yet. */
    VaultStatus status() {
        if (kek == null) {
            return VaultStatus.down(missingKek);
        }
        try {
            Loaded current = loaded != null ? loaded : reload();
            return VaultStatus.up(kek.source(), current.cipher().primaryKeyId(), current.keys());
        } catch (VaultUnavailable e) {
            return VaultStatus.down(loadFailure);
        } catch (RuntimeException e) {
            return VaultStatus.down("keysets cannot be read: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Adds a fresh AES-256-GCM key to the card-encryption keyset and makes it primary: new cards are
     * sealed with it, older keys still open what they sealed. Audited.
     */
    KeyRotation rotate() {
        requireKek();
        cipher(); // creates the keysets if this is the first use
        KeyRotation rotation = ownTransaction.execute(status -> {
            byte[] wrapped = jdbc.sql("select keyset from vault_keyset where purpose = :p for update")
                    .param("p", ENCRYPTION).query(byte[].class).single();
            KeysetHandle current = unwrap(wrapped, ENCRYPTION);
            KeysetHandle next = Keysets.withNewPrimary(current);
            long newKeyId = Keysets.primaryKeyId(next);
            jdbc.sql("""
                    update vault_keyset set keyset = :keyset, primary_key_id = :primary, version = version + 1,
                           updated_at = :now
                    where purpose = :p""")
                    .param("keyset", kek.wrap(next, ENCRYPTION)).param("primary", newKeyId)
                    .param("now", Db.ts(clock.instant())).param("p", ENCRYPTION).update();
            var result = new KeyRotation(Keysets.primaryKeyId(current), newKeyId, Keysets.enabledKeys(next));
            audit.record("vault.key.rotated", "vault-keyset:" + ENCRYPTION, Map.of(
                    "previousKeyId", result.previousKeyId(), "newKeyId", result.newKeyId(), "keys", result.keys()));
            return result;
        });
        reload();
        log.info("Vault: card-encryption key rotated, new primary key {} (previous {}, {} keys)",
                rotation.newKeyId(), rotation.previousKeyId(), rotation.keys());
        return rotation;
    }

    /** Re-reads the keysets now. */
    synchronized Loaded reload() {
        requireKek();
        Map<String, StoredKeyset> stored = readKeysets();
        if (stored.size() < 2) {
            createMissing(stored);
            stored = readKeysets();
        }
        StoredKeyset encryption = stored.get(ENCRYPTION);
        KeysetHandle encryptionKeys = unwrap(encryption.keyset(), ENCRYPTION);
        KeysetHandle fingerprintKeys = unwrap(stored.get(FINGERPRINT).keyset(), FINGERPRINT);
        Loaded fresh = new Loaded(new CardCipher(encryptionKeys, fingerprintKeys), encryption.version(),
                Keysets.enabledKeys(encryptionKeys), clock.instant());
        loaded = fresh;
        loadFailure = null;
        return fresh;
    }

    private KeysetHandle unwrap(byte[] wrapped, String purpose) {
        try {
            return kek.unwrap(wrapped, purpose);
        } catch (GeneralSecurityException e) {
            String reason = "the key-encryption key from " + kek.source() + " does not open the stored " + purpose
                    + " keyset: is it the key the vault was set up with?";
            if (!reason.equals(loadFailure)) {
                log.error("Vault UNAVAILABLE, card payments are refused: {}", reason);
            }
            loadFailure = reason;
            throw new VaultUnavailable();
        }
    }

    private Map<String, StoredKeyset> readKeysets() {
        Map<String, StoredKeyset> stored = new HashMap<>();
        jdbc.sql("select purpose, keyset, version from vault_keyset")
                .query((rs, n) -> new StoredKeyset(rs.getString("purpose"), rs.getBytes("keyset"), rs.getLong("version")))
                .list()
                .forEach(k -> stored.put(k.purpose(), k));
        return stored;
    }

    private void createMissing(Map<String, StoredKeyset> stored) {
        for (String purpose : new String[] {ENCRYPTION, FINGERPRINT}) {
            if (stored.containsKey(purpose)) {
                continue;
            }
            KeysetHandle keyset = purpose.equals(ENCRYPTION) ? Keysets.newCardEncryption() : Keysets.newFingerprint();
            long primary = Keysets.primaryKeyId(keyset);
            try {
                ownTransaction.executeWithoutResult(status -> {
                    jdbc.sql("""
                            insert into vault_keyset (purpose, keyset, primary_key_id, version, updated_at)
                            values (:p, :keyset, :primary, 1, :now)""")
                            .param("p", purpose).param("keyset", kek.wrap(keyset, purpose)).param("primary", primary)
                            .param("now", Db.ts(clock.instant())).update();
                    audit.record("vault.keyset.created", "vault-keyset:" + purpose, Map.of("primaryKeyId", primary));
                });
                log.info("Vault: created the {} keyset (primary key {}), encrypted under the key-encryption key", purpose, primary);
            } catch (DuplicateKeyException anotherInstanceWasFirst) {
                log.debug("{} keyset created by another instance", purpose);
            }
        }
    }

    private void requireKek() {
        if (kek == null) {
            throw new VaultUnavailable();
        }
    }

    record Loaded(CardCipher cipher, long version, int keys, Instant checkedAt) {

        Loaded checkedAt(Instant now) {
            return new Loaded(cipher, version, keys, now);
        }
    }

    private record StoredKeyset(String purpose, byte[] keyset, long version) {
    }

    /** What a rotation did: key ids as Tink numbers them, and how many keys can now decrypt. */
    record KeyRotation(long previousKeyId, long newKeyId, int keys) {
    }

    /** The vault's state for health checks and the start-up log; never holds key material. */
    record VaultStatus(boolean available, String reason, String kekSource, long primaryKeyId, int keys) {

        static VaultStatus up(String kekSource, long primaryKeyId, int keys) {
            return new VaultStatus(true, null, kekSource, primaryKeyId, keys);
        }

        static VaultStatus down(String reason) {
            return new VaultStatus(false, reason, null, 0, 0);
        }
    }
}
