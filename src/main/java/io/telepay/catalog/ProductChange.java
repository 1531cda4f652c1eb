package io.telepay.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.telepay.shared.Checks;
import io.telepay.shared.Money;

/**
 * A change to a product: every field is optional and a missing (or null) one stays as it is. An
 * empty description or script removes it. The SKU and fulfilment never change: orders refer to them.
 */
public record ProductChange(String name, String description, Money price, Boolean active, String script) {

    public ProductChange {
        name = name == null ? null : name.strip();
        Checks checks = Checks.start();
        if (name != null) {
            checks.text("name", name, NewProduct.NAME_MAX);
        }
        checks.optionalText("description", description, NewProduct.DESCRIPTION_MAX)
                .optionalText("script", script, NewProduct.SCRIPT_MAX);
        if (price != null) {
            NewProduct.checkPrice(checks, price);
        }
        checks.orThrow();
    }

    /** Whether the change asks for anything at all. Not a property: the OpenAPI document must not offer it. */
    @JsonIgnore
    public boolean isEmpty() {
        return name == null && description == null && price == null && active == null && script == null;
    }
}
