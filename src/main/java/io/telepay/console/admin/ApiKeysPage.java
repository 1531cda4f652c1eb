package io.telepay.console.admin;

import io.telepay.console.Problem;
import io.telepay.identity.ApiKeys;
import io.telepay.identity.CreatedApiKey;
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

/**
 * API keys: create (the key is on the answer page once, never again: not stored, not in a redirect or
 * the session), list by prefix, revoke.
 */
@Controller
@RequestMapping("/console/admin/keys")
@PreAuthorize("hasRole('ADMIN')")
class ApiKeysPage {

    private final ApiKeys keys;
    private final StaffDirectory staff;

    ApiKeysPage(ApiKeys keys, StaffDirectory staff) {
        this.keys = keys;
        this.staff = staff;
    }

    @GetMapping
    String list(@RequestParam(required = false) String after, Model model) {
        var list = keys.list(after, 100);
        model.addAttribute("keys", list);
        model.addAttribute("next", list.size() == 100 ? list.getLast().id() : null);
        model.addAttribute("roles", Role.values());
        return "console/admin/keys";
    }

    @PostMapping
    String create(@RequestParam(defaultValue = "") String name, @RequestParam(required = false) Role role,
                  @RequestParam(defaultValue = "") String userId, Model model) {
        try {
            String user = userId.isBlank() ? null : staff.findByUsername(userId).map(u -> u.id()).orElse(userId.strip());
            CreatedApiKey created = keys.create(name, role, user);
            model.addAttribute("created", created);
        } catch (TelepayProblem problem) {
            model.addAttribute("problem", Problem.of(problem));
        }
        return list(null, model);
    }

    @PostMapping("/{id}/revoke")
    String revoke(@PathVariable String id, RedirectAttributes redirect) {
        keys.revoke(id);
        redirect.addFlashAttribute("notice", "admin.keys.revoked");
        return "redirect:/console/admin/keys";
    }
}
