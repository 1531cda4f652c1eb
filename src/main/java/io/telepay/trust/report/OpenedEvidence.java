package io.telepay.trust.report;

/** An evidence file handed out to a staff member, verified against its intake hash. */
public record OpenedEvidence(EvidenceView file, byte[] content) {

    @Override
    public String toString() {
        return "OpenedEvidence[" + file.id() + ", " + content.length + " bytes]";
    }
}
