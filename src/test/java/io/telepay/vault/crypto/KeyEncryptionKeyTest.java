package io.telepay.vault.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import com.google.crypto.tink.KeysetHandle;
import io.telepay.vault.CardNumber;
import io.telepay.vault.TestCards;
import org.junit.jupiter.api.Test;

class KeyEncryptionKeyTest {

    private final KeyEncryptionKey kek = KeyEncryptionKey.of(random(32), "test");

    @Test
    void unwrapsWhatItWrappedIntoAWorkingKeyset() throws Exception {
        KeysetHandle keys = Keysets.newCardEncryption();
        KeysetHandle fingerprint = Keysets.newFingerprint();
        SealedCard sealed = new CardCipher(keys, fingerprint).seal(CardNumber.parse(TestCards.VISA), null);

        KeysetHandle unwrapped = kek.unwrap(kek.wrap(keys, "card-encryption"), "card-encryption");
        KeysetHandle unwrappedFingerprint = kek.unwrap(kek.wrap(fingerprint, "card-fingerprint"), "card-fingerprint");

        CardCipher restored = new CardCipher(unwrapped, unwrappedFingerprint);
        assertThat(restored.open(sealed.token(), sealed.ciphertext()).number().digits()).isEqualTo(TestCards.VISA);
        assertThat(restored.fingerprint(CardNumber.parse(TestCards.VISA))).isEqualTo(sealed.fingerprint());
    }

    @Test
    void theWrappedKeysetIsNotReadableWithoutTheKek() {
        KeysetHandle keys = Keysets.newCardEncryption();
        byte[] wrapped = kek.wrap(keys, "card-encryption");

        assertThatThrownBy(() -> KeyEncryptionKey.of(random(32), "another").unwrap(wrapped, "card-encryption"))
                .isInstanceOf(GeneralSecurityException.class);
        assertThat(new String(wrapped, StandardCharsets.ISO_8859_1)).doesNotContain("AesGcmKey");
    }

    @Test
    void aKeysetWrappedForOnePurposeDoesNotPassForAnother() {
        byte[] wrapped = kek.wrap(Keysets.newFingerprint(), "card-fingerprint");

        assertThatThrownBy(() -> kek.unwrap(wrapped, "card-encryption")).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void refusesShortKeyMaterial() {
        assertThatThrownBy(() -> KeyEncryptionKey.of(random(31), "short")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void usesLongKeyMaterialWhole() throws Exception {
        byte[] material = random(64);
        byte[] differentTail = material.clone();
        differentTail[63] ^= 1;
        byte[] wrapped = KeyEncryptionKey.of(material, "long").wrap(Keysets.newFingerprint(), "p");

        assertThatThrownBy(() -> KeyEncryptionKey.of(differentTail, "tail").unwrap(wrapped, "p"))
                .isInstanceOf(GeneralSecurityException.class);
        assertThat(KeyEncryptionKey.of(material.clone(), "same").unwrap(wrapped, "p")).isNotNull();
    }

    private static byte[] random(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
