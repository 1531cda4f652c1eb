package io.telepay.console.payments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.telepay.console.Names;
import io.telepay.console.Phrases;
import io.telepay.notify.Messages;
import io.telepay.notify.SentMessage;
import io.telepay.notify.webhook.WebhookDeliveries;
import io.telepay.notify.webhook.WebhookDelivery;
import io.telepay.payment.OperationKind;
import io.telepay.payment.OperationStatus;
import io.telepay.payment.OperationView;
import io.telepay.payment.PaymentSearch;
import io.telepay.payment.PaymentSessionView;
import io.telepay.payment.PaymentView;
import io.telepay.shared.MoneyFormat;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * A payment's story in time order, in the reader's language: its order's payment sessions and the messages
 * sent for them, every attempt to pay (declined ones with why), the risk decision, the authorization, captures,
 * releases, refunds (and who approved them), chargebacks, the receipts and other messages to the customer, and the
 * webhooks that told the company's systems.
 * Messages are shown by purpose, channel and outcome only: never the recipient or the text (a pay link is a
 * bearer capability).
 */
@Component
class Timeline {

    private static final int MESSAGES_PER_REFERENCE = 20;
    private static final int WEBHOOKS = 50;

    private final Messages outbox;
    private final WebhookDeliveries webhooks;
    private final MessageSource messages;
    private final Names names;
    private final Phrases phrases;

    Timeline(Messages outbox, WebhookDeliveries webhooks, MessageSource messages, Names names, Phrases phrases) {
        this.names = names;
        this.phrases = phrases;
        this.outbox = outbox;
        this.webhooks = webhooks;
        this.messages = messages;
    }

    /**
     * One moment of the story.
     *
     * @param tone ok, warn, bad or plain (the badge's colour)
     * @param href a page to open about it (another attempt, the risk decision), or null
     */
    record Event(Instant at, String kind, String title, String detail, String tone, String href, String linkText) {
    }

