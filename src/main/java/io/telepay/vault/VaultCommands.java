package io.telepay.vault;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** The operator's commands on the vault's keys, run with {@code java -jar telepay.jar vault …}; exit 0 on success. */
final class VaultCommands {

    private static final Logger log = LoggerFactory.getLogger(VaultCommands.class);

    private VaultCommands() {
    }

    /** {@code vault rotate}: a new primary card-encryption key; old keys keep decrypting. */
    @Component
    @ConditionalOnProperty(name = "telepay.command", havingValue = "vault-rotate")
    static class Rotate implements ApplicationRunner, ExitCodeGenerator {

        private final VaultKeys keys;
        private int exitCode = 1;

        Rotate(VaultKeys keys) {
            this.keys = keys;
        }

        @Override
        public void run(ApplicationArguments args) {
            try {
                VaultKeys.KeyRotation rotation = keys.rotate();
                log.info("vault rotate: new primary key {} (previous {}); {} keys can decrypt. "
                        + "Run `vault reencrypt` to move existing cards to the new key.",
                        rotation.newKeyId(), rotation.previousKeyId(), rotation.keys());
                exitCode = 0;
            } catch (VaultUnavailable e) {
                log.error("vault rotate refused: {}", keys.status().reason());
            }
        }

        @Override
        public int getExitCode() {
            return exitCode;
        }
    }

    /**
     * {@code vault reencrypt [--batch-size=500]}: moves cards on older keys to the primary key, a batch
     * per transaction; resumable by running it again. Exit 0 when no card is left on an older key.
     */
    @Component
    @ConditionalOnProperty(name = "telepay.command", havingValue = "vault-reencrypt")
    static class Reencrypt implements ApplicationRunner, ExitCodeGenerator {

        private final CardReencryption reencryption;
        private final VaultKeys keys;
        private int exitCode = 1;

        Reencrypt(CardReencryption reencryption, VaultKeys keys) {
            this.reencryption = reencryption;
            this.keys = keys;
        }

        @Override
        public void run(ApplicationArguments args) {
            List<String> size = args.getOptionValues("batch-size");
            int batchSize = size == null || size.isEmpty() ? CardReencryption.DEFAULT_BATCH_SIZE : Integer.parseInt(size.getFirst());
            try {
                CardReencryption.Result result = reencryption.run(batchSize);
                log.info("vault reencrypt: {} cards moved to key {}, {} unreadable, {} left on older keys",
                        result.moved(), result.primaryKeyId(), result.unreadable(), result.remaining());
                exitCode = result.remaining() == 0 ? 0 : 2;
            } catch (VaultUnavailable e) {
                log.error("vault reencrypt refused: {}", keys.status().reason());
            }
        }

        @Override
        public int getExitCode() {
            return exitCode;
        }
    }
}
