package io.telepay.vault;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code vault} health component: DOWN while the vault has no key-encryption key or the key does
 * not open its keysets, so monitoring sees at once why payments are refused.
 */
@Component
class VaultHealthIndicator implements HealthIndicator {

    private final VaultKeys keys;

    VaultHealthIndicator(VaultKeys keys) {
        this.keys = keys;
    }

    @Override
    public Health health() {
        VaultKeys.VaultStatus status = keys.status();
        if (!status.available()) {
            return Health.down().withDetail("reason", status.reason()).build();
        }
        return Health.up().withDetail("keyEncryptionKey", status.kekSource())
                .withDetail("primaryKeyId", status.primaryKeyId()).withDetail("keys", status.keys()).build();
    }
}
