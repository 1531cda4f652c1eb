package io.telepay.trust.report;

import java.util.List;

import io.telepay.shared.TelepayProblem;

/**
 * 409: a stored evidence file no longer matches the SHA-256 taken at intake (or its encryption no longer
 * authenticates), so it is not handed out: the problem names the file.
 */
public class EvidenceChanged extends TelepayProblem {

    EvidenceChanged(EvidenceView file) {
        super(409, "evidence-changed", "Evidence file " + file.bundlePath() + " (" + file.id()
                        + ") does not match the SHA-256 recorded at intake; it is not handed out",
                List.of(new FieldError(file.bundlePath(), "changed since intake (sha256 " + file.sha256() + ")")));
    }
}
