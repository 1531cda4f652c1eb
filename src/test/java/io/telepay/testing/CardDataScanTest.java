package io.telepay.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The scan itself must find what it looks for, or the invariant tests built on it prove nothing. */
class CardDataScanTest {

    private final CardDataScan scan = new CardDataScan(null, List.of("4242424242424242"), List.of("846"));

    @Test
    void findsACardNumberWholeSpacedOrCutAfterTwelveDigits() {
        assertThat(scan.leaks("x", "card 4242424242424242")).hasSize(1);
        assertThat(scan.leaks("x", "card 4242 4242 4242 4242")).hasSize(1);
        assertThat(scan.leaks("x", "{\"pan\":\"424242424242\"}")).hasSize(1);
    }

    @Test
    void findsALabelledCvcButNotTheSameDigitsElsewhere() {
        assertThat(scan.leaks("x", "{\"cvc\":\"846\"}")).hasSize(1);
        assertThat(scan.leaks("x", "846")).hasSize(1);
        assertThat(scan.leaks("x", "amount 846.00 TWD, last4 4242")).isEmpty();
    }
}
