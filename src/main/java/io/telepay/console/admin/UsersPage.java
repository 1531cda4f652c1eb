package io.telepay.console.admin;

import io.telepay.console.Problem;
import io.telepay.identity.Mfa;
import io.telepay.identity.NewStaffUser;
import io.telepay.identity.StaffDirectory;
import io.telepay.shared.Role;
import io.telepay.shared.TelepayProblem;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff users and their roles: create, disable or enable, unlock, reset a lost second factor. */
@Controller
@RequestMapping("/console/admin/users")
@PreAuthorize("hasRole('ADMIN')")
class UsersPage {

    private final StaffDirectory staff;
    private final Mfa mfa;

    UsersPage(StaffDirectory staff, Mfa mfa) {
        this.staff = staff;
        this.mfa = mfa;
    }

    @GetMapping
    String list(@RequestParam(required = false) String after, Model model) {
        var users = staff.list(after, 100);
        model.addAttribute("users", users);
        model.addAttribute("next", users.size() == 100 ? users.getLast().username() : null);
        model.addAttribute("roles", Role.values());
        return "console/admin/users";
    }

    @PostMapping
    String create(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String displayName,
                  @RequestParam(required = false) Role role, @RequestParam(defaultValue = "") String team,
                  @RequestParam(defaultValue = "") String password, Model model, RedirectAttributes redirect) {
        try {
            staff.create(new NewStaffUser(username, displayName, role, team.isBlank() ? null : team.strip(), password));
            redirect.addFlashAttribute("notice", "admin.users.created");
            return "redirect:/console/admin/users";
        } catch (TelepayProblem problem) {
            model.addAttribute("problem", Problem.of(problem));
            model.addAttribute("form", new Form(username, displayName, role, team));
            return list(null, model);
        }
    }

    /** What was typed, to show again with the problem; never the password. */
    record Form(String username, String displayName, Role role, String team) {
    }

    @PostMapping("/{id}/{action}")
    String act(@PathVariable String id, @PathVariable String action, RedirectAttributes redirect) {
        switch (action) {
            case "disable" -> staff.setEnabled(id, false);
            case "enable" -> staff.setEnabled(id, true);
            case "unlock" -> staff.unlock(id);
            case "reset-mfa" -> {
                staff.get(id);
                mfa.reset(id);
            }
            default -> throw new io.telepay.shared.NotFound("action", action);
        }
        redirect.addFlashAttribute("notice", "admin.users.done." + action);
        return "redirect:/console/admin/users";
    }
}
