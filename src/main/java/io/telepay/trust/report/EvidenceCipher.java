package io.telepay.trust.report;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.subtle.AesGcmJce;
import io.telepay.shared.AppKeys;
import org.springframework.stereotype.Component;

/**
 * Evidence at rest: Tink AES-256-GCM under a key derived from the application key for this purpose
 * alone, with the evidence id as additional data — a sealed file moved to another row does not open.
 */
@Component
class EvidenceCipher {

    private final Aead aead;

    EvidenceCipher(AppKeys keys) {
        try {
            this.aead = new AesGcmJce(keys.derive("evidence"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    byte[] seal(byte[] content, String evidenceId) {
        try {
            return aead.encrypt(content, evidenceId.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt evidence", e);
        }
    }

    /** @throws GeneralSecurityException when the stored bytes were changed or belong to another evidence id */
    byte[] open(byte[] sealed, String evidenceId) throws GeneralSecurityException {
        return aead.decrypt(sealed, evidenceId.getBytes(StandardCharsets.UTF_8));
    }
}
