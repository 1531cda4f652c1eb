package io.telepay.notify.webhook;

import java.util.List;

/**
 * The {@code Telepay-Signature} header: {@code t=<unix seconds>,v1=<hex>} with one {@code v1} per valid
 * secret — the current one first and, during a rotation's overlap, the previous one — so a receiver that
 * still holds the old secret and one that already has the new one both find a signature they can check.
 */
final class SignatureHeader {

    static final String NAME = "Telepay-Signature";

    private SignatureHeader() {
    }

    /** @param secrets at least one; the current secret first */
    static String of(long timestamp, String body, List<SigningSecret> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret signs");
        }
        StringBuilder header = new StringBuilder("t=").append(timestamp);
        for (SigningSecret secret : secrets) {
            header.append(",v1=").append(secret.sign(timestamp, body));
        }
        return header.toString();
    }
}
