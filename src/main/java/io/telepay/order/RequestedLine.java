package io.telepay.order;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.telepay.shared.Checks;

/**
 * A line as the client asks for it: a SKU (any case; kept upper-case) and a whole quantity from 1 to
 * 10,000. Price, name and fulfilment come from the catalog, never from the client.
 */
public record RequestedLine(String sku, int quantity) {

    public static final int MAX_QUANTITY = 10_000;
    /** An order of more lines is refused: no phone sale reads back more, and the read-back must stay readable. */
    public static final int MAX_LINES = 100;
    private static final Pattern SKU = Pattern.compile("[A-Z0-9][A-Z0-9._-]{1,63}");

    public RequestedLine {
        sku = normalize(sku);
        Checks checks = Checks.start();
        checkSku(checks, "sku", sku);
        checkQuantity(checks, "quantity", quantity);
        checks.orThrow();
    }

    /**
     * JSON form {@code {"sku": "HEALTH-GIFT-01", "quantity": 2}}: the quantity must be a JSON integer, so
     * that {@code 1.5} or {@code "2"} is refused rather than silently truncated or guessed.
     */
    @JsonCreator
    static RequestedLine fromJson(@JsonProperty("sku") Object sku, @JsonProperty("quantity") Object quantity) {
        Checks checks = Checks.start();
        String text = null;
        if (sku == null) {
            checks.fail("sku", "is required");
        } else if (!(sku instanceof String string)) {
            checks.fail("sku", "must be a string");
        } else {
            text = normalize(string);
            checkSku(checks, "sku", text);
        }
        int count = 0;
        if (quantity == null) {
            checks.fail("quantity", "is required");
        } else if (quantity instanceof Integer || quantity instanceof Long || quantity instanceof Short
                || quantity instanceof BigInteger) {
            BigInteger value = new BigInteger(quantity.toString());
            if (value.compareTo(BigInteger.ONE) < 0 || value.compareTo(BigInteger.valueOf(MAX_QUANTITY)) > 0) {
                checks.fail("quantity", "must be from 1 to " + MAX_QUANTITY);
            } else {
                count = value.intValue();
            }
        } else {
            checks.fail("quantity", "must be a whole number from 1 to " + MAX_QUANTITY + " (a JSON integer)");
        }
        checks.orThrow();
        return new RequestedLine(text, count);
    }

    /** Checks a list of lines: at least one, at most {@link #MAX_LINES}, none missing, no SKU twice. */
    static void checkAll(Checks checks, String field, List<RequestedLine> lines) {
        if (lines == null) {
            checks.fail(field, "is required");
            return;
        }
        if (lines.isEmpty()) {
            checks.fail(field, "must hold at least one line");
            return;
        }
        if (lines.size() > MAX_LINES) {
            checks.fail(field, "must hold at most " + MAX_LINES + " lines");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            RequestedLine line = lines.get(i);
            if (line == null) {
                checks.fail(field + "[" + i + "]", "is required");
            } else if (!seen.add(line.sku())) {
                checks.fail(field + "[" + i + "].sku", "appears on an earlier line; put the whole quantity on one line");
            }
        }
    }

    private static String normalize(String sku) {
        return sku == null ? null : sku.strip().toUpperCase(Locale.ROOT);
    }

    private static void checkSku(Checks checks, String field, String sku) {
        if (sku == null || sku.isEmpty()) {
            checks.fail(field, "is required");
        } else if (sku.length() > 64 || !SKU.matcher(sku).matches()) {
            checks.fail(field, "is not a SKU: 2-64 letters, digits, dot, dash or underscore");
        }
    }

    private static void checkQuantity(Checks checks, String field, int quantity) {
        checks.check(quantity >= 1 && quantity <= MAX_QUANTITY, field, "must be from 1 to " + MAX_QUANTITY);
    }
}
