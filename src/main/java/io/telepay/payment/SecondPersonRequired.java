package io.telepay.payment;

import java.util.List;

import io.telepay.shared.TelepayProblem;

/** 403: whoever asked for a refund cannot also approve or reject it. */
public class SecondPersonRequired extends TelepayProblem {

    SecondPersonRequired() {
        super(403, "second-person-required", "A refund you requested must be approved by someone else", List.of());
    }
}
