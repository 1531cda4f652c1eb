package io.telepay.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telepay.shared.InvalidInput;
import org.junit.jupiter.api.Test;

class CvcTest {

    @Test
    void americanExpressTakesFourDigitsAndNoOtherLength() {
        assertThat(Cvc.parse("1234", CardBrand.AMEX).digits()).isEqualTo("1234");
        assertRefused("123", CardBrand.AMEX, "must have 4 digits for American Express");
        assertRefused("12345", CardBrand.AMEX, "must have 4 digits for American Express");
    }

    @Test
    void everyOtherBrandTakesThreeDigits() {
        for (CardBrand brand : CardBrand.values()) {
            if (brand != CardBrand.AMEX) {
                assertThat(Cvc.parse(" 123 ", brand).digits()).isEqualTo("123");
                assertRefused("1234", brand, "must have 3 digits for " + brand.displayName());
                assertRefused("12", brand, "must have 3 digits for " + brand.displayName());
            }
        }
    }

    @Test
    void refusesAnythingButDigits() {
        assertRefused("12a", CardBrand.VISA, "must contain only digits");
        assertRefused("", CardBrand.VISA, "is required");
        assertRefused(null, CardBrand.VISA, "is required");
    }

    @Test
    void neverShowsItself() {
        assertThat(Cvc.parse("739", CardBrand.VISA)).hasToString("***");
    }

    private static void assertRefused(String raw, CardBrand brand, String message) {
        assertThatThrownBy(() -> Cvc.parse(raw, brand)).isInstanceOfSatisfying(InvalidInput.class, e -> {
            assertThat(e.errors()).singleElement().satisfies(error -> {
                assertThat(error.field()).isEqualTo("cvc");
                assertThat(error.message()).isEqualTo(message);
            });
        });
    }
}
