package io.telepay.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.telepay.shared.AppKeys;
import org.springframework.stereotype.Component;

/**
 * The chain's hash: HMAC-SHA256, under a key derived from the application key, of the previous
 * entry's hash and every field of this one; and an entry's own MAC, written with it before it is chained.
 * Without the key nobody can forge a consistent chain, nor an entry the sequencer would chain.
 */
@Component
class AuditChain {

    static final String GENESIS = "0".repeat(64);

    private final SecretKeySpec key;

    AuditChain(AppKeys keys) {
        this.key = new SecretKeySpec(keys.derive("audit-chain"), "HmacSHA256");
    }

    record Fields(long seq, Instant at, String actorId, String actorName, String action, String subject,
                  String origin, String result, String details) {
    }

    String hash(String prevHash, Fields f) {
        return hmac(prevHash, f.seq(), f.at(), f.actorId(), f.actorName(), f.action(), f.subject(), f.origin(), f.result(),
                f.details());
    }

    /** The entry's own MAC, over its id and fields (not its place in the chain, which it gets later). */
    String mac(String id, Fields f) {
        return hmac("entry", id, f.at(), f.actorId(), f.actorName(), f.action(), f.subject(), f.origin(), f.result(), f.details());
    }

    private String hmac(Object... fields) {
        // length-prefixed fields: no two different entries can produce the same input
        StringBuilder canonical = new StringBuilder();
        for (Object field : fields) {
            String text = field == null ? "" : field.toString();
            canonical.append(field == null ? -1 : text.length()).append(':').append(text).append('|');
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
