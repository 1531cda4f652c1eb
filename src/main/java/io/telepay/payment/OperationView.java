package io.telepay.payment;

import java.time.Instant;

import io.telepay.shared.Money;

/**
 * A capture, void, refund or chargeback as the API shows it. {@code status}: SUCCEEDED; UNKNOWN while
 * the acquirer's answer is being confirmed; FAILED with the acquirer's {@code declineCode};
 * PENDING_APPROVAL and REJECTED for refunds that need a second person.
 */
public record OperationView(String id, String paymentId, String orderId, OperationKind kind, OperationStatus status,
                            Money amount, String reason, String declineCode, String requestedBy, String requestedByName,
                            String decidedBy, String decidedByName, Instant decidedAt, String decisionNote,
                            Instant createdAt, Instant updatedAt) {
}
