package io.telepay.gateway;

/**
 * The acquirer's answer to one call.
 *
 * @param declineCode       for DECLINED: {@code card_declined}, {@code insufficient_funds}, {@code expired_card} …
 * @param acquirerReference the acquirer's own id for the transaction, when it gave one
 * @param reason            a sentence a person can read about a decline or a refusal, when the acquirer's code alone
 *                          does not say enough (a 3-D Secure demand on a telephone order); else null
 * @param card              what the acquirer said about the card (its own fingerprint, brand, country, funding), when
 *                          it said anything; else null
 */
public record GatewayResult(GatewayOutcome outcome, String declineCode, String acquirerReference, String reason, CardFacts card) {

    public GatewayResult(GatewayOutcome outcome, String declineCode, String acquirerReference) {
        this(outcome, declineCode, acquirerReference, null, null);
    }

    public static GatewayResult approved(String acquirerReference) {
        return new GatewayResult(GatewayOutcome.APPROVED, null, acquirerReference);
    }

    public static GatewayResult approved(String acquirerReference, CardFacts card) {
        return new GatewayResult(GatewayOutcome.APPROVED, null, acquirerReference, null, card);
    }

    public static GatewayResult declined(String code) {
        return new GatewayResult(GatewayOutcome.DECLINED, code, null);
    }

    public static GatewayResult declined(String code, String reason, String acquirerReference, CardFacts card) {
        return new GatewayResult(GatewayOutcome.DECLINED, code, acquirerReference, reason, card);
    }

    public static GatewayResult unknown() {
        return new GatewayResult(GatewayOutcome.UNKNOWN, null, null);
    }

    /** The acquirer refused the call before processing it (bad credentials, rate limit): nothing moved. */
    public static GatewayResult notReceived(String reason) {
        return new GatewayResult(GatewayOutcome.NOT_FOUND, null, null, reason, null);
    }

    public boolean approved() {
        return outcome == GatewayOutcome.APPROVED;
    }
}
