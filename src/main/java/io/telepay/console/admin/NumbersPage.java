package io.telepay.console.admin;

import io.telepay.console.Problem;
import io.telepay.shared.CardNumbers;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.StateConflict;
import io.telepay.shared.TelepayProblem;
import io.telepay.trust.caller.OutboundNumbers;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The company's registered outbound numbers, which the public caller check confirms ("yes, that is us"):
 * list, add (any way a person writes a number, stored in E.164), remove.
 */
@Controller
@RequestMapping("/console/admin/numbers")
@PreAuthorize("hasRole('ADMIN')")
class NumbersPage {

    static final int PAGE = 50;

    private final OutboundNumbers numbers;

    NumbersPage(OutboundNumbers numbers) {
        this.numbers = numbers;
    }

    /** What was typed, to show again with the problem; a card number typed by mistake is masked. */
    record Form(String phone, String label) {
        Form {
            phone = CardNumbers.mask(phone);
            label = CardNumbers.mask(label);
        }
    }

    @GetMapping
    String list(@RequestParam(required = false) String cursor, Model model) {
        var page = numbers.list(cursor == null || cursor.isBlank() ? null : cursor.strip(), PAGE);
        model.addAttribute("numbers", page.items());
        model.addAttribute("next", page.nextCursor());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new Form("", ""));
        }
        return "console/admin/numbers";
    }

    @PostMapping
    String add(@RequestParam(defaultValue = "") String phone, @RequestParam(defaultValue = "") String label, Model model,
               HttpServletResponse response, RedirectAttributes redirect) {
        try {
            var added = numbers.register(phone, label);
            redirect.addFlashAttribute("notice", "admin.numbers.addedNotice");
            redirect.addFlashAttribute("added", added.phone());
            return "redirect:/console/admin/numbers";
        } catch (TelepayProblem problem) {
            response.setStatus(problem.status());
            // a number registered already is a problem of the phone field: say so next to it
            Problem shown = problem instanceof StateConflict
                    ? Problem.of(new InvalidInput("phone", problem.getMessage()))
                    : Problem.of(problem);
            model.addAttribute("problem", shown);
            model.addAttribute("duplicate", problem instanceof StateConflict);
            model.addAttribute("form", new Form(phone, label));
            return list(null, model);
        }
    }

    @PostMapping("/{id}/remove")
    String remove(@PathVariable String id, RedirectAttributes redirect) {
        var number = numbers.get(id);
        numbers.remove(id);
        redirect.addFlashAttribute("notice", "admin.numbers.removedNotice");
        redirect.addFlashAttribute("removed", number.phone());
        return "redirect:/console/admin/numbers";
    }
}
