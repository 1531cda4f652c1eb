package io.telepay.console.risk;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import io.telepay.console.ConsoleDates;
import io.telepay.console.Problem;
import io.telepay.risk.ListKind;
import io.telepay.risk.RiskAction;
import io.telepay.risk.RiskLists;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.TelepayProblem;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Block and allow lists of cards (by fingerprint), phone numbers, e-mail addresses and IP addresses. */
@Controller
@RequestMapping("/console/risk/lists")
@PreAuthorize("hasAnyRole('RISK_ANALYST', 'ADMIN')")
class ListsPage {

    private final RiskLists lists;
    private final ConsoleDates dates;

    ListsPage(RiskLists lists, ConsoleDates dates) {
        this.lists = lists;
        this.dates = dates;
    }

    @GetMapping
    String home() {
        return "redirect:/console/risk/lists/phone";
    }

    @GetMapping("/{kind}")
    String list(@PathVariable String kind, Model model) {
        ListKind listKind = kind(kind);
        model.addAttribute("kind", listKind);
        model.addAttribute("kinds", ListKind.values());
        model.addAttribute("entries", lists.entries(listKind, null, 200));
        return "console/risk/lists";
    }

    @PostMapping("/{kind}")
    String add(@PathVariable String kind, @RequestParam(defaultValue = "") String value,
               @RequestParam(defaultValue = "BLOCK") RiskAction action, @RequestParam(defaultValue = "") String reason,
               @RequestParam(required = false) String expires, Model model, RedirectAttributes redirect) {
        ListKind listKind = kind(kind);
        try {
            Instant until = null;
            if (expires != null && !expires.isBlank()) {
                try {
                    until = LocalDate.parse(expires.strip()).plusDays(1).atStartOfDay(dates.zone()).toInstant();
                } catch (DateTimeParseException e) {
                    throw new InvalidInput("expiresAt", "must be a date");
                }
            }
            lists.add(listKind, value, action, reason, until);
            redirect.addFlashAttribute("notice", "risk.lists.added");
            return "redirect:/console/risk/lists/" + listKind.name().toLowerCase(Locale.ROOT);
        } catch (TelepayProblem problem) {
            model.addAttribute("problem", Problem.of(problem));
            model.addAttribute("value", value);
            model.addAttribute("reason", reason);
            return list(kind, model);
        }
    }

    @PostMapping("/{kind}/{id}/remove")
    String remove(@PathVariable String kind, @PathVariable String id, RedirectAttributes redirect) {
        ListKind listKind = kind(kind);
        lists.remove(listKind, id);
        redirect.addFlashAttribute("notice", "risk.lists.removed");
        return "redirect:/console/risk/lists/" + listKind.name().toLowerCase(Locale.ROOT);
    }

    private static ListKind kind(String text) {
        try {
            return ListKind.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new io.telepay.shared.NotFound("list", text);
        }
    }
}
