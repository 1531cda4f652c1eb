package io.telepay.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import io.telepay.shared.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EndCallTest {

    private static final Instant TOMORROW = Instant.parse("2026-12-01T02:00:00Z");

    @Test
    void aCallbackNeedsItsTime() {
        assertThatThrownBy(() -> new EndCall(Disposition.CALLBACK, null, null))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors()).extracting("field").containsExactly("callbackAt"));
    }

    @ParameterizedTest
    @EnumSource(value = Disposition.class, names = "CALLBACK", mode = EnumSource.Mode.EXCLUDE)
    void onlyACallbackTakesATime(Disposition disposition) {
        assertThatThrownBy(() -> new EndCall(disposition, TOMORROW, null))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors()).extracting("field").containsExactly("callbackAt"));
    }

    @Test
    void theDispositionIsRequired() {
        assertThatThrownBy(() -> new EndCall(null, null, null))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors()).extracting("field").containsExactly("disposition"));
    }

    @Test
    void theTalkOutcomeFollowsFromTheDispositionWhenLeftOut() {
        assertThat(new EndCall(Disposition.NO_ANSWER, null, null).outcome()).isEqualTo(TalkOutcome.NO_ANSWER);
        assertThat(new EndCall(Disposition.SALE, null, null).outcome()).isEqualTo(TalkOutcome.CONNECTED);
        assertThat(new EndCall(Disposition.CALLBACK, TOMORROW, null).outcome()).isEqualTo(TalkOutcome.CONNECTED);
        assertThat(new EndCall(Disposition.NO_ANSWER, null, TalkOutcome.VOICEMAIL).outcome()).isEqualTo(TalkOutcome.VOICEMAIL);
    }

    @Test
    void aTalkOutcomeThatContradictsTheDispositionIsRefused() {
        assertThatThrownBy(() -> new EndCall(Disposition.SALE, null, TalkOutcome.NO_ANSWER))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors()).extracting("field").containsExactly("talkOutcome"));
        assertThatThrownBy(() -> new EndCall(Disposition.NO_ANSWER, null, TalkOutcome.CONNECTED))
                .isInstanceOf(InvalidInput.class);
    }

    @ParameterizedTest
    @EnumSource(Disposition.class)
    void everyDispositionAllowsItsImpliedOutcome(Disposition disposition) {
        assertThat(TalkOutcome.implied(disposition).fits(disposition)).isTrue();
    }
}
