package io.telepay.risk;

import java.util.List;
import java.util.stream.Collectors;

import io.telepay.call.CardNumberInNote;
import io.telepay.call.SecretInNote;
import io.telepay.call.SecretRequested;
import io.telepay.call.SuspiciousNote;
import io.telepay.redaction.SecretKind;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Alerts on the agent from what call notes revealed: a request for a secret no seller needs, card
 * collection language, a card number or another secret typed into a note. The evidence names the call,
 * the note and the kinds or phrases, never the note's words; the console links its "call …, note …" to the
 * call's page, where an analyst reads the note as stored.
 */
@Component
class CallSignals {

    private final RiskAlerts alerts;

    CallSignals(RiskAlerts alerts) {
        this.alerts = alerts;
    }

    @EventListener
    void on(SecretRequested event) {
        raise(AlertSignal.SECRET_REQUESTED, event.agentId(), event.authorId(), event.callId(), event.noteId(),
                "asked for " + kinds(event.kinds()));
    }

    @EventListener
    void on(SuspiciousNote event) {
        raise(AlertSignal.CARD_COLLECTION_LANGUAGE, event.agentId(), event.authorId(), event.callId(), event.noteId(),
                "card-collection language: " + String.join(", ", event.phrases()));
    }

    @EventListener
    void on(CardNumberInNote event) {
        raise(AlertSignal.CARD_NUMBER_IN_NOTE, event.agentId(), event.authorId(), event.callId(), event.noteId(),
                "held " + kinds(event.kinds()) + " (removed before storage)");
    }

    @EventListener
    void on(SecretInNote event) {
        raise(AlertSignal.SECRET_IN_NOTE, event.agentId(), event.authorId(), event.callId(), event.noteId(),
                "held " + kinds(event.kinds()) + " (removed before storage)");
    }

    private void raise(AlertSignal signal, String agentId, String authorId, String callId, String noteId, String what) {
        if (agentId == null) {
            return;
        }
        String by = authorId == null || authorId.equals(agentId) ? "" : " (written by " + authorId + ")";
        alerts.raise(new RiskAlerts.Raise(signal, AlertSubject.AGENT, agentId,
                "call " + callId + ", note " + noteId + by + ": " + what, agentId, null), false);
    }

    private static String kinds(List<SecretKind> kinds) {
        return kinds.stream().map(SecretKind::label).collect(Collectors.joining(", "));
    }
}
