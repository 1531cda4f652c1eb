package io.telepay.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telepay.shared.Deployment;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * A production server (not the embedded default) started without a key-encryption key: it runs, but
 * its vault reports DOWN and refuses every card. A context of its own, so it costs one more start.
 */
@TestPropertySource(properties = {"telepay.vault.kek=", "telepay.vault.kek-file="})
@Import(VaultFailsClosedSystemTest.Production.class)
class VaultFailsClosedSystemTest extends SystemTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class Production {
        @Bean
        @Primary
        Deployment productionDeployment(@Value("${telepay.data-dir}") String dataDir) {
            return new Deployment("jdbc:postgresql://db.example/telepay", dataDir, false);
        }
    }

    @Autowired
    CardVault vault;
    @Autowired
    HealthContributorRegistry health;

    @Test
    void theVaultHealthIsDownAndTheServerHealthWithIt() {
        var vaultHealth = ((HealthIndicator) health.getContributor("vault")).health();

        assertThat(vaultHealth.getStatus()).isEqualTo(Status.DOWN);
        assertThat(vaultHealth.getDetails().get("reason").toString()).contains("TELEPAY_VAULT_KEK");
        var response = http().get("/actuator/health");
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.body()).contains("DOWN").doesNotContain("TELEPAY_VAULT_KEK");
    }

    @Test
    void everyCardIsRefusedWith503() {
        PresentedCard card = PresentedCard.parse(TestCards.VISA, TestCards.futureExpiry(clock).toString(), "123", null, clock);

        assertThatThrownBy(() -> vault.tokenize(card))
                .isInstanceOfSatisfying(VaultUnavailable.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThatThrownBy(() -> vault.fingerprint(card.number())).isInstanceOf(VaultUnavailable.class);
    }

    @Test
    void storedCardsStayDescribedButNotReadable() {
        String token = jdbc.sql("select token from vault_card limit 1").query(String.class).optional().orElse(null);
        if (token != null) {
            assertThat(vault.find(token)).isPresent();
            assertThatThrownBy(() -> vault.detokenize(token)).isInstanceOf(VaultUnavailable.class);
        }
        assertThatThrownBy(() -> vault.detokenize("tok_unknown")).isInstanceOf(io.telepay.shared.NotFound.class);
    }
}
