package io.telepay.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;

import io.telepay.shared.InvalidInput;
import io.telepay.shared.NotFound;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Tokenization against the real database and keys, as the payment module will use it. */
class CardVaultSystemTest extends SystemTest {

    @Autowired
    CardVault vault;

    private PresentedCard presented(String digits, String cvc, String holder) {
        return PresentedCard.parse(digits, TestCards.futureExpiry(clock).toString(), cvc, holder, clock);
    }

    @Test
    void detokenizeGivesBackTheNumberThatWasTokenized() {
        String digits = TestCards.luhnValid("62", 19);
        StoredCard stored = vault.tokenize(presented(digits, "123", "張偉"));

        assertThat(vault.detokenize(stored.token()).digits()).isEqualTo(digits);
        assertThat(vault.holderName(stored.token())).contains("張偉");
    }

    @Test
    void theStoredCardShowsBrandBinLastFourAndExpiryOnly() {
        String digits = TestCards.luhnValid("37", 15);
        Expiry expiry = TestCards.futureExpiry(clock);

        StoredCard stored = vault.tokenize(CardNumber.parse(digits), expiry, null);

        assertThat(stored.token()).startsWith("tok_").hasSize(30);
        assertThat(stored.brand()).isEqualTo(CardBrand.AMEX);
        assertThat(stored.bin()).isEqualTo(digits.substring(0, 6));
        assertThat(stored.last4()).isEqualTo(digits.substring(11));
        assertThat(stored.expMonth()).isEqualTo(expiry.month());
        assertThat(stored.expYear()).isEqualTo(expiry.year());
        assertThat(vault.find(stored.token())).contains(stored);
        assertThat(vault.find("tok_unknown")).isEmpty();
    }

    @Test
    void theSameCardGetsANewTokenButTheSameFingerprintEachTime() {
        CardNumber number = CardNumber.parse(TestCards.luhnValid("53", 16));

        StoredCard forOneCustomer = vault.tokenize(number, TestCards.futureExpiry(clock), "李娜");
        StoredCard forAnother = vault.tokenize(number, TestCards.futureExpiry(clock), null);
        StoredCard otherCard = vault.tokenize(CardNumber.parse(TestCards.luhnValid("53", 16)), TestCards.futureExpiry(clock), null);

        assertThat(forOneCustomer.token()).isNotEqualTo(forAnother.token());
        assertThat(forOneCustomer.fingerprint()).isEqualTo(forAnother.fingerprint()).isEqualTo(vault.fingerprint(number));
        assertThat(otherCard.fingerprint()).isNotEqualTo(forOneCustomer.fingerprint());
        assertThat(jdbc.sql("select count(*) from vault_card where fingerprint = :f")
                .param("f", forOneCustomer.fingerprint()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void refusesAnExpiredCard() {
        YearMonth lastMonth = YearMonth.now(clock).minusMonths(1);
        Expiry expired = new Expiry(lastMonth.getMonthValue(), lastMonth.getYear());

        assertThatThrownBy(() -> vault.tokenize(CardNumber.parse(TestCards.VISA), expired, null))
                .isInstanceOfSatisfying(InvalidInput.class,
                        e -> assertThat(e.errors().getFirst().field()).isEqualTo("expiry"));
    }

    @Test
    void anUnknownTokenIsNotFound() {
        assertThatThrownBy(() -> vault.detokenize("tok_doesnotexist")).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> vault.detokenize(null)).isInstanceOf(NotFound.class);
    }

    @Test
    void everyDetokenizationIsAuditedWithoutTheNumber() {
        String digits = TestCards.luhnValid("4", 16);
        StoredCard stored = vault.tokenize(presented(digits, "456", null));

        vault.detokenize(stored.token());

        var details = jdbc.sql("select details from audit_entry where action = 'vault.card.detokenized' and subject = :t")
                .param("t", stored.token()).query(String.class).list();
        assertThat(details).singleElement().satisfies(d -> assertThat(d)
                .contains(stored.last4()).doesNotContain(digits).doesNotContain(digits.substring(0, 12)));
    }

    @Test
    void aCiphertextChangedInTheDatabaseIsRefusedWithoutShowingTheNumber() {
        String digits = TestCards.luhnValid("4", 16);
        StoredCard stored = vault.tokenize(presented(digits, "789", null));
        byte[] ciphertext = ciphertext(stored.token());
        ciphertext[ciphertext.length / 2] ^= 0x40;
        jdbc.sql("update vault_card set ciphertext = :c where token = :t").param("c", ciphertext).param("t", stored.token()).update();

        try {
            assertThatThrownBy(() -> vault.detokenize(stored.token()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(stored.token())
                    .satisfies(e -> CardMaskingTest.assertNoDigitsOf(digits, e));
        } finally {
            forget(stored.token());
        }
    }

    @Test
    void ciphertextsSwappedBetweenTokensAreRefused() {
        StoredCard first = vault.tokenize(presented(TestCards.luhnValid("4", 16), "111", null));
        StoredCard second = vault.tokenize(presented(TestCards.luhnValid("4", 16), "222", null));
        byte[] firstCiphertext = ciphertext(first.token());
        byte[] secondCiphertext = ciphertext(second.token());
        jdbc.sql("update vault_card set ciphertext = :c where token = :t").param("c", secondCiphertext).param("t", first.token()).update();
        jdbc.sql("update vault_card set ciphertext = :c where token = :t").param("c", firstCiphertext).param("t", second.token()).update();

        try {
            assertThatThrownBy(() -> vault.detokenize(first.token())).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> vault.detokenize(second.token())).isInstanceOf(IllegalStateException.class);
        } finally {
            forget(first.token());
            forget(second.token());
        }
    }

    /** Removes a card this test broke on purpose, so that the shared database holds only readable cards. */
    private void forget(String token) {
        jdbc.sql("delete from vault_card where token = :t").param("t", token).update();
    }

    private byte[] ciphertext(String token) {
        return jdbc.sql("select ciphertext from vault_card where token = :t").param("t", token).query(byte[].class).single();
    }
}
