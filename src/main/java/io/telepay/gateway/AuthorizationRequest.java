package io.telepay.gateway;

import java.util.Objects;

import io.telepay.shared.Money;
import io.telepay.vault.PresentedCard;

/**
 * An authorization to ask for. The card, CVC included, lives only in this request until the acquirer
 * answers; {@link #toString()} masks it.
 *
 * @param reference the payment's id, the acquirer's idempotency key for this authorization
 * @param capture   capture at once (a sale) rather than holding the authorization
 */
public record AuthorizationRequest(String reference, Money amount, PresentedCard card, boolean capture) {

    public AuthorizationRequest {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(card, "card");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("amount must be positive");
        }
    }
}
