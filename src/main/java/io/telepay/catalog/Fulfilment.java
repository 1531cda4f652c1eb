package io.telepay.catalog;

/** How a paid order of the product is fulfilled: goods shipped, or a service started (a policy, a course). */
public enum Fulfilment {
    SHIPMENT, SERVICE
}
