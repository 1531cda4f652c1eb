package io.telepay.trust.report;

import java.util.List;

import io.telepay.shared.TelepayProblem;

/** 415: an evidence file whose content is not audio, an image, a PDF or plain text, whatever its name says. */
public class EvidenceTypeRefused extends TelepayProblem {

    EvidenceTypeRefused(List<FieldError> errors) {
        super(415, "unsupported-media-type", errors.size() == 1 ? errors.getFirst().field() + " " + errors.getFirst().message()
                : errors.size() + " evidence files are of a type not taken", errors);
    }
}
