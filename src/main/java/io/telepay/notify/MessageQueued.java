package io.telepay.notify;

/** A message was queued and awaits its first delivery attempt. */
public record MessageQueued(String messageId) {
}
