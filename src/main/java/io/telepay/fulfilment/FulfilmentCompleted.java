package io.telepay.fulfilment;

import io.telepay.shared.PublicEvent;

/** A shipment went out or a service started: the order is fulfilled. */
public record FulfilmentCompleted(String fulfilmentId, String orderId, String type, String reference) implements PublicEvent {
}
