package io.telepay.order;

import java.util.List;

import io.telepay.shared.Checks;

/**
 * A change to a draft: new lines (all of them, replacing the old), a new shipping address, or both.
 * A field left null stays as it is.
 */
public record OrderChange(List<RequestedLine> lines, ShippingAddress shippingAddress) {

    public OrderChange {
        lines = lines == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(lines));
        Checks checks = Checks.start();
        if (lines == null && shippingAddress == null) {
            checks.fail("lines", "or shippingAddress is required: nothing to change");
        } else if (lines != null) {
            RequestedLine.checkAll(checks, "lines", lines);
        }
        checks.orThrow();
    }
}
