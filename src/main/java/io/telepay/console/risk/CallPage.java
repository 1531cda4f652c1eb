package io.telepay.console.risk;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.telepay.call.CallDetail;
import io.telepay.call.Calls;
import io.telepay.call.NoteView;
import io.telepay.console.Names;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A call as an analyst checks an alert against it: who spoke with whom, when, how it ended, and every note as
 * stored (secrets already removed), with what each note asked for or said; the note an alert points at is marked.
 * A supervisor sees their team's calls only (the call module decides the reach).
 */
@Controller
@RequestMapping("/console/risk/calls")
@PreAuthorize("hasAnyRole('RISK_ANALYST', 'SUPERVISOR', 'ADMIN')")
class CallPage {

    private final Calls calls;
    private final Names names;

    CallPage(Calls calls, Names names) {
        this.calls = calls;
        this.names = names;
    }

    @GetMapping("/{id}")
    String call(@PathVariable String id, @RequestParam(required = false) String note, Model model) {
        CallDetail call = calls.get(id);
        Map<String, String> shownNames = new HashMap<>();
        shownNames.put(call.call().customerId(), names.customer(call.call().customerId()));
        Stream<String> staffIds = Stream.concat(Stream.of(call.call().agentId()), call.notes().stream().map(NoteView::authorId));
        for (String staffId : staffIds.toList()) {
            if (staffId != null) {
                shownNames.computeIfAbsent(staffId, names::staff);
            }
        }
        model.addAttribute("call", call);
        model.addAttribute("names", shownNames);
        model.addAttribute("marked", note);
        return "console/risk/call";
    }
}
