package io.telepay.gateway;

import io.telepay.shared.Money;

/**
 * What the acquirer holds for an authorization reference: NOT_FOUND when it never received it (no
 * charge exists), else its decision and the amounts it has authorized and captured.
 */
public record GatewayStatus(GatewayOutcome outcome, String declineCode, Money authorized, Money captured, boolean voided) {

    public static GatewayStatus notFound() {
        return new GatewayStatus(GatewayOutcome.NOT_FOUND, null, null, null, false);
    }
}
