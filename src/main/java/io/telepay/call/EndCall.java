package io.telepay.call;

import java.time.Instant;

import io.telepay.shared.Checks;

/**
 * How a call ended.
 *
 * @param callbackAt   required for a {@code CALLBACK} (and must then be in the future), refused otherwise
 * @param talkOutcome  optional; must fit the disposition ({@link TalkOutcome})
 */
public record EndCall(Disposition disposition, Instant callbackAt, TalkOutcome talkOutcome) {

    public EndCall {
        Checks checks = Checks.start().require("disposition", disposition);
        if (disposition == Disposition.CALLBACK) {
            checks.require("callbackAt", callbackAt);
        } else if (disposition != null) {
            checks.check(callbackAt == null, "callbackAt", "is only for a CALLBACK");
        }
        if (disposition != null && talkOutcome != null && !talkOutcome.fits(disposition)) {
            checks.fail("talkOutcome", "must be one of " + TalkOutcome.allowedWith(disposition) + " for " + disposition);
        }
        checks.orThrow();
    }

    TalkOutcome outcome() {
        return talkOutcome != null ? talkOutcome : TalkOutcome.implied(disposition);
    }
}
