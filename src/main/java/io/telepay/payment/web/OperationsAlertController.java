package io.telepay.payment.web;

import java.util.List;

import io.telepay.payment.OperationsAlerts;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/operations/alerts")
class OperationsAlertController {

    private final OperationsAlerts alerts;

    OperationsAlertController(OperationsAlerts alerts) {
        this.alerts = alerts;
    }

    /** Open alerts, newest first; {@code includeResolved=true} for all. */
    @GetMapping
    @PreAuthorize("hasRole('ADMIN')")
    List<OperationsAlerts.Alert> list(@RequestParam(defaultValue = "false") boolean includeResolved,
                                      @RequestParam(defaultValue = "100") int limit) {
        return alerts.list(includeResolved, limit);
    }
}
