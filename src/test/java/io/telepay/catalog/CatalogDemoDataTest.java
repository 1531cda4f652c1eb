package io.telepay.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;

import io.telepay.redaction.NoteRedactor;
import org.junit.jupiter.api.Test;

class CatalogDemoDataTest {

    @Test
    void demoProductsArePricedInTaiwanDollarsYuanAndUsDollarsAndHaveBothFulfilments() {
        Set<String> currencies = CatalogDemoData.PRODUCTS.stream().map(p -> p.price().currencyCode()).collect(Collectors.toSet());
        assertThat(currencies).containsExactlyInAnyOrder("TWD", "CNY", "USD");
        assertThat(CatalogDemoData.PRODUCTS).extracting(NewProduct::fulfilment).contains(Fulfilment.SHIPMENT, Fulfilment.SERVICE);
    }

    @Test
    void everyDemoScriptPassesTheSecretCheckUnchanged() {
        NoteRedactor redactor = new NoteRedactor();
        for (NewProduct product : CatalogDemoData.PRODUCTS) {
            var redaction = redactor.redact(product.script());
            assertThat(redaction.requests()).as(product.sku()).isEmpty();
            assertThat(redaction.findings()).as(product.sku()).isEmpty();
        }
    }
}
