package io.telepay.risk;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code fraudModel} health component: UNKNOWN with the reason while a fraud model that should score cannot load
 * (payments go on with the rules alone, so the instance stays in service), UP with the versions scoring otherwise.
 */
@Component
class FraudModelHealthIndicator implements HealthIndicator {

    private final FraudScores scores;

    FraudModelHealthIndicator(FraudScores scores) {
        this.scores = scores;
    }

    @Override
    public Health health() {
        FraudModelState state = scores.state();
        Health.Builder health = state.problem() == null ? Health.up() : Health.unknown().withDetail("problem", state.problem());
        if (state.activeVersion() != null) {
            health.withDetail("active", state.activeVersion());
        }
        if (state.shadowVersion() != null) {
            health.withDetail("shadow", state.shadowVersion());
        }
        return health.build();
    }
}
