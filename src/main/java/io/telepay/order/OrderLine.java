package io.telepay.order;

import io.telepay.shared.Money;

/**
 * One line of an order, priced when the order was made.
 *
 * @param fulfilment {@code SHIPMENT} or {@code SERVICE}, from the product
 */
public record OrderLine(String sku, String productId, String name, int quantity, Money unitPrice, Money lineTotal,
                        String fulfilment) {
}
