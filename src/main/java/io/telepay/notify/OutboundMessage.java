package io.telepay.notify;

import io.telepay.shared.Checks;

/**
 * A message to send.
 *
 * @param to        an E.164 phone number (SMS) or an e-mail address
 * @param subject   e-mail subject; ignored for SMS
 * @param purpose   why it is sent, e.g. {@code PAY_LINK}, {@code RECEIPT}
 * @param reference the object it is about, e.g. a payment session id, for finding it again
 */
public record OutboundMessage(Channel channel, String to, String subject, String body, String purpose, String reference) {

    public OutboundMessage {
        Checks checks = Checks.start().require("channel", channel).text("to", to, 320).text("body", body, 10_000)
                .text("purpose", purpose, 40).optionalText("subject", subject, 200).optionalText("reference", reference, 64);
        if (channel == Channel.SMS && to != null) {
            checks.check(to.matches("\\+[1-9]\\d{6,14}"), "to", "must be an E.164 phone number");
        }
        if (channel == Channel.EMAIL && to != null) {
            checks.check(to.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"), "to", "must be an e-mail address");
        }
        checks.orThrow();
    }

    @Override
    public String toString() {
        return "OutboundMessage[" + channel + " " + purpose + " about " + reference + "]";
    }
}
