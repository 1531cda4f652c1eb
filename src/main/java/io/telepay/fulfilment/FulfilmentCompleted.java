package io.telepay.fulfilment;

/** A shipment went out or a service started: the order is fulfilled. */
public record FulfilmentCompleted(String fulfilmentId, String orderId, String type, String reference) {
}
