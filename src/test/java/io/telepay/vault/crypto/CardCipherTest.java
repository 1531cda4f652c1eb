package io.telepay.vault.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import com.google.crypto.tink.KeysetHandle;
import io.telepay.shared.Ids;
import io.telepay.vault.CardNumber;
import io.telepay.vault.TestCards;
import org.junit.jupiter.api.Test;

class CardCipherTest {

    private final KeysetHandle fingerprintKeys = Keysets.newFingerprint();
    private final CardCipher cipher = new CardCipher(Keysets.newCardEncryption(), fingerprintKeys);
    private final CardNumber visa = CardNumber.parse(TestCards.luhnValid("4", 16));

    @Test
    void opensWhatItSealedWithTheHolderName() {
        SealedCard sealed = cipher.seal(visa, "林志明");

        OpenedCard opened = cipher.open(sealed.token(), sealed.ciphertext());

        assertThat(opened.number()).isEqualTo(visa);
        assertThat(opened.holderName()).isEqualTo("林志明");
    }

    @Test
    void opensACardSealedWithoutHolderName() {
        SealedCard sealed = cipher.seal(visa, null);

        assertThat(cipher.open(sealed.token(), sealed.ciphertext()).holderName()).isNull();
    }

    @Test
    void tokensAreFreshRandomAndUnrelatedToTheNumber() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            SealedCard sealed = cipher.seal(visa, null);
            assertThat(sealed.token()).startsWith("tok_");
            // 26 base32 characters: 130 bits of which 128 are random
            assertThat(Ids.fromBase32(sealed.token().substring(4))).hasSize(16);
            assertThat(sealed.token()).doesNotContain(visa.last4()).doesNotContain(visa.bin());
            tokens.add(sealed.token());
        }
        assertThat(tokens).hasSize(1_000);
    }

    @Test
    void theCiphertextHoldsNoDigitOfTheNumberAndDiffersEachTime() {
        SealedCard first = cipher.seal(visa, null);
        SealedCard second = cipher.seal(visa, null);

        assertThat(new String(first.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain(visa.digits())
                .doesNotContain(visa.last4() + visa.last4().substring(0, 1));
        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
    }

    @Test
    void sameCardGetsTheSameFingerprintUnderTheSameKey() {
        CardCipher anotherInstance = new CardCipher(Keysets.newCardEncryption(), fingerprintKeys);

        assertThat(cipher.seal(visa, "甲").fingerprint())
                .isEqualTo(cipher.seal(visa, "乙").fingerprint())
                .isEqualTo(anotherInstance.fingerprint(visa))
                .hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void differentCardsOrKeysGiveDifferentFingerprintsAndNeverAPlainHash() throws Exception {
        CardNumber other = CardNumber.parse(TestCards.luhnValid("4", 16));
        String plainSha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(visa.digits().getBytes(StandardCharsets.US_ASCII)));

        assertThat(cipher.fingerprint(visa)).isNotEqualTo(cipher.fingerprint(other)).isNotEqualTo(plainSha256);
        assertThat(new CardCipher(Keysets.newCardEncryption(), Keysets.newFingerprint()).fingerprint(visa))
                .isNotEqualTo(cipher.fingerprint(visa));
    }

    @Test
    void refusesAChangedCiphertext() {
        SealedCard sealed = cipher.seal(visa, null);
        for (int i = 0; i < sealed.ciphertext().length; i++) {
            byte[] altered = sealed.ciphertext().clone();
            altered[i] ^= 0x01;
            assertThatThrownBy(() -> cipher.open(sealed.token(), altered)).isInstanceOf(CardUnreadable.class);
        }
    }

    @Test
    void refusesACiphertextPresentedUnderAnotherToken() {
        SealedCard mine = cipher.seal(visa, null);
        SealedCard theirs = cipher.seal(CardNumber.parse(TestCards.MASTERCARD), null);

        // the token is the associated data: swapping rows' ciphertexts does not swap cards
        assertThatThrownBy(() -> cipher.open(theirs.token(), mine.ciphertext())).isInstanceOf(CardUnreadable.class);
        assertThatThrownBy(() -> cipher.open(mine.token(), theirs.ciphertext())).isInstanceOf(CardUnreadable.class);
        assertThatThrownBy(() -> cipher.open(mine.token() + "x", mine.ciphertext())).isInstanceOf(CardUnreadable.class);
    }

    @Test
    void refusesACiphertextOfAnotherKeyset() {
        SealedCard sealed = new CardCipher(Keysets.newCardEncryption(), fingerprintKeys).seal(visa, null);

        assertThatThrownBy(() -> cipher.open(sealed.token(), sealed.ciphertext())).isInstanceOf(CardUnreadable.class);
    }

    @Test
    void afterRotationNewCardsUseTheNewKeyAndOldOnesStillOpen() {
        KeysetHandle original = Keysets.newCardEncryption();
        CardCipher before = new CardCipher(original, fingerprintKeys);
        SealedCard old = before.seal(visa, "舊卡");

        KeysetHandle rotated = Keysets.withNewPrimary(original);
        CardCipher after = new CardCipher(rotated, fingerprintKeys);
        SealedCard fresh = after.seal(visa, null);

        assertThat(Keysets.enabledKeys(rotated)).isEqualTo(2);
        assertThat(after.primaryKeyId()).isNotEqualTo(before.primaryKeyId());
        assertThat(fresh.keyId()).isEqualTo(after.primaryKeyId());
        assertThat(old.keyId()).isEqualTo(before.primaryKeyId());
        assertThat(after.holdsKey(old.keyId())).isTrue();
        assertThat(before.holdsKey(fresh.keyId())).isFalse();
        assertThat(after.open(old.token(), old.ciphertext()).number()).isEqualTo(visa);
        assertThat(fresh.fingerprint()).isEqualTo(old.fingerprint());
    }

    @Test
    void resealingMovesACardToThePrimaryKeyUnderTheSameToken() {
        KeysetHandle original = Keysets.newCardEncryption();
        SealedCard old = new CardCipher(original, fingerprintKeys).seal(visa, "黃淑芬");
        CardCipher after = new CardCipher(Keysets.withNewPrimary(original), fingerprintKeys);

        SealedCard moved = after.reseal(old.token(), old.ciphertext());

        assertThat(moved.token()).isEqualTo(old.token());
        assertThat(moved.keyId()).isEqualTo(after.primaryKeyId()).isNotEqualTo(old.keyId());
        OpenedCard opened = after.open(moved.token(), moved.ciphertext());
        assertThat(opened.number()).isEqualTo(visa);
        assertThat(opened.holderName()).isEqualTo("黃淑芬");
    }
}
