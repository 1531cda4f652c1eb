package io.telepay.risk;

import java.util.ArrayList;
import java.util.List;

import io.telepay.risk.features.Attempt;
import io.telepay.risk.rules.FeatureValues;
import org.springframework.stereotype.Component;

/**
 * Harvesting signals read off an attempt's features at decision time, raised in the payment's
 * transaction without touching an open alert (a busy card must not make payments queue on one row).
 */
@Component
class AttemptSignals {

    static final int CARD_CUSTOMERS = 2;
    static final int AGENT_CARDS_MIN = 10;
    static final int AGENT_CARDS_TIMES_MEDIAN = 3;
    static final int NEW_AGENT_DAYS = 30;
    static final int NEW_AGENT_CARDS = 10;
    static final int SENT_ELSEWHERE = 3;

    private final RiskAlerts alerts;

    AttemptSignals(RiskAlerts alerts) {
        this.alerts = alerts;
    }

    void onAttempt(Attempt a, FeatureValues v, RiskDecision decision) {
        List<RiskAlerts.Raise> raises = new ArrayList<>();
        // the console links "payment pay_…" to the payment's decision
        String on = " (payment " + a.paymentId() + ", customer " + a.customerId() + (a.agentId() == null ? "" : ", agent " + a.agentId()) + ")";
        double customers = v.number("card.distinctCustomers.7d");
        if (a.cardFingerprint() != null && customers >= CARD_CUSTOMERS) {
            raises.add(new RiskAlerts.Raise(AlertSignal.CARD_MANY_CUSTOMERS, AlertSubject.CARD, a.cardFingerprint(),
                    "card paid for " + (long) customers + " customers in 7 days, of " + (long) v.number("card.distinctAgents.7d")
                            + " agents" + on, a.agentId(), a.paymentId(), null, customers >= 3 ? 80 : 60));
        }
        if (a.agentId() != null) {
            double today = v.number("agent.cardsToday");
            double median = v.number("agent.teamMedianCardsToday");
            if (today >= AGENT_CARDS_MIN && today > AGENT_CARDS_TIMES_MEDIAN * median) {
                raises.add(new RiskAlerts.Raise(AlertSignal.AGENT_CARD_INTAKE, AlertSubject.AGENT, a.agentId(),
                        "agent took " + (long) today + " distinct cards today; team median " + median + on, a.agentId(), a.paymentId()));
            }
            double tenure = v.number("agent.tenureDays");
            double cards = v.number("agent.distinctCards.24h");
            if (tenure < NEW_AGENT_DAYS && cards >= NEW_AGENT_CARDS) {
                raises.add(new RiskAlerts.Raise(AlertSignal.NEW_AGENT_INTAKE, AlertSubject.AGENT, a.agentId(),
                        "agent of " + (long) tenure + " days took " + (long) cards + " distinct cards in 24 h" + on, a.agentId(), a.paymentId()));
            }
            double elsewhere = v.number("agent.sessionsSentElsewhere.7d");
            if (elsewhere >= SENT_ELSEWHERE) {
                raises.add(new RiskAlerts.Raise(AlertSignal.SESSIONS_SENT_ELSEWHERE, AlertSubject.AGENT, a.agentId(),
                        (long) elsewhere + " pay links in 7 days went to an address not the customer's or shared by other customers"
                                + on, a.agentId(), a.paymentId()));
            }
        }
        staffTraces(a, v, on, raises);
        if (v.number("card.holderNameMismatch") > 0.5 && a.customerId() != null) {
            raises.add(new RiskAlerts.Raise(AlertSignal.HOLDER_NAME_MISMATCH, AlertSubject.CUSTOMER, a.customerId(),
                    String.format(java.util.Locale.ROOT, "the name on card %s… shares little with the customer's (similarity %.2f)",
                            a.cardFingerprint() == null ? "?" : a.cardFingerprint().substring(0, Math.min(12, a.cardFingerprint().length())),
                            a.holderSimilarity()) + on, a.agentId(), a.paymentId()));
        }
        alerts.raiseQuietly(raises);
    }

    /**
     * Issue 17: the agent typing a card read to them into the hosted page. One alert on each staff member whose
     * device, address or network the page was opened from, and on the sale's agent; one on whoever changed the
     * customer's phone to the number the link went to shortly before it was sent.
     */
    private static void staffTraces(Attempt a, FeatureValues v, String on, List<RiskAlerts.Raise> raises) {
        boolean device = v.number("payPage.staffDevice") > 0.5;
        boolean address = v.number("payPage.staffAddress") > 0.5;
        boolean network = v.number("payPage.staffNetwork") > 0.5;
        String staff = v.text("payPage.staff");
        if ((device || address || network) && staff != null) {
            String how = device ? "a device" : address ? "an address" : "a network";
            java.util.Set<String> subjects = new java.util.LinkedHashSet<>(List.of(staff.split(", ")));
            if (a.agentId() != null) {
                subjects.add(a.agentId());
            }
            for (String subject : subjects) {
                raises.add(new RiskAlerts.Raise(AlertSignal.PAY_PAGE_FROM_STAFF, AlertSubject.AGENT, subject,
                        "the pay page was opened from " + how + " that staff " + staff + " used in the console or with an API key"
                                + on, a.agentId(), a.paymentId(), null, device || address ? 95 : 75));
            }
        }
        String changedBy = v.text("session.phoneChangedBy");
        if (v.number("session.phoneChangedBeforeLink") > 0.5 && changedBy != null) {
            raises.add(new RiskAlerts.Raise(AlertSignal.PHONE_CHANGED_BEFORE_LINK, AlertSubject.AGENT, changedBy,
                    "staff " + changedBy + " changed the customer's phone to the number the pay link went to "
                            + (long) v.number("session.phoneChangedMinutesBeforeLink") + " minutes before it was sent" + on,
                    a.agentId(), a.paymentId()));
        }
    }
}
