package io.telepay.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import com.google.crypto.tink.subtle.Hkdf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The application key ({@code TELEPAY_APP_KEY}, base64, at least 32 bytes) from which each purpose
 * gets its own derived key (HKDF-SHA256): the audit chain, MFA secrets at rest. The vault has its own
 * key-encryption key. On the embedded default a key file is generated once under the data directory
 * with mode 0600; in production a missing key stops the start.
 */
@Component
public class AppKeys {

    private static final Logger log = LoggerFactory.getLogger(AppKeys.class);

    private final byte[] master;

    public AppKeys(@Value("${telepay.app-key:${TELEPAY_APP_KEY:}}") String configured, Deployment deployment) {
        this.master = configured.isBlank()
                ? embeddedKey(deployment, "app.key")
                : decode(configured, "TELEPAY_APP_KEY");
    }

    /** A 32-byte key for one purpose, e.g. {@code "audit-chain"}; the same purpose always gets the same key. */
    public byte[] derive(String purpose) {
        try {
            return Hkdf.computeHkdf("HMACSHA256", master, new byte[0], purpose.getBytes(StandardCharsets.UTF_8), 32);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("key derivation failed", e);
        }
    }

    public static byte[] decode(String base64, String name) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " must be base64");
        }
        if (key.length < 32) {
            throw new IllegalStateException(name + " must hold at least 32 bytes (openssl rand -base64 32)");
        }
        return key;
    }

    /**
     * Reads the key file under the data directory, creating it (mode 0600) on the embedded default.
     * Outside the embedded default there is no file fallback: the operator supplies the key.
     */
    public static byte[] embeddedKey(Deployment deployment, String fileName) {
        if (!deployment.embedded()) {
            throw new IllegalStateException("No key configured for " + fileName
                    + ": production needs it in the environment (see README, Configuration)");
        }
        Path file = deployment.dataDir().resolve(fileName);
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file), file.toString());
            }
            Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                log.warn("cannot restrict permissions of {} on this file system", file);
                Files.createFile(file);
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(key));
            log.info("Embedded mode: generated key file {} (mode 0600). Production takes keys from the environment.", file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create key file " + file, e);
        }
    }
}
