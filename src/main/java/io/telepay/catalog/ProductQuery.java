package io.telepay.catalog;

import io.telepay.shared.Checks;

/**
 * Which products to list: by active flag and a search text (in SKU and name), ordered by SKU,
 * after the SKU given as cursor.
 */
public record ProductQuery(Boolean active, String search, String afterSku, int limit) {

    public ProductQuery {
        search = search == null || search.isBlank() ? null : search.strip();
        afterSku = afterSku == null || afterSku.isBlank() ? null : afterSku.strip();
        Checks.start().optionalText("q", search, 200).optionalText("cursor", afterSku, 64).orThrow();
    }
}
