package io.telepay.trust.report;

import java.time.Instant;

/**
 * An evidence file as staff and the reporter see it: never its content.
 *
 * @param name      sanitized; the file's name in the evidence bundle is {@code evidence/NN-name}
 * @param mediaType detected from the content, not from the name or the declared type
 * @param sha256    of the file as received, hex
 */
public record EvidenceView(String id, int position, String name, String mediaType, long size, String sha256,
                           Instant receivedAt) {

    /** The path inside the evidence bundle. */
    public String bundlePath() {
        return "evidence/%02d-%s".formatted(position, name);
    }
}
