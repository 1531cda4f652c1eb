package io.telepay.call;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Whether the agent spoke with the customer, for analytics (contact rate, answer rate); left out at the
 * end of a call it follows from the disposition. Each disposition allows only the outcomes that make
 * sense with it: a SALE was talked, a NO_ANSWER was not.
 */
public enum TalkOutcome {
    CONNECTED, NO_ANSWER, BUSY, VOICEMAIL, WRONG_NUMBER;

    private static final Map<Disposition, Set<TalkOutcome>> ALLOWED = Map.of(
            Disposition.SALE, EnumSet.of(CONNECTED),
            Disposition.CALLBACK, EnumSet.of(CONNECTED),
            Disposition.NO_SALE, EnumSet.of(CONNECTED, WRONG_NUMBER),
            Disposition.DO_NOT_CALL, EnumSet.of(CONNECTED, WRONG_NUMBER),
            Disposition.NO_ANSWER, EnumSet.of(NO_ANSWER, BUSY, VOICEMAIL));

    /** The outcome a disposition implies when the agent gives none. */
    static TalkOutcome implied(Disposition disposition) {
        return disposition == Disposition.NO_ANSWER ? NO_ANSWER : CONNECTED;
    }

    boolean fits(Disposition disposition) {
        return ALLOWED.get(disposition).contains(this);
    }

    static Set<TalkOutcome> allowedWith(Disposition disposition) {
        return ALLOWED.get(disposition);
    }
}
