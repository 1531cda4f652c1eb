package io.telepay.payment.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import io.telepay.payment.Reconciliation;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.NotFound;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Daily reconciliation reports: the acquirer's settlement file against Telepay's books. */
@RestController
@RequestMapping("/api/v1/reconciliation/reports")
class ReconciliationController {

    private final Reconciliation reconciliation;

    ReconciliationController(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @GetMapping("/{date}.csv")
    @PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
    ResponseEntity<String> csv(@PathVariable String date) {
        Reconciliation.Report report = find(date);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"reconciliation-" + report.date() + ".csv\"")
                .body(Reconciliation.csv(report));
    }

    @GetMapping("/{date}")
    @PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
    Reconciliation.Report get(@PathVariable String date) {
        return find(date);
    }

    /** Runs (or reruns) the day's reconciliation now. */
    @PostMapping("/{date}")
    @PreAuthorize("hasRole('ADMIN')")
    Reconciliation.Report run(@PathVariable String date) {
        return reconciliation.run(day(date));
    }

    private Reconciliation.Report find(String date) {
        LocalDate day = day(date);
        return reconciliation.find(day).orElseThrow(() -> new NotFound("reconciliation report", date));
    }

    private static LocalDate day(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInput("date", "must be a date such as 2026-11-28");
        }
    }
}
