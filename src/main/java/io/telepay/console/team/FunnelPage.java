package io.telepay.console.team;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.telepay.analytics.Funnel;
import io.telepay.analytics.FunnelCsv;
import io.telepay.analytics.FunnelQuery;
import io.telepay.analytics.FunnelReport;
import io.telepay.analytics.FunnelRow;
import io.telepay.analytics.GroupBy;
import io.telepay.console.Problem;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.TelepayProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The team's funnel: the analytics module's report as a table, two charts (drawn by
 * {@code /js/funnel.js} from the data attributes, no inline script) and a CSV download.
 */
@Controller
@RequestMapping("/console/team")
@PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN', 'AGENT')")
class FunnelPage {

    private final Funnel funnel;
    private final JsonMapper json;

    FunnelPage(Funnel funnel, JsonMapper json) {
        this.funnel = funnel;
        this.json = json;
    }

    @GetMapping("/funnel")
    String page(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                @RequestParam(required = false) String groupBy, Model model) {
        LocalDate end = funnel.today();
        LocalDate start = end.minusDays(29);
        GroupBy cut = GroupBy.AGENT;
        try {
            end = to == null || to.isBlank() ? end : date("to", to);
            start = from == null || from.isBlank() ? end.minusDays(29) : date("from", from);
            cut = GroupBy.parse(groupBy);
            FunnelReport report = funnel.report(new FunnelQuery(start, end, cut, null));
            model.addAttribute("report", report);
            model.addAttribute("chart", chart(report));
            List<FunnelRow> lines = new ArrayList<>(report.rows());
            lines.add(report.totals());
            model.addAttribute("lines", lines);
        } catch (TelepayProblem problem) {
            model.addAttribute("problem", Problem.of(problem));
        }
        model.addAttribute("from", start);
        model.addAttribute("to", end);
        model.addAttribute("groupBy", cut.name().toLowerCase(java.util.Locale.ROOT));
        return "console/team/funnel";
    }

    @GetMapping("/funnel.csv")
    ResponseEntity<String> csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                               @RequestParam(required = false) String groupBy) {
        LocalDate end = to == null || to.isBlank() ? funnel.today() : date("to", to);
        LocalDate start = from == null || from.isBlank() ? end.minusDays(29) : date("from", from);
        FunnelReport report = funnel.report(new FunnelQuery(start, end, GroupBy.parse(groupBy), null));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"funnel-" + start + "-" + end + ".csv\"")
                .body(FunnelCsv.of(report));
    }

    /** What the charts draw: the stages of the total, and confirmed against paid orders per row. */
    private String chart(FunnelReport report) {
        FunnelRow t = report.totals();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("stages", List.of(t.calls(), t.contacts(), t.ordersConfirmed(), t.paySessions(), t.paid(), t.fulfilled(),
                t.refunded() + t.chargedBack()));
        List<String> labels = new ArrayList<>();
        List<Long> confirmed = new ArrayList<>();
        List<Long> paid = new ArrayList<>();
        for (FunnelRow row : report.rows()) {
            labels.add(row.label());
            confirmed.add(row.ordersConfirmed());
            paid.add(row.paid());
        }
        data.put("rows", labels);
        data.put("confirmed", confirmed);
        data.put("paid", paid);
        return json.writeValueAsString(data);
    }

    private static LocalDate date(String field, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "must be a date such as 2025-03-31");
        }
    }
}
