package io.telepay.analytics.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import io.telepay.analytics.Funnel;
import io.telepay.analytics.FunnelCsv;
import io.telepay.analytics.FunnelQuery;
import io.telepay.analytics.FunnelReport;
import io.telepay.analytics.GroupBy;
import io.telepay.shared.InvalidInput;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /analytics/funnel?from=&to=&groupBy=agent|product|day[&agentId=]}: counts and amounts per
 * stage over business days (ISO dates, both included; default the last 30 days). JSON, or CSV with
 * {@code Accept: text/csv} or {@code format=csv}.
 */
@RestController
@RequestMapping("/api/v1/analytics")
@PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR', 'AGENT')")
class FunnelController {

    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final Funnel funnel;

    FunnelController(Funnel funnel) {
        this.funnel = funnel;
    }

    @GetMapping(value = "/funnel", produces = MediaType.APPLICATION_JSON_VALUE)
    FunnelReport json(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                      @RequestParam(required = false) String groupBy, @RequestParam(required = false) String agentId) {
        return funnel.report(query(from, to, groupBy, agentId));
    }

    @GetMapping(value = "/funnel", produces = "text/csv")
    ResponseEntity<String> csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                               @RequestParam(required = false) String groupBy, @RequestParam(required = false) String agentId) {
        FunnelReport report = funnel.report(query(from, to, groupBy, agentId));
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"funnel-" + report.groupBy().name().toLowerCase(java.util.Locale.ROOT)
                        + "-" + report.from() + "-" + report.to() + ".csv\"")
                .body(FunnelCsv.of(report));
    }

    @GetMapping(value = "/funnel", params = "format=csv")
    ResponseEntity<String> csvByParameter(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                          @RequestParam(required = false) String groupBy, @RequestParam(required = false) String agentId) {
        return csv(from, to, groupBy, agentId);
    }

    private FunnelQuery query(String from, String to, String groupBy, String agentId) {
        LocalDate end = to == null || to.isBlank() ? funnel.today() : date("to", to);
        LocalDate start = from == null || from.isBlank() ? end.minusDays(29) : date("from", from);
        return new FunnelQuery(start, end, GroupBy.parse(groupBy), agentId);
    }

    private static LocalDate date(String field, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "must be a date such as 2025-03-31");
        }
    }
}
