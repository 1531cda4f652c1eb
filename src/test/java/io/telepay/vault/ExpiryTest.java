package io.telepay.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.telepay.shared.InvalidInput;
import org.junit.jupiter.api.Test;

class ExpiryTest {

    /** 31 March 2026, the last hour of the month. */
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-31T23:30:00Z"), ZoneOffset.UTC);

    @Test
    void readsThePrintedAndTheKeypadForms() {
        assertThat(Expiry.parse("03/27")).isEqualTo(new Expiry(3, 2027));
        assertThat(Expiry.parse("3/27")).isEqualTo(new Expiry(3, 2027));
        assertThat(Expiry.parse("03 / 2027")).isEqualTo(new Expiry(3, 2027));
        assertThat(Expiry.parse("03-27")).isEqualTo(new Expiry(3, 2027));
        assertThat(Expiry.parse("0327")).isEqualTo(new Expiry(3, 2027));
        assertThat(Expiry.parse("032027")).isEqualTo(new Expiry(3, 2027));
    }

    @Test
    void aCardIsGoodThroughTheLastDayOfItsExpiryMonth() {
        assertThat(Expiry.parse("03/26", clock)).isEqualTo(new Expiry(3, 2026));
        assertThat(new Expiry(3, 2026).hasPassedAt(clock)).isFalse();
    }

    @Test
    void refusesLastMonth() {
        assertRefused(() -> Expiry.parse("02/26", clock), "has passed");
        assertRefused(() -> Expiry.parse("12/25", clock), "has passed");
        assertThat(new Expiry(2, 2026).hasPassedAt(clock)).isTrue();
    }

    @Test
    void refusesAnExpiryImplausiblyFarAhead() {
        assertThat(Expiry.parse("03/46", clock)).isEqualTo(new Expiry(3, 2046));
        assertRefused(() -> Expiry.parse("04/46", clock), "is too far in the future");
    }

    @Test
    void refusesMalformedExpiries() {
        assertRefused(() -> Expiry.parse("13/27"), "month must be 01 to 12");
        assertRefused(() -> Expiry.parse("00/27"), "month must be 01 to 12");
        assertRefused(() -> Expiry.parse("03/1999"), "year must be 2000 to 2099");
        assertRefused(() -> Expiry.parse("0327x"), "must be MM/YY");
        assertRefused(() -> Expiry.parse("327"), "must be MM/YY");
        assertRefused(() -> Expiry.parse("march 2027"), "must be MM/YY");
        assertRefused(() -> Expiry.parse(" "), "is required");
    }

    @Test
    void printsAsOnTheCard() {
        assertThat(new Expiry(3, 2027)).hasToString("03/27");
    }

    private static void assertRefused(Runnable parse, String message) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(InvalidInput.class, e ->
                assertThat(e.errors()).singleElement().satisfies(error -> {
                    assertThat(error.field()).isEqualTo("expiry");
                    assertThat(error.message()).isEqualTo(message);
                }));
    }
}
