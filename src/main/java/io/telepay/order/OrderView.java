package io.telepay.order;

import java.time.Instant;
import java.util.List;

import io.telepay.shared.Money;

/**
 * An order as other modules see it.
 *
 * @param reference   the short reference a customer reads over the phone ({@link OrderReference})
 * @param callId      the call it was taken on, or null
 * @param agentId     the agent who took it
 * @param readBack    the summary the agent read to the customer when confirming, or null before
 * @param confirmedAt null before confirmation
 */
public record OrderView(String id, String reference, OrderStatus status, String customerId, String callId, String agentId,
                        List<OrderLine> lines, Money total, String readBack, Instant createdAt, Instant confirmedAt) {

    /** The short reference as people read it: {@code K7M2 QX9P}. */
    public String displayReference() {
        return OrderReference.display(reference);
    }
}
