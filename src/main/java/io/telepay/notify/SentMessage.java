package io.telepay.notify;

import java.time.Instant;

/** A message and what became of it: QUEUED, SENDING, SENT, RETRYING or FAILED. */
public record SentMessage(String id, Channel channel, String to, String subject, String body, String purpose,
                          String reference, String status, int attempts, String provider, String lastError,
                          Instant createdAt, Instant sentAt) {
}
