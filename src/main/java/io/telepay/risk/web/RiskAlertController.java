package io.telepay.risk.web;

import java.util.Locale;

import io.telepay.risk.AlertSignal;
import io.telepay.risk.AlertView;
import io.telepay.risk.RiskAlerts;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.Page;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/risk/alerts")
class RiskAlertController {

    private final RiskAlerts alerts;

    RiskAlertController(RiskAlerts alerts) {
        this.alerts = alerts;
    }

    record Resolution(String outcome, String note) {
    }

    /** {@code assignee}: a staff user id; absent, the caller takes the alert. */
    record Assignment(String assignee) {
    }

    /** Most severe first, then oldest first; {@code assignee}: {@code me}, {@code none} or a user id. */
    @GetMapping
    @PreAuthorize("hasAnyRole('RISK_ANALYST', 'SUPERVISOR', 'ADMIN')")
    Page<AlertView> list(@RequestParam(required = false) String status, @RequestParam(required = false) String signal,
                         @RequestParam(required = false) String subject, @RequestParam(required = false) String assignee,
                         @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        return alerts.list(status == null ? null : status.toUpperCase(Locale.ROOT), signal(signal), subject, assignee, cursor,
                Page.limit(limit));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('RISK_ANALYST', 'SUPERVISOR', 'ADMIN')")
    AlertView get(@PathVariable String id) {
        return alerts.get(id);
    }

    @PostMapping("/{id}/resolve")
    @PreAuthorize("hasAnyRole('RISK_ANALYST', 'SUPERVISOR', 'ADMIN')")
    AlertView resolve(@PathVariable String id, @RequestBody Resolution body) {
        return alerts.resolve(id, body.outcome(), body.note());
    }

    @PostMapping("/{id}/assign")
    @PreAuthorize("hasAnyRole('RISK_ANALYST', 'SUPERVISOR', 'ADMIN')")
    AlertView assign(@PathVariable String id, @RequestBody(required = false) Assignment body) {
        return alerts.assign(id, body == null ? null : body.assignee());
    }

    @PostMapping("/{id}/unassign")
    @PreAuthorize("hasAnyRole('RISK_ANALYST', 'SUPERVISOR', 'ADMIN')")
    AlertView unassign(@PathVariable String id) {
        return alerts.unassign(id);
    }

    private static AlertSignal signal(String signal) {
        if (signal == null || signal.isBlank()) {
            return null;
        }
        try {
            return AlertSignal.valueOf(signal.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("signal", "is not a known signal");
        }
    }
}
