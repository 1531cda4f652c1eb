package io.telepay.risk;

import java.time.Instant;
import java.util.List;

import io.telepay.shared.Money;

/**
 * A payment attempt risk refused (BLOCK), as evidence on an alert about its card.
 *
 * @param reasons what the decision said, in its order (a block list entry first)
 */
public record BlockedAttempt(String paymentId, Instant at, Money amount, String agentId, String customerId, List<String> reasons) {

    public BlockedAttempt {
        reasons = List.copyOf(reasons);
    }
}
