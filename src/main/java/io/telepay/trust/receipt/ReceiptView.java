package io.telepay.trust.receipt;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.telepay.shared.Money;

/**
 * A charge as its receipt shows it to the cardholder: the card by brand and last 4 only, the agent by
 * first name only.
 *
 * @param orderReference  the order's short reference, as people read it ({@code K7M2 QX9P})
 * @param refunds         the refunds the acquirer confirmed, oldest first
 * @param reportReference the fraud report made when the cardholder said "not me", else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ReceiptView(String company, String orderId, String orderReference, List<Item> items, Money amount, String cardBrand, String cardLast4,
                   String agentName, Instant capturedAt, Instant expiresAt, boolean disputed, String reportReference,
                   Instant disputedAt, List<Refund> refunds) {

    /** Money given back to the card: how much, and when the acquirer confirmed it. */
    record Refund(Money amount, Instant at) {
    }

    record Item(String name, int quantity) {
    }
}
