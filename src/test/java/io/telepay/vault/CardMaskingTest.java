package io.telepay.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.telepay.shared.InvalidInput;
import io.telepay.shared.TelepayProblem;
import io.telepay.shared.web.Problems;
import io.telepay.vault.crypto.CardCipher;
import io.telepay.vault.crypto.CardUnreadable;
import io.telepay.vault.crypto.Keysets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Invariant 1 at the values: no card number or CVC in a toString, a JSON form or any exception raised. */
class CardMaskingTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-05-10T08:00:00Z"), ZoneOffset.UTC);

    @Test
    void valuesPrintMaskedEverywhere() throws Exception {
        String digits = TestCards.luhnValid("6212", 19);
        PresentedCard card = PresentedCard.parse(digits, "12/28", "739", "王小明", clock);
        JsonMapper json = JsonMapper.builder().build();

        assertThat(card.number()).hasToString(digits.substring(0, 6) + "*********" + digits.substring(15));
        assertThat(card.cvc()).hasToString("***");
        assertThat(json.writeValueAsString(card.number())).isEqualTo("\"" + card.number() + "\"");
        assertThat(json.writeValueAsString(card.cvc())).isEqualTo("\"***\"");
        for (String shown : List.of(card.toString(), json.writeValueAsString(card), String.valueOf(card.number()),
                String.format("%s %s", card.number(), card.cvc()))) {
            assertNoCardData(shown, digits, "739");
        }
    }

    @Test
    void noRefusalOfACardNumberCarriesItsDigits() {
        String visa = TestCards.luhnValid("4", 16);
        List<Throwable> refusals = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        // every rule CardNumber.parse can break, each with digits that could leak
        for (String raw : List.of(
                visa.substring(0, 15) + "x",                 // not digits
                visa.substring(0, 12),                        // too short for any brand
                visa + "0000",                                // too long for any brand
                TestCards.luhnValid("9", 16),                 // no accepted brand
                TestCards.luhnValid("4", 15),                 // wrong length for the brand
                TestCards.luhnInvalid("4", 16),               // check digit
                TestCards.luhnInvalid("37", 15))) {
            inputs.add(raw);
            refusals.add(catchThrowable(() -> CardNumber.parse(raw)));
        }
        for (int i = 0; i < refusals.size(); i++) {
            assertThat(refusals.get(i)).isInstanceOf(InvalidInput.class);
            assertNoDigitsOf(inputs.get(i), refusals.get(i));
        }
    }

    @Test
    void noRefusalOfAPresentedCardCarriesItsNumberOrCvc() {
        String amex = TestCards.luhnValid("37", 15);
        List<Supplier<PresentedCard>> attempts = List.of(
                () -> PresentedCard.parse(amex, "12/28", "739", null, clock),        // Amex needs 4
                () -> PresentedCard.parse(amex, "01/20", "7391", null, clock),       // expired
                () -> PresentedCard.parse(amex, "13/28", "7391", null, clock),       // month
                () -> PresentedCard.parse(amex, "1228", "73a1", null, clock),        // cvc not digits
                () -> PresentedCard.parse(amex + "1", "12/28", "7391", null, clock), // number and cvc both
                () -> PresentedCard.parse(amex, "12/28", "7391", "x".repeat(101), clock));
        for (Supplier<PresentedCard> attempt : attempts) {
            Throwable refusal = catchThrowable(attempt::get);
            assertThat(refusal).isInstanceOf(InvalidInput.class);
            assertNoDigitsOf(amex, refusal);
            assertNoDigitsOf("7391", refusal);
        }
    }

    @Test
    void aPresentedCardReportsEveryFieldAtFaultAtOnce() {
        assertThatThrownBy(() -> PresentedCard.parse("4242 4242 4242 4241", "13/28", "12", null, clock))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors())
                        .extracting(TelepayProblem.FieldError::field)
                        .containsExactly("cardNumber", "expiry", "cvc"));
    }

    @Test
    void aTamperedCiphertextIsReportedByTokenOnly() {
        String digits = TestCards.luhnValid("52", 16);
        CardCipher cipher = new CardCipher(Keysets.newCardEncryption(), Keysets.newFingerprint());
        var sealed = cipher.seal(CardNumber.parse(digits), "陳美玲");
        byte[] altered = sealed.ciphertext().clone();
        altered[altered.length - 1] ^= 1;

        Throwable refusal = catchThrowable(() -> cipher.open(sealed.token(), altered));

        assertThat(refusal).isInstanceOf(CardUnreadable.class).hasMessageContaining(sealed.token());
        assertNoDigitsOf(digits, refusal);
    }

    @Test
    void vaultUnavailableIsA503ProblemWithoutInternals() {
        var problem = Problems.of(new VaultUnavailable());

        assertThat(problem.getStatus()).isEqualTo(503);
        assertThat(problem.getType().toString()).isEqualTo("urn:telepay:problem:vault-unavailable");
        assertThat(problem.getDetail()).doesNotContainIgnoringCase("kek").doesNotContainIgnoringCase("key");
    }

    /** Neither the digits nor any 6-digit run of them (a BIN plus a guess) appear in what the exception tells. */
    static void assertNoDigitsOf(String raw, Throwable refusal) {
        String digits = raw.replaceAll("\\D", "");
        List<String> told = new ArrayList<>();
        told.add(String.valueOf(refusal.getMessage()));
        told.add(refusal.toString());
        if (refusal instanceof TelepayProblem problem) {
            problem.errors().forEach(error -> told.add(error.field() + " " + error.message()));
        }
        for (String text : told) {
            int window = Math.min(6, digits.length());
            for (int start = 0; start + window <= digits.length(); start++) {
                assertThat(text).as("what the exception tells").doesNotContain(digits.substring(start, start + window));
            }
        }
    }

    private static void assertNoCardData(String shown, String digits, String cvc) {
        assertThat(shown).doesNotContain(digits).doesNotContain(digits.substring(6, 15))
                .doesNotContain("cvc " + cvc).doesNotContain("\"" + cvc + "\"").doesNotContain("=" + cvc);
    }
}
