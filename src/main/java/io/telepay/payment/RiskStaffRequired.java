package io.telepay.payment;

import java.util.List;

import io.telepay.shared.TelepayProblem;

/** 403: a payment held because its agent or card is tied to fraud is released by a risk analyst only. */
public class RiskStaffRequired extends TelepayProblem {

    RiskStaffRequired() {
        super(403, "risk-staff-required",
                "This payment is held because its agent or card is tied to fraud: only a risk analyst can release it", List.of());
    }
}
