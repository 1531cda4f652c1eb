package io.telepay.risk;

import io.telepay.risk.features.Attempt;
import io.telepay.risk.rules.FeatureValues;
import org.springframework.stereotype.Component;

/** Harvesting signals read off an attempt's features at decision time. */
@Component
class AttemptSignals {

    void onAttempt(Attempt attempt, FeatureValues values, RiskDecision decision) {
    }
}
