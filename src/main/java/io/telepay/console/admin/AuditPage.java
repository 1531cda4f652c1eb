package io.telepay.console.admin;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import io.telepay.audit.AuditLog;
import io.telepay.console.ConsoleDates;
import io.telepay.console.Problem;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.TelepayProblem;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log by day and subject, oldest first, and the check that its chain is unbroken. */
@Controller
@RequestMapping("/console/admin/audit")
@PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
class AuditPage {

    static final int PAGE = 100;

    private final AuditLog log;
    private final ConsoleDates dates;
    private final java.time.Clock clock;

    AuditPage(AuditLog log, ConsoleDates dates, java.time.Clock clock) {
        this.log = log;
        this.dates = dates;
        this.clock = clock;
    }

    @GetMapping
    String entries(@RequestParam(required = false) String day, @RequestParam(required = false) String subject,
                   @RequestParam(defaultValue = "0") long after, Model model) {
        LocalDate date = clock.instant().atZone(dates.zone()).toLocalDate();
        try {
            if (day != null && !day.isBlank()) {
                try {
                    date = LocalDate.parse(day.strip());
                } catch (DateTimeParseException e) {
                    throw new InvalidInput("day", "must be a date such as 2025-03-31");
                }
            }
            var from = date.atStartOfDay(dates.zone()).toInstant();
            var entries = log.entries(from, date.plusDays(1).atStartOfDay(dates.zone()).toInstant(),
                    subject == null || subject.isBlank() ? null : subject.strip(), after, PAGE);
            model.addAttribute("entries", entries);
            model.addAttribute("next", entries.size() == PAGE ? entries.getLast().seq() : null);
        } catch (TelepayProblem problem) {
            model.addAttribute("problem", Problem.of(problem));
        }
        model.addAttribute("day", date);
        model.addAttribute("subject", subject);
        return "console/admin/audit";
    }

    @PostMapping("/verify")
    String verify(Model model) {
        model.addAttribute("verification", log.verify());
        return entries(null, null, 0, model);
    }
}
