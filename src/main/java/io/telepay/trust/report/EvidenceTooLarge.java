package io.telepay.trust.report;

import java.util.List;

import io.telepay.shared.TelepayProblem;

/** 413: an evidence file, or all of them together, over the configured size. */
public class EvidenceTooLarge extends TelepayProblem {

    EvidenceTooLarge(String field, String message) {
        super(413, "payload-too-large", field + " " + message, List.of(new FieldError(field, message)));
    }
}
