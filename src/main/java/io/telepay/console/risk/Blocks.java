package io.telepay.console.risk;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import io.telepay.console.ConsoleDates;
import io.telepay.console.Problem;
import io.telepay.payment.PaymentView;
import io.telepay.payment.Payments;
import io.telepay.risk.ListEntry;
import io.telepay.risk.ListKind;
import io.telepay.risk.RiskAction;
import io.telepay.risk.RiskLists;
import io.telepay.shared.Actors;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.NotFound;
import io.telepay.shared.Role;
import io.telepay.shared.TelepayProblem;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Block this card / phone / e-mail" on the pages where an analyst meets them (an alert, a decision): what
 * there is to block, each with the entry already in force, and the block itself on the risk lists, with a
 * reason and an optional last day. The value blocked is the one risk matched (never one the form sends),
 * so a block from these pages catches the next attempt exactly.
 */
@Component
class Blocks {

    /**
     * Something the page offers to block.
     *
     * @param card     the card as the payment shows it (brand, last 4, BIN, fingerprint), for CARD; else null
     * @param existing the list entry already in force for it, or null
     */
    record Target(ListKind kind, String value, PaymentView.Card card, ListEntry existing) {

        /** The form's and dialog's id on the page. */
        public String formId() {
            return "block-" + kind.name().toLowerCase(Locale.ROOT);
        }
    }

    private final RiskLists lists;
    private final Payments payments;
    private final ConsoleDates dates;

    Blocks(RiskLists lists, Payments payments, ConsoleDates dates) {
        this.lists = lists;
        this.payments = payments;
        this.dates = dates;
    }

    /** What a page's block form sends: the kind to block, why, and the last day it holds (blank: until removed). */
    record BlockForm(String kind, String reason, String expiresAt) {
    }

    /**
     * A page's block form sent: blocked, back to {@code page} with a notice; refused, {@code again} renders the page
     * with the problem next to the form of its kind and what was typed kept.
     *
     * @param targets what the page offers to block (checking first that the viewer may see the page)
     */
    String submit(BlockForm form, Supplier<List<Target>> targets, String page, Model model, RedirectAttributes redirect,
                  Supplier<String> again) {
        if (!allowed()) {
            throw new AccessDeniedException("the block lists are risk analysts' and admins'");
        }
        List<Target> offered = targets.get();
        try {
            block(offered, form.kind(), form.reason(), form.expiresAt());
            redirect.addFlashAttribute("notice", "block.done");
            return "redirect:" + page;
        } catch (TelepayProblem problem) {
            model.addAttribute("blockProblem", Problem.of(problem));
            model.addAttribute("blockKind", form.kind());
            model.addAttribute("blockReason", form.reason());
            model.addAttribute("blockExpiresAt", form.expiresAt());
            return again.get();
        }
    }

    /** Whether the viewer may block: the lists are risk analysts' and admins'. */
    boolean allowed() {
        return Actors.current().isAny(Role.RISK_ANALYST, Role.ADMIN);
    }

    /**
     * What there is to block: the payment's card, phone, e-mail and address as risk saw them, and the alert's
     * own subject when it is one of those (a card by fingerprint, a phone number, an address).
     *
     * @param paymentId   null when there is no payment
     * @param subjectKind null, or CARD / PHONE / IP with {@code subject}
     */
    List<Target> targets(String paymentId, ListKind subjectKind, String subject) {
        Map<ListKind, String> values = new java.util.EnumMap<>(ListKind.class);
        if (paymentId != null) {
            values.putAll(lists.blockable(paymentId));
        }
        if (subjectKind != null && subject != null) {
            values.put(subjectKind, subject);
        }
        PaymentView.Card card = null;
        if (paymentId != null && values.containsKey(ListKind.CARD)) {
            try {
                PaymentView.Card shown = payments.get(paymentId).card();
                card = shown != null && values.get(ListKind.CARD).equals(shown.fingerprint()) ? shown : null;
            } catch (NotFound outOfReach) {
                card = null;
            }
        }
        List<Target> targets = new ArrayList<>();
        for (var value : values.entrySet()) {
            targets.add(new Target(value.getKey(), value.getValue(), value.getKey() == ListKind.CARD ? card : null,
                    lists.inForce(value.getKey(), value.getValue()).orElse(null)));
        }
        return targets;
    }

    /**
     * Blocks one of the targets until the end of {@code expiresAt} (a date, in the console's zone) or until
     * removed when it is blank.
     *
     * @throws InvalidInput naming {@code kind} when there is nothing of that kind here, {@code expiresAt} when it
     *                      is no date or not in the future, {@code reason} when it is missing or too long
     */
    ListEntry block(List<Target> targets, String kind, String reason, String expiresAt) {
        Target target = targets.stream().filter(t -> t.kind().name().equalsIgnoreCase(kind == null ? "" : kind.strip()))
                .findFirst().orElseThrow(() -> new InvalidInput("kind", "must be one of what this page offers to block"));
        Instant until = null;
        if (expiresAt != null && !expiresAt.isBlank()) {
            try {
                until = LocalDate.parse(expiresAt.strip()).plusDays(1).atStartOfDay(dates.zone()).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidInput("expiresAt", "must be a date");
            }
        }
        return lists.add(target.kind(), target.value(), RiskAction.BLOCK, reason, until);
    }
}
