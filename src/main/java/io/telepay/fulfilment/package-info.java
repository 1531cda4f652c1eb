/**
 * Fulfilment: a paid order starts a shipment or a service task; completing it with a tracking or
 * service reference fulfils the order and sends the customer a receipt.
 */
package io.telepay.fulfilment;
