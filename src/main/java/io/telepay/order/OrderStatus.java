package io.telepay.order;

/** {@code DRAFT → CONFIRMED → PAID → FULFILLED}; {@code CANCELLED}; {@code PARTIALLY_REFUNDED}, {@code REFUNDED}. */
public enum OrderStatus {
    DRAFT, CONFIRMED, PAID, FULFILLED, CANCELLED, PARTIALLY_REFUNDED, REFUNDED
}
