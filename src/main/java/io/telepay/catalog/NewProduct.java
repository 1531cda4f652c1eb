package io.telepay.catalog;

import java.util.Locale;
import java.util.regex.Pattern;

import io.telepay.shared.Checks;
import io.telepay.shared.Money;

/**
 * A product to create. The SKU is trimmed and upper-cased; a new product is active unless it says
 * otherwise. The script is checked by {@link Catalog} (it must not ask for a secret).
 */
public record NewProduct(String sku, String name, String description, Money price, Fulfilment fulfilment,
                         Boolean active, String script) {

    static final Pattern SKU = Pattern.compile("[A-Z0-9][A-Z0-9._-]{1,63}");
    static final int NAME_MAX = 200;
    static final int DESCRIPTION_MAX = 4000;
    static final int SCRIPT_MAX = 8000;

    public NewProduct {
        sku = sku == null ? null : sku.strip().toUpperCase(Locale.ROOT);
        name = name == null ? null : name.strip();
        description = blankToNull(description);
        script = blankToNull(script);
        active = active == null ? Boolean.TRUE : active;
        Checks checks = Checks.start()
                .matches("sku", sku, SKU, "must be 2-64 characters: letters, digits, dot, dash, underscore, starting with a letter or digit")
                .text("name", name, NAME_MAX)
                .optionalText("description", description, DESCRIPTION_MAX)
                .optionalText("script", script, SCRIPT_MAX)
                .require("price", price)
                .require("fulfilment", fulfilment);
        if (price != null) {
            checkPrice(checks, price);
        }
        checks.orThrow();
    }

    static void checkPrice(Checks checks, Money price) {
        checks.check(price.isPositive(), "price.amount", "must be greater than zero");
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
