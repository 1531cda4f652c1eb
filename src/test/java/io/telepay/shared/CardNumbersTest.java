package io.telepay.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CardNumbersTest {

    @Test
    void masksAPlainVisaNumberToItsLastFour() {
        assertThat(CardNumbers.mask("card 4242424242424242 ok")).isEqualTo("card ************4242 ok");
    }

    @Test
    void masksNumbersGroupedBySpacesOrDashes() {
        assertThat(CardNumbers.mask("5555 5555 5555 4444")).isEqualTo("**** **** **** 4444");
        assertThat(CardNumbers.mask("5555-5555-5555-4444")).isEqualTo("****-****-****-4444");
    }

    @Test
    void masksNineteenDigitUnionPayAndFullWidthDigits() {
        // a log line is masked only when Luhn-valid: the safety net must not eat every long number
        assertThat(CardNumbers.mask("ref 6212345678901234567")).isEqualTo("ref 6212345678901234567");
        String luhnValid19 = "6217000000000000004";
        assertThat(CardNumbers.luhn(luhnValid19)).isTrue();
        assertThat(CardNumbers.mask("銀聯 " + luhnValid19)).isEqualTo("銀聯 ***************0004");
        assertThat(CardNumbers.mask("卡號４２４２４２４２４２４２４２４２")).isEqualTo("卡號************４２４２");
    }

    @Test
    void findsACardHiddenBehindADigitGroupThatIsNotPartOfIt() {
        assertThat(CardNumbers.mask("order 12345 4242 4242 4242 4242")).isEqualTo("order 12345 **** **** **** 4242");
    }

    @Test
    void leavesPhoneNumbersOrderNumbersAndNonLuhnRunsAlone() {
        assertThat(CardNumbers.mask("call +886 912 345 678 about order 20261128")).isEqualTo("call +886 912 345 678 about order 20261128");
        assertThat(CardNumbers.mask("4242424242424241")).isEqualTo("4242424242424241");
        assertThat(CardNumbers.mask("amount 1999.00 TWD")).isEqualTo("amount 1999.00 TWD");
        assertThat(CardNumbers.contains("13800138000")).isFalse();
    }
}
