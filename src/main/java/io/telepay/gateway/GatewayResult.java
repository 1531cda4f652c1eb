package io.telepay.gateway;

/**
 * The acquirer's answer to one call.
 *
 * @param declineCode     for DECLINED: {@code card_declined}, {@code insufficient_funds}, {@code expired_card} …
 * @param acquirerReference the acquirer's own id for the transaction, when it gave one
 */
public record GatewayResult(GatewayOutcome outcome, String declineCode, String acquirerReference) {

    public static GatewayResult approved(String acquirerReference) {
        return new GatewayResult(GatewayOutcome.APPROVED, null, acquirerReference);
    }

    public static GatewayResult declined(String code) {
        return new GatewayResult(GatewayOutcome.DECLINED, code, null);
    }

    public static GatewayResult unknown() {
        return new GatewayResult(GatewayOutcome.UNKNOWN, null, null);
    }

    public boolean approved() {
        return outcome == GatewayOutcome.APPROVED;
    }
}
