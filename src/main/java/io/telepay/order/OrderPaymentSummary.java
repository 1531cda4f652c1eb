package io.telepay.order;

import java.time.Instant;

import io.telepay.shared.Money;

/** A payment of an order as {@code GET /orders/{id}} lists it; filled in by the payment module. */
public record OrderPaymentSummary(String id, String status, Money amount, Money capturedAmount, Money refundedAmount,
                                  String cardBrand, String cardLast4, Instant createdAt) {
}
