package io.telepay.telephony;

import java.util.Optional;

import io.telepay.payment.IvrCapture;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Service;

/**
 * What the console may know and do about keypad calls on this instance's line: whether a session's
 * caller is on the line and in secure capture, and (agent assist) asking the caller to key a field
 * again. Exists only while the SIP endpoint is on.
 */
@Service
@ConditionalOnExpression("'${telepay.sip.port:}' != ''")
public class KeypadLines {

    /**
     * @param assisted      the agent is on the call too (agent assist), else the caller is alone with the secure IVR
     * @param secureCapture keys are being taken and kept from the agent's leg
     */
    public record LineState(boolean assisted, boolean secureCapture) {
    }

    private final SipLine line;
    private final AgentAssist assist;

    KeypadLines(SipLine line, AgentAssist assist) {
        this.line = line;
        this.assist = assist;
    }

    /** The session's call on this instance's line, if there is one. */
    public Optional<LineState> state(String sessionId) {
        return line.callOf(sessionId).map(call -> new LineState(call.assisted(), !call.assisted() || call.relay().masking()));
    }

    /**
     * Agent assist: the field is cleared and the caller's next keys go to it. False when the session has
     * no agent-assist call on this line (the field is not touched then).
     */
    public boolean reenter(String sessionId, IvrCapture.Field field) {
        return line.callOf(sessionId).filter(Call::assisted).map(call -> assist.reenter(call, field)).orElse(false);
    }
}
