package io.telepay.trust.report;

import java.util.Objects;

/** A file as the reporter sent it: the name they gave and the bytes, not yet checked. */
public record EvidenceUpload(String originalName, byte[] content) {

    public EvidenceUpload {
        Objects.requireNonNull(content, "content");
    }

    @Override
    public String toString() {
        return "EvidenceUpload[" + content.length + " bytes]";
    }
}
