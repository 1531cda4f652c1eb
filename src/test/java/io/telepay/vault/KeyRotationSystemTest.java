package io.telepay.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import io.telepay.audit.AuditTrail;
import io.telepay.shared.Deployment;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Rotation of the card-encryption key and re-encryption of stored cards, on the shared database.
 * Other tests' cards get moved too, which is what the job must do anyway.
 */
class KeyRotationSystemTest extends SystemTest {

    @Autowired
    CardVault vault;
    @Autowired
    VaultKeys keys;
    @Autowired
    CardReencryption reencryption;

    @Autowired
    Deployment deployment;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    AuditTrail audit;
    @Value("${telepay.vault.kek}")
    String kek;

    @Test
    void afterRotationOldCardsStillDecryptAndNewCardsUseTheNewKey() {
        String oldDigits = TestCards.luhnValid("4", 16);
        StoredCard old = tokenize(oldDigits);
        long oldKey = keyOf(old.token());

        VaultKeys.KeyRotation rotation = keys.rotate();
        String newDigits = TestCards.luhnValid("4", 19);
        StoredCard fresh = tokenize(newDigits);

        assertThat(rotation.previousKeyId()).isEqualTo(oldKey);
        assertThat(keyOf(fresh.token())).isEqualTo(rotation.newKeyId()).isNotEqualTo(oldKey);
        assertThat(vault.detokenize(old.token()).digits()).isEqualTo(oldDigits);
        assertThat(vault.detokenize(fresh.token()).digits()).isEqualTo(newDigits);
        assertThat(fresh.fingerprint()).isEqualTo(vault.fingerprint(CardNumber.parse(newDigits)));
        assertThat(old.fingerprint()).isEqualTo(vault.fingerprint(CardNumber.parse(oldDigits)));
    }

    @Test
    void rotationIsAudited() {
        VaultKeys.KeyRotation rotation = keys.rotate();

        // found by its key id, not as the newest entry: other contexts on the same database rotate too, and an entry
        // gets its place in the chain (seq) from the sequencer a moment after it is written
        var details = jdbc.sql("select details from audit_entry where action = 'vault.key.rotated'").query(String.class).list()
                .stream().filter(d -> d.matches(".*\"newKeyId\":" + rotation.newKeyId() + "[,}].*")).toList();
        assertThat(details).hasSize(1);
        assertThat(details.getFirst()).contains("\"previousKeyId\":" + rotation.previousKeyId());
    }

    @Test
    void reencryptionMovesEveryCardToThePrimaryKeyAndResumesWhereItStopped() {
        String[] digits = {TestCards.luhnValid("51", 16), TestCards.luhnValid("3528", 16), TestCards.luhnValid("62", 17)};
        StoredCard[] cards = new StoredCard[digits.length];
        for (int i = 0; i < digits.length; i++) {
            cards[i] = tokenize(digits[i]);
        }
        long primary = keys.rotate().newKeyId();
        long before = countOnOtherKeys(primary);
        assertThat(before).isGreaterThanOrEqualTo(digits.length);

        CardReencryption.Result stopped = reencryption.run(1, 1);
        assertThat(stopped.moved() + stopped.unreadable()).isEqualTo(1);
        assertThat(stopped.remaining()).isEqualTo(before - stopped.moved());

        CardReencryption.Result resumed = reencryption.run(2);
        assertThat(resumed.moved()).isEqualTo(before - stopped.moved() - resumed.unreadable());
        // only cards no key opens stay behind (none, unless a test altered one in the database)
        assertThat(resumed.remaining()).isEqualTo(resumed.unreadable());
        for (int i = 0; i < digits.length; i++) {
            assertThat(keyOf(cards[i].token())).isEqualTo(primary);
            assertThat(vault.detokenize(cards[i].token()).digits()).isEqualTo(digits[i]);
        }
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'vault.cards.reencrypted'")
                .query(Long.class).single()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void anotherInstanceOpensCardsSealedUnderAKeyItHasNotSeenYet() {
        VaultKeys otherInstance = new VaultKeys(kek, "", deployment, jdbc, transactions, audit, Clock.systemUTC());
        CardVault otherVault = new CardVault(otherInstance, new StoredCards(jdbc), audit, clock);
        otherVault.find("tok_warm-up");
        otherInstance.cipher();

        keys.rotate();
        String digits = TestCards.luhnValid("4", 16);
        StoredCard sealedHere = tokenize(digits);

        assertThat(otherInstance.cipher().holdsKey(keyOf(sealedHere.token()))).isFalse();
        assertThat(otherVault.detokenize(sealedHere.token()).digits()).isEqualTo(digits);
        assertThat(otherInstance.cipher().primaryKeyId()).isEqualTo(keys.cipher().primaryKeyId());
    }

    private StoredCard tokenize(String digits) {
        return vault.tokenize(CardNumber.parse(digits), TestCards.futureExpiry(clock), null);
    }

    private long keyOf(String token) {
        return jdbc.sql("select key_id from vault_card where token = :t").param("t", token).query(Long.class).single();
    }

    private long countOnOtherKeys(long primary) {
        return jdbc.sql("select count(*) from vault_card where key_id <> :k").param("k", primary).query(Long.class).single();
    }
}
