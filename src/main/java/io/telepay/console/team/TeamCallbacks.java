package io.telepay.console.team;

import java.util.ArrayList;
import java.util.List;

import io.telepay.call.Callback;
import io.telepay.call.Calls;
import io.telepay.console.Names;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Callbacks promised and not yet made: an agent's own, a supervisor's team's, earliest first. */
@Controller
@RequestMapping("/console/team")
@PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN', 'AGENT')")
class TeamCallbacks {

    private final Calls calls;
    private final Names names;

    TeamCallbacks(Calls calls, Names names) {
        this.calls = calls;
        this.names = names;
    }

    record Row(Callback callback, String agentName, String customerName) {
    }

    @GetMapping("/callbacks")
    String list(@RequestParam(defaultValue = "false") boolean due, @RequestParam(required = false) String cursor, Model model) {
        var page = calls.callbacks(due, null, cursor, 50);
        List<Row> rows = new ArrayList<>();
        for (Callback callback : page.items()) {
            rows.add(new Row(callback, names.staff(callback.agentId()), names.customer(callback.customerId())));
        }
        model.addAttribute("rows", rows);
        model.addAttribute("next", page.nextCursor());
        model.addAttribute("due", due);
        return "console/team/callbacks";
    }
}
