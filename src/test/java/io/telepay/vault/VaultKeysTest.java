package io.telepay.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Base64;

import io.telepay.shared.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Status;

/** Where the key-encryption key comes from, and that the vault fails closed without one. */
class VaultKeysTest {

    private static final String KEK = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @TempDir
    Path dataDir;

    private Deployment production() {
        return new Deployment("jdbc:postgresql://db.example/telepay", dataDir.toString(), false);
    }

    private Deployment embedded() {
        return new Deployment("jdbc:h2:file:" + dataDir + "/telepay", dataDir.toString(), true);
    }

    /** No database, no audit: a vault without a KEK must refuse before it touches either. */
    private static VaultKeys keys(String kek, String kekFile, Deployment deployment) {
        return new VaultKeys(kek, kekFile, deployment, null, null, null, Clock.systemUTC());
    }

    @Test
    void withoutKekInProductionTheVaultIsDownAndRefusesCards() {
        VaultKeys keys = keys("", "", production());
        CardVault vault = new CardVault(keys, null, null, Clock.systemUTC());
        PresentedCard card = PresentedCard.parse(TestCards.VISA, TestCards.futureExpiry(Clock.systemUTC()).toString(), "123", null, Clock.systemUTC());

        assertThat(keys.status().available()).isFalse();
        assertThat(keys.status().reason()).contains("TELEPAY_VAULT_KEK");
        assertThat(new VaultHealthIndicator(keys).health().getStatus()).isEqualTo(Status.DOWN);
        assertThatThrownBy(() -> vault.tokenize(card)).isInstanceOf(VaultUnavailable.class);
        assertThatThrownBy(() -> vault.fingerprint(card.number())).isInstanceOf(VaultUnavailable.class);
        assertThatThrownBy(keys::rotate).isInstanceOf(VaultUnavailable.class);
        assertThat(Files.exists(dataDir.resolve(VaultKeys.EMBEDDED_KEK_FILE))).isFalse();
    }

    @Test
    void anUnusableKekIsReportedWithoutItsValue() {
        String shortKek = Base64.getEncoder().encodeToString("only-16-bytes!!!".getBytes());

        VaultKeys keys = keys(shortKek, "", embedded());

        assertThat(keys.status().available()).isFalse();
        assertThat(keys.status().reason()).contains("at least 32 bytes").doesNotContain(shortKek);
        assertThat(keys("not base64 at all!", "", production()).status().reason()).contains("must be base64");
    }

    @Test
    void aMissingKekFileIsReportedNotFatal() {
        VaultKeys keys = keys("", dataDir.resolve("absent.key").toString(), production());

        assertThat(keys.status().available()).isFalse();
        assertThat(keys.status().reason()).contains("cannot read TELEPAY_VAULT_KEK_FILE");
    }

    @Test
    void readsTheKekFromTheEnvironmentFirstThenFromAFile() throws Exception {
        Path file = Files.writeString(dataDir.resolve("kek"), KEK + "\n");

        assertThat(keys(KEK, file.toString(), production()).kekSource()).isEqualTo("TELEPAY_VAULT_KEK");
        assertThat(keys("", file.toString(), production()).kekSource()).isEqualTo("key file " + file);
    }

    @Test
    void theEmbeddedDemoGeneratesAPrivateKekFileOnceAndKeepsIt() throws Exception {
        VaultKeys first = keys("", "", embedded());
        Path file = dataDir.resolve(VaultKeys.EMBEDDED_KEK_FILE);
        String generated = Files.readString(file);

        VaultKeys second = keys("", "", embedded());

        assertThat(first.kekSource()).contains("embedded key file").contains(file.toString());
        assertThat(second.kekSource()).isEqualTo(first.kekSource());
        assertThat(Files.readString(file)).isEqualTo(generated);
        assertThat(Base64.getDecoder().decode(generated)).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
