package io.telepay.vault;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Opens (on the first start: creates) the keysets when the server starts and says where the
 * key-encryption key came from, so an operator sees at once whether card payments can work.
 */
@Component
@Order(50)
@ConditionalOnProperty(name = "telepay.command", havingValue = "server", matchIfMissing = true)
class VaultStartup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(VaultStartup.class);

    private final VaultKeys keys;

    VaultStartup(VaultKeys keys) {
        this.keys = keys;
    }

    @Override
    public void run(ApplicationArguments args) {
        VaultKeys.VaultStatus status = keys.status();
        if (status.available()) {
            log.info("Vault ready: key-encryption key from {}; card-encryption primary key {} of {}",
                    status.kekSource(), status.primaryKeyId(), status.keys());
        } else {
            log.error("Vault UNAVAILABLE, card payments are refused until it is fixed: {}", status.reason());
        }
    }
}
