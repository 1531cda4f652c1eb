package io.telepay.console.team;

import java.util.ArrayList;
import java.util.List;

import io.telepay.call.Callback;
import io.telepay.call.Calls;
import io.telepay.customer.CustomerDirectory;
import io.telepay.identity.StaffDirectory;
import io.telepay.identity.StaffUser;
import io.telepay.shared.NotFound;
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
    private final CustomerDirectory customers;
    private final StaffDirectory staff;

    TeamCallbacks(Calls calls, CustomerDirectory customers, StaffDirectory staff) {
        this.calls = calls;
        this.customers = customers;
        this.staff = staff;
    }

    record Row(Callback callback, String agentName, String customerName) {
    }

    @GetMapping("/callbacks")
    String list(@RequestParam(defaultValue = "false") boolean due, @RequestParam(required = false) String cursor, Model model) {
        var page = calls.callbacks(due, null, cursor, 50);
        List<Row> rows = new ArrayList<>();
        for (Callback callback : page.items()) {
            String customer;
            try {
                customer = customers.get(callback.customerId()).name();
            } catch (NotFound outOfReach) {
                customer = callback.customerId();
            }
            rows.add(new Row(callback, staff.find(callback.agentId()).map(StaffUser::displayName).orElse(callback.agentId()), customer));
        }
        model.addAttribute("rows", rows);
        model.addAttribute("next", page.nextCursor());
        model.addAttribute("due", due);
        return "console/team/callbacks";
    }
}
