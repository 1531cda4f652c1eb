package io.telepay.call;

import io.telepay.shared.Money;

/**
 * A product's script, shown beside the notes of a call so the agent reads the approved words.
 *
 * @param script  null when the product has none
 * @param active  false when the product can no longer be ordered
 */
public record CallScript(String callId, String productId, String sku, String name, Money price, boolean active,
                         String script) {
}
