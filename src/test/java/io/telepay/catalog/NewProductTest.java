package io.telepay.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telepay.shared.InvalidInput;
import io.telepay.shared.Money;
import io.telepay.shared.TelepayProblem;
import org.junit.jupiter.api.Test;

class NewProductTest {

    private static NewProduct product(String sku, String name, Money price) {
        return new NewProduct(sku, name, null, price, Fulfilment.SHIPMENT, null, null);
    }

    private static java.util.List<String> fieldsAtFault(Runnable creation) {
        try {
            creation.run();
        } catch (InvalidInput e) {
            return e.errors().stream().map(TelepayProblem.FieldError::field).toList();
        }
        throw new AssertionError("expected InvalidInput");
    }

    @Test
    void storesTheSkuTrimmedAndUpperCaseAndIsActiveByDefault() {
        NewProduct product = product("  health-gift-01 ", " 保健食品禮盒 ", Money.of("1999.00", "TWD"));
        assertThat(product.sku()).isEqualTo("HEALTH-GIFT-01");
        assertThat(product.name()).isEqualTo("保健食品禮盒");
        assertThat(product.active()).isTrue();
    }

    @Test
    void refusesSkusOutsideTheAllowedShape() {
        for (String sku : new String[] {"A", "-ABC", "ABC DEF", "保健-01", "A".repeat(65), "AB/CD", "AB'; drop table product;--"}) {
            assertThat(fieldsAtFault(() -> product(sku, "x", Money.of("1.00", "USD")))).as(sku).containsExactly("sku");
        }
        assertThat(product("A".repeat(64), "x", Money.of("1.00", "USD")).sku()).hasSize(64);
        assertThat(product("V2.0_PRO-X", "x", Money.of("1.00", "USD")).sku()).isEqualTo("V2.0_PRO-X");
    }

    @Test
    void refusesANegativeOrZeroPriceNamingTheAmount() {
        assertThat(fieldsAtFault(() -> product("SKU-1", "x", Money.of("-1.00", "TWD")))).containsExactly("price.amount");
        assertThat(fieldsAtFault(() -> product("SKU-1", "x", Money.of("0", "JPY")))).containsExactly("price.amount");
    }

    @Test
    void namesEveryFieldAtFaultAtOnce() {
        assertThat(fieldsAtFault(() -> new NewProduct(null, " ", "x".repeat(4001), null, null, null, null)))
                .containsExactlyInAnyOrder("sku", "name", "description", "price", "fulfilment");
    }

    @Test
    void refusesControlCharactersAndOverlongTexts() {
        assertThat(fieldsAtFault(() -> product("SKU-1", "bad\u0000name", Money.of("1.00", "USD")))).containsExactly("name");
        assertThat(fieldsAtFault(() -> product("SKU-1", "x".repeat(201), Money.of("1.00", "USD")))).containsExactly("name");
        assertThatThrownBy(() -> new NewProduct("SKU-1", "x", null, Money.of("1.00", "USD"), Fulfilment.SERVICE, null,
                "y".repeat(8001))).isInstanceOf(InvalidInput.class);
    }

    @Test
    void aChangeMayLeaveEveryFieldOutButNotBlankTheName() {
        assertThat(new ProductChange(null, null, null, null, null).isEmpty()).isTrue();
        assertThat(fieldsAtFault(() -> new ProductChange(" ", null, null, null, null))).containsExactly("name");
        assertThat(fieldsAtFault(() -> new ProductChange(null, null, Money.of("-5", "JPY"), null, null))).containsExactly("price.amount");
    }
}
