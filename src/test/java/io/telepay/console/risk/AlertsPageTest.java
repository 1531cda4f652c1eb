package io.telepay.console.risk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An alert's evidence lines link to the call, note and payment they name, as the signals write them. */
class AlertsPageTest {

    @Test
    void aCallSignalLinksTheCallWithItsNoteMarked() {
        AlertsPage.Evidence e = AlertsPage.evidence("call call_abc123, note note_def456: asked for one-time code");
        assertThat(e.links()).containsExactly(new AlertsPage.Link("risk.alerts.openCall",
                "/console/risk/calls/call_abc123?note=note_def456#note-note_def456"));
    }

    @Test
    void aPaymentSignalLinksThePaymentsDecision() {
        AlertsPage.Evidence e = AlertsPage.evidence(
                "card paid for 3 customers in 7 days, of 2 agents (payment pay_q7x2, customer cus_9, agent usr_4)");
        assertThat(e.links()).containsExactly(new AlertsPage.Link("risk.alerts.openDecision", "/console/risk/decisions/pay_q7x2"));
    }

    @Test
    void aLineNamingNothingHasNoLinkAndTheTextStaysAsWritten() {
        String line = "refund of NT$1,000 within 2 hours of capture";
        assertThat(AlertsPage.evidence(line).links()).isEmpty();
        assertThat(AlertsPage.evidence(line).text()).isEqualTo(line);
        assertThat(AlertsPage.evidence("the payment was disputed").links()).as("'payment' without an id").isEmpty();
    }
}
