package io.telepay.catalog;

import java.time.Instant;
import java.util.Objects;

import io.telepay.shared.Money;

/**
 * A product as sold. The SKU is unique, upper-case and never changes; the price is exact in its
 * currency's minor units; an inactive product stays readable but cannot be ordered.
 *
 * @param script  what the agent reads to the customer; never asks for a secret; may be null
 */
public record Product(String id, String sku, String name, String description, Money price, Fulfilment fulfilment,
                      boolean active, String script, Instant createdAt, Instant updatedAt) {

    public Product {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(fulfilment, "fulfilment");
    }
}
