package io.telepay.telephony;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import io.telepay.payment.IvrCapture;
import io.telepay.payment.IvrCapture.Field;
import io.telepay.payment.PaymentSessions;
import io.telepay.payment.SessionGone;
import io.telepay.telephony.sip.SipMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * Agent assist: the PBX sends the customer's leg to {@code sip:assist-{keypadCode}@…} and names the
 * agent's phone in {@code X-Telepay-Agent}; Telepay answers the customer, calls the agent and relays
 * the audio both ways, so the agent keeps talking with the customer. The customer keys the card number
 * {@code #}, the expiry {@code #}, the security code {@code #} ({@code *} clears the field being keyed);
 * each key goes to the keypad capture, and the agent follows the counts on the desk and presses Submit
 * there. Until the session leaves OPEN, the relay keeps every key from the agent's leg.
 */
@Component
@ConditionalOnExpression("'${telepay.sip.port:}' != ''")
class AgentAssist {

    private static final Logger log = LoggerFactory.getLogger(AgentAssist.class);
    private static final List<Field> FIELDS = List.of(Field.CARD_NUMBER, Field.EXPIRY, Field.CVC);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private final IvrCapture capture;
    private final PaymentSessions sessions;

    AgentAssist(IvrCapture capture, PaymentSessions sessions) {
        this.capture = capture;
        this.sessions = sessions;
    }

    /** Runs the call on its own thread until either side hangs up. */
    void run(Call call) {
        String sessionId = call.session().id();
        String code = call.session().keypadCode();
        try {
            String agentUri = SipMessage.uriOf(call.inviteHeader(SipLine.AGENT_HEADER));
            if (!call.dialAgent(agentUri, call.line().linkTo(agentUri), call.line().host(), call.line().port())) {
                call.hangUp("the agent's leg did not answer");
                return;
            }
            log.info("Keypad call {} for session {}: the agent's leg answered; secure capture on", call.callId(), sessionId);
            for (Field field : FIELDS) {
                capture.input(sessionId, field, null, true);
            }
            boolean complete = false;
            while (call.relay().masking()) {
                char key = call.nextKey(CHECK_EVERY);
                int at = call.field();
                if (key == 0) {
                    if (sessions.byKeypadCode(code).isEmpty()) {
                        // submitted from the desk (or expired): the call is a plain call again
                        call.relay().masking(false);
                        log.info("Keypad call {} for session {}: secure capture over", call.callId(), sessionId);
                    }
                } else if (Character.isDigit(key)) {
                    complete = capture.input(sessionId, FIELDS.get(at), String.valueOf(key), false).complete();
                } else if (key == '*') {
                    capture.input(sessionId, FIELDS.get(at), null, true);
                    complete = false;
                } else if (key == '#' && complete && at < FIELDS.size() - 1) {
                    call.field(at + 1);
                    complete = false;
                } else if (key == Call.REENTER) {
                    complete = false;
                }
            }
            call.awaitEnd();
        } catch (Call.HungUp hungUp) {
            // either side left
        } catch (SessionGone gone) {
            call.relay().masking(false);
            call.awaitEndQuietly();
        } catch (IOException | RuntimeException e) {
            log.error("Keypad call {} for session {} failed", call.callId(), sessionId, e);
            call.hangUp("failed");
        } finally {
            if (call.relay().masking()) {
                SecureIvr.forgetEntry(capture, sessionId);
            }
            call.end("the call ended");
        }
    }

    /** The agent asked for a field again: it is cleared, and the caller's next keys go to it. */
    boolean reenter(Call call, Field field) {
        capture.input(call.session().id(), field, null, true);
        call.field(FIELDS.indexOf(field));
        call.wake(Call.REENTER);
        return true;
    }
}
