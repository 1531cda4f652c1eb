package io.telepay.gateway;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code gateway} health component: DOWN with the reason while the acquirer cannot take payments
 * (a wrong secret key, the platform out of reach), so monitoring sees at once why payments stop.
 */
@Component
class GatewayHealthIndicator implements HealthIndicator {

    private final PaymentGateway gateway;

    GatewayHealthIndicator(PaymentGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public Health health() {
        GatewayAvailability availability = gateway.availability();
        return availability.up() ? Health.up().build() : Health.down().withDetail("reason", availability.reason()).build();
    }
}