    List<Event> of(PaymentSearch.History history, boolean decisionLinked) {
        PaymentView payment = history.payment();
        List<Event> events = new ArrayList<>();
        Set<String> references = new LinkedHashSet<>();
        for (PaymentSessionView session : history.sessions()) {
            references.add(session.id());
            events.add(new Event(session.createdAt(), "session",
                    text("payments.event.session", word("payments.channel.", session.channel())),
                    session.declinedAttempts() == 0 ? text("payments.event.sessionNow", word("payments.session.", session.status().name()))
                            : text("payments.event.sessionNowDeclines", word("payments.session.", session.status().name()),
                            session.declinedAttempts()), "plain", null, null));
            if (session.openedAt() != null) {
                events.add(new Event(session.openedAt(), "opened", text("payments.event.opened"), null, "plain", null, null));
            }
        }
        for (PaymentSearch.Attempt attempt : history.attempts()) {
            String card = card(attempt.card());
            boolean self = attempt.paymentId().equals(payment.id());
            String status = word("payments.status.", attempt.status().name());
            String detail = attempt.declineCode() == null ? status
                    : status + " — " + messages.getMessage("payments.decline." + attempt.declineCode(), null,
                    text("payments.decline.other", attempt.declineCode()), LocaleContextHolder.getLocale());
            if (self) {
                events.add(new Event(attempt.at(), "attempt", text("payments.event.thisAttempt", card), detail,
                        tone(attempt.status().name()), null, null));
                PaymentView.Risk risk = attempt.risk();
                events.add(new Event(attempt.at(), "risk",
                        text("payments.event.risk", word("risk.action.", risk.action()), risk.score()),
                        String.join(" · ", risk.reasons().stream().map(phrases::of).toList()),
                        "ALLOW".equals(risk.action()) ? "ok" : "warn",
                        decisionLinked ? "/console/risk/decisions/" + payment.id() : null,
                        decisionLinked ? text("payments.event.riskOpen") : null));
            } else {
                events.add(new Event(attempt.at(), "attempt", text("payments.event.otherAttempt", card), detail,
                        tone(attempt.status().name()), "/console/payments/" + attempt.paymentId(), text("payments.open")));
            }
        }
        for (OperationView op : history.operations()) {
            events.add(new Event(op.createdAt(), "operation-" + op.kind().name().toLowerCase(java.util.Locale.ROOT),
                    text("payments.op." + op.kind().name(), MoneyFormat.text(op.amount())), operationDetail(op),
                    tone(op.status().name()), null, null));
            if (op.decidedAt() != null && op.kind() == OperationKind.REFUND) {
                boolean approved = op.status() != OperationStatus.REJECTED;
                String note = op.decisionNote() == null ? "" : op.decisionNote();
                events.add(new Event(op.decidedAt(), "approval",
                        text(approved ? "payments.event.approved" : "payments.event.rejected", MoneyFormat.text(op.amount()),
                                op.decidedBy() == null ? text("payments.someone") : names.staff(op.decidedBy(), op.decidedByName())),
                        note, approved ? "ok" : "bad", null, null));
            }
        }
        references.add(payment.id());
        references.add(payment.orderId());
        for (String reference : references) {
            for (SentMessage message : outbox.recent(reference, null, MESSAGES_PER_REFERENCE)) {
                events.add(new Event(message.createdAt(), "message",
                        text("payments.event.message", purpose(message.purpose()), word("payments.via.", message.channel().name())),
                        word("payments.message.", message.status()), tone(message.status()), null, null));
            }
        }
        // the company's own systems hear of the payment by webhook: which event, and whether it arrived
        for (WebhookDelivery delivery : webhooks.about(payment.id(), payment.orderId(), WEBHOOKS)) {
            String detail = word("payments.webhookStatus.", delivery.status())
                    + (delivery.lastStatusCode() == null ? "" : " · " + text("payments.webhookAnswer", delivery.lastStatusCode()))
                    + " · " + text("payments.webhookAttempts", delivery.attempts().size());
            events.add(new Event(delivery.createdAt(), "webhook",
                    text("payments.event.webhook", word("payments.webhookType.", delivery.eventType())), detail,
                    tone(delivery.status()), null, null));
        }
        events.sort(Comparator.comparing(Event::at));
        return events;
    }

    private String operationDetail(OperationView op) {
        List<String> parts = new ArrayList<>();
        parts.add(word("payments.opStatus.", op.status().name()));
        if (op.reason() != null && !op.reason().isBlank()) {
            parts.add(text("payments.event.reason", op.reason()));
        }
        if (op.requestedBy() != null && (op.kind() == OperationKind.REFUND || op.kind() == OperationKind.CHARGEBACK)) {
            parts.add(text("payments.event.by", names.staff(op.requestedBy(), op.requestedByName())));
        }
        if (op.declineCode() != null) {
            parts.add(messages.getMessage("payments.decline." + op.declineCode(), null,
                    text("payments.decline.other", op.declineCode()), LocaleContextHolder.getLocale()));
        }
        return String.join(" · ", parts);
    }

    static String card(PaymentView.Card card) {
        return card == null || card.last4() == null ? "" : card.brand() + " ···· " + card.last4();
    }

    private static String tone(String status) {
        return switch (status) {
            case "SUCCEEDED", "CAPTURED", "AUTHORIZED", "PARTIALLY_REFUNDED", "REFUNDED", "SENT" -> "ok";
            case "DECLINED", "FAILED", "REJECTED", "VOIDED" -> "bad";
            case "PENDING_APPROVAL", "UNKNOWN", "REVIEW", "RETRYING", "QUEUED", "SENDING", "PENDING" -> "warn";
            default -> "plain";
        };
    }

    private String purpose(String purpose) {
        return messages.getMessage("payments.purpose." + purpose, null, text("payments.purpose.other"), LocaleContextHolder.getLocale());
    }

    /** The word for a code under {@code prefix}; a code with no word yet reads as the general "other". */
    private String word(String prefix, String code) {
        return messages.getMessage(prefix + code, null, code == null ? "" : code.toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                LocaleContextHolder.getLocale());
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
