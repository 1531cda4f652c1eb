package io.telepay.vault;

import static io.telepay.vault.TestCards.luhnInvalid;
import static io.telepay.vault.TestCards.luhnValid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telepay.shared.InvalidInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CardNumberTest {

    @ParameterizedTest(name = "{0} with {1} digits is {2}")
    @CsvSource({
            "4, 13, VISA", "4, 16, VISA", "4, 19, VISA",
            "51, 16, MASTERCARD", "55, 16, MASTERCARD", "2221, 16, MASTERCARD", "2720, 16, MASTERCARD",
            "34, 15, AMEX", "37, 15, AMEX",
            "62, 16, UNIONPAY", "62, 17, UNIONPAY", "62, 18, UNIONPAY", "62, 19, UNIONPAY",
            "3528, 16, JCB", "3589, 19, JCB",
            "6011, 16, DISCOVER", "644, 16, DISCOVER", "649, 19, DISCOVER", "65, 16, DISCOVER",
            "36, 14, DINERS", "38, 16, DINERS", "300, 14, DINERS", "305, 19, DINERS",
    })
    void acceptsEveryBrandAtTheEdgesOfItsRangesAndLengths(String prefix, int length, CardBrand brand) {
        CardNumber number = CardNumber.parse(luhnValid(prefix, length));

        assertThat(number.brand()).isEqualTo(brand);
        assertThat(number.length()).isEqualTo(length);
    }

    @ParameterizedTest(name = "{0} with {1} digits: {2}")
    @CsvSource(delimiter = '|', value = {
            "4    | 14 | must have 13, 16 or 19 digits for Visa",
            "4    | 15 | must have 13, 16 or 19 digits for Visa",
            "4    | 17 | must have 13, 16 or 19 digits for Visa",
            "4    | 18 | must have 13, 16 or 19 digits for Visa",
            "51   | 15 | must have 16 digits for Mastercard",
            "2221 | 17 | must have 16 digits for Mastercard",
            "37   | 16 | must have 15 digits for American Express",
            "34   | 14 | must have 15 digits for American Express",
            "62   | 15 | must have 16 to 19 digits for UnionPay",
            "3528 | 15 | must have 16 to 19 digits for JCB",
            "6011 | 15 | must have 16 to 19 digits for Discover",
            "36   | 13 | must have 14 to 19 digits for Diners Club",
            "4    | 12 | must have 13 to 19 digits",
            "62   | 20 | must have 13 to 19 digits",
    })
    void refusesLengthsTheBrandDoesNotIssue(String prefix, int length, String message) {
        assertRefused(luhnValid(prefix, length), message);
    }

    @ParameterizedTest(name = "IIN {0} is no accepted brand")
    @CsvSource({"50", "56", "2220", "2721", "3527", "3590", "6010", "643", "306", "1", "9", "39"})
    void refusesNumbersJustOutsideEveryIinRange(String prefix) {
        assertRefused(luhnValid(prefix, 16), "is not from a card brand we accept");
    }

    @Test
    void refusesAFailedCheckDigitForEveryBrandButUnionPay() {
        for (String prefix : new String[] {"4", "51", "2221", "3528", "6011", "65"}) {
            assertRefused(luhnInvalid(prefix, 16), "is not a valid card number (check digit)");
        }
        assertRefused(luhnInvalid("37", 15), "is not a valid card number (check digit)");
        assertRefused(luhnInvalid("36", 14), "is not a valid card number (check digit)");
    }

    @Test
    void acceptsUnionPayNumbersThatFailLuhnBecauseSuchCardsAreIssued() {
        String nineteenDigits = luhnInvalid("6212", 19);

        CardNumber number = CardNumber.parse(nineteenDigits);

        assertThat(number.brand()).isEqualTo(CardBrand.UNIONPAY);
        assertThat(number.digits()).isEqualTo(nineteenDigits);
    }

    @Test
    void readsSpacesDashesAndFullWidthDigits() {
        assertThat(CardNumber.parse("4242 4242 4242 4242").digits()).isEqualTo(TestCards.VISA);
        assertThat(CardNumber.parse("5555-5555-5555-4444").digits()).isEqualTo(TestCards.MASTERCARD);
        assertThat(CardNumber.parse("６２００ ０００００００００００５").digits()).isEqualTo(TestCards.UNIONPAY);
    }

    @Test
    void refusesLettersAndMissingNumbers() {
        assertRefused("4242 4242 4242 424x", "must contain only digits, spaces or dashes");
        assertRefused("4242.4242.4242.4242", "must contain only digits, spaces or dashes");
        assertRefused("   ", "is required");
        assertRefused(null, "is required");
    }

    @Test
    void showsBinAndLastFourOnly() {
        CardNumber visa = CardNumber.parse(TestCards.VISA);

        assertThat(visa.toString()).isEqualTo("424242******4242");
        assertThat(visa.bin()).isEqualTo("424242");
        assertThat(visa.last4()).isEqualTo("4242");
        assertThat(CardNumber.parse(TestCards.AMEX).toString()).isEqualTo("378282*****0005");
    }

    @Test
    void equalNumbersAreEqualWhateverTheirSeparators() {
        assertThat(CardNumber.parse("4242-4242-4242-4242")).isEqualTo(CardNumber.parse(TestCards.VISA))
                .hasSameHashCodeAs(CardNumber.parse(TestCards.VISA));
        assertThat(CardNumber.parse(TestCards.VISA)).isNotEqualTo(CardNumber.parse(TestCards.MASTERCARD));
    }

    private static void assertRefused(String raw, String message) {
        assertThatThrownBy(() -> CardNumber.parse(raw))
                .isInstanceOfSatisfying(InvalidInput.class, e -> {
                    assertThat(e.errors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo("cardNumber");
                        assertThat(error.message()).isEqualTo(message);
                    });
                });
    }
}
