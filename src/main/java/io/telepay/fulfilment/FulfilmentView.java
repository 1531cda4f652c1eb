package io.telepay.fulfilment;

import java.time.Instant;

/**
 * @param type      SHIPMENT (anything to ship) or SERVICE
 * @param status    PENDING or COMPLETED
 * @param reference the tracking number or service reference, once completed
 */
public record FulfilmentView(String id, String orderId, String type, String status, String reference,
                             Instant createdAt, Instant completedAt, String completedBy) {
}
