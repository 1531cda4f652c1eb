package io.telepay.order;

import java.util.List;
import java.util.regex.Pattern;

import io.telepay.shared.Checks;

/**
 * An order to create as a draft. Prices, names and the currency come from the catalog.
 *
 * @param callId          the call it is taken on; must be a call of the same customer by the same agent; may be null
 * @param agentId         who takes it: the acting agent; a supervisor may name an agent of their team, an admin any agent
 * @param shippingAddress required when any line's product is shipped; may be null otherwise
 */
public record NewOrder(String customerId, String callId, String agentId, List<RequestedLine> lines,
                       ShippingAddress shippingAddress) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_]{1,64}");

    public NewOrder {
        customerId = blankToNull(customerId);
        callId = blankToNull(callId);
        agentId = blankToNull(agentId);
        lines = lines == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(lines));
        Checks checks = Checks.start();
        checkId(checks, "customerId", customerId, true);
        checkId(checks, "callId", callId, false);
        checkId(checks, "agentId", agentId, false);
        RequestedLine.checkAll(checks, "lines", lines);
        checks.orThrow();
    }

    /** An id is opaque, but never longer than 64 letters, digits and underscores: anything else names nothing. */
    static void checkId(Checks checks, String field, String id, boolean required) {
        if (id == null) {
            if (required) {
                checks.fail(field, "is required");
            }
        } else if (!ID.matcher(id).matches()) {
            checks.fail(field, "is not an id");
        }
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
