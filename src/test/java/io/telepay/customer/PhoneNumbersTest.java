package io.telepay.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telepay.shared.InvalidInput;
import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    private final PhoneNumbers taiwan = new PhoneNumbers("TW");

    @Test
    void readsTaiwaneseNumbersWrittenTheLocalWay() {
        assertThat(taiwan.normalize("0912-345-678", "phone")).isEqualTo("+886912345678");
        assertThat(taiwan.normalize("0912 345 678", "phone")).isEqualTo("+886912345678");
        assertThat(taiwan.normalize("(02) 2345-6789", "phone")).isEqualTo("+886223456789");
    }

    @Test
    void keepsTheCountryCodeAClientGave() {
        assertThat(taiwan.normalize("+86 138 1234 5678", "phone")).isEqualTo("+8613812345678");
        assertThat(taiwan.parse("+86 138 1234 5678", "phone").region()).isEqualTo("CN");
        assertThat(taiwan.normalize("+1 650-253-0000", "phone")).isEqualTo("+16502530000");
    }

    @Test
    void theDefaultRegionDecidesNumbersWithoutCountryCode() {
        assertThat(new PhoneNumbers("CN").normalize("138 1234 5678", "phone")).isEqualTo("+8613812345678");
    }

    @Test
    void refusesWhatIsNoPhoneNumberNamingTheField() {
        for (String bad : new String[] {"12345", "hello", "0912-345", "+886 12", "'; drop table customer; --",
                "<script>alert(1)</script>", "9".repeat(41), " "}) {
            assertThatThrownBy(() -> taiwan.normalize(bad, "phone")).as(bad)
                    .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().getFirst().field()).isEqualTo("phone"));
        }
    }

    @Test
    void refusesAnUnknownDefaultRegionAtStartUp() {
        assertThatThrownBy(() -> new PhoneNumbers("XX")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void masksAllButCountryCodeFirstDigitAndLastThree() {
        assertThat(PhoneNumbers.mask("+886912345678")).isEqualTo("+886 9** *** 678");
        assertThat(PhoneNumbers.mask("+8613812345678")).isEqualTo("+86 1** **** *678");
        assertThat(PhoneNumbers.mask("+886223456789")).doesNotContain("3456").endsWith("789").startsWith("+886 2");
    }
}
