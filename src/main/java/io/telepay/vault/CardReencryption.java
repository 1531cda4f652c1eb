package io.telepay.vault;

import java.util.List;
import java.util.Map;

import io.telepay.audit.AuditTrail;
import io.telepay.vault.crypto.CardUnreadable;
import io.telepay.vault.crypto.SealedCard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves cards sealed by older keys to the primary key after a rotation, a batch per transaction.
 * Progress is the data itself (each card's key id), so a run that stops half-way is resumed by
 * running again; two runs at once do no harm, each card is replaced only if still on its old key.
 */
@Service
class CardReencryption {

    static final int DEFAULT_BATCH_SIZE = 500;

    private static final Logger log = LoggerFactory.getLogger(CardReencryption.class);

    private final VaultKeys keys;
    private final StoredCards cards;
    private final AuditTrail audit;
    private final TransactionTemplate transaction;

    CardReencryption(VaultKeys keys, StoredCards cards, AuditTrail audit, PlatformTransactionManager transactions) {
        this.keys = keys;
        this.cards = cards;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Re-encrypts every card not on the primary key, in batches; returns what it did. */
    Result run(int batchSize) {
        return run(batchSize, Integer.MAX_VALUE);
    }

    /** As {@link #run(int)}, stopping after {@code maxBatches} batches (what a stopped job leaves behind). */
    Result run(int batchSize, int maxBatches) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        long primary = keys.reload().cipher().primaryKeyId();
        long moved = 0;
        long unreadable = 0;
        String after = "";
        for (int batch = 0; batch < maxBatches; batch++) {
            String from = after;
            Batch done = transaction.execute(status -> batch(primary, from, batchSize));
            moved += done.moved();
            unreadable += done.unreadable();
            if (done.scanned() < batchSize) {
                break;
            }
            after = done.lastToken();
        }
        long remaining = cards.countSealedByOtherKey(primary);
        log.info("Vault re-encryption: {} cards moved to key {}, {} unreadable, {} still on older keys",
                moved, primary, unreadable, remaining);
        return new Result(primary, moved, unreadable, remaining);
    }

    private Batch batch(long primary, String after, int size) {
        List<StoredCards.Sealed> found = cards.sealedByOtherKey(primary, after, size);
        int moved = 0;
        int unreadable = 0;
        for (StoredCards.Sealed card : found) {
            try {
                SealedCard resealed = keys.cipherHolding(card.keyId()).reseal(card.token(), card.ciphertext());
                if (resealed.keyId() == primary && cards.replace(resealed, card.keyId())) {
                    moved++;
                }
            } catch (CardUnreadable e) {
                // leave it for an operator: dropping it would lose a customer's card without a trace
                log.error("Vault re-encryption: {}", e.getMessage());
                unreadable++;
            }
        }
        if (moved > 0) {
            audit.record("vault.cards.reencrypted", "vault-keyset:" + VaultKeys.ENCRYPTION,
                    Map.of("cards", moved, "keyId", primary, "unreadable", unreadable));
        }
        String last = found.isEmpty() ? after : found.getLast().token();
        return new Batch(found.size(), moved, unreadable, last);
    }

    private record Batch(int scanned, int moved, int unreadable, String lastToken) {
    }

    /**
     * @param primaryKeyId the key the cards were moved to
     * @param remaining    cards still on another key: unreadable ones, or sealed by an instance that had
     *                     not yet seen the rotation (run again a minute later)
     */
    record Result(long primaryKeyId, long moved, long unreadable, long remaining) {
    }
}
