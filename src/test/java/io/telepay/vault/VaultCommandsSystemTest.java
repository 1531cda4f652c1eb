package io.telepay.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.telepay.TelepayApplication;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** {@code java -jar telepay.jar vault rotate} and {@code vault reencrypt} against the same database. */
class VaultCommandsSystemTest extends SystemTest {

    @Autowired
    CardVault vault;

    @Value("${spring.datasource.url}")
    String url;

    @Value("${spring.datasource.username}")
    String user;

    @Test
    void rotateThenReencryptMovesEveryCardToTheNewKeyAndExitsZero() {
        String digits = TestCards.luhnValid("4", 16);
        StoredCard card = vault.tokenize(CardNumber.parse(digits), TestCards.futureExpiry(clock), null);
        long before = keyOf(card.token());
        String[] args = {"--spring.profiles.active=test", "--spring.datasource.url=" + url, "--spring.datasource.username=" + user};

        assertThat(TelepayApplication.runCommand("vault-rotate", args)).isZero();
        long primary = jdbc.sql("select primary_key_id from vault_keyset where purpose = 'card-encryption'")
                .query(Long.class).single();
        assertThat(primary).isNotEqualTo(before);
        assertThat(keyOf(card.token())).isEqualTo(before);

        String[] reencrypt = {args[0], args[1], args[2], "--batch-size=7"};
        assertThat(TelepayApplication.runCommand("vault-reencrypt", reencrypt)).isZero();
        assertThat(keyOf(card.token())).isEqualTo(primary);
        assertThat(jdbc.sql("select count(*) from vault_card where key_id <> :k").param("k", primary)
                .query(Long.class).single()).isZero();
        // this server's vault sees the other process's rotation when it meets a card under the new key
        assertThat(vault.detokenize(card.token()).digits()).isEqualTo(digits);
    }

    private long keyOf(String token) {
        return jdbc.sql("select key_id from vault_card where token = :t").param("t", token).query(Long.class).single();
    }
}
