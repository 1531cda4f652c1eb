package io.telepay.console;

import java.util.List;

import io.telepay.identity.StaffDirectory;
import io.telepay.shared.Actor;
import io.telepay.shared.Actors;
import io.telepay.shared.TelepayProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page shows: who is signed in, the sections of their role; and a problem that a
 * page did not handle itself, shown as a page that says what to fix (never the problem+json of the API).
 */
@ControllerAdvice(basePackages = "io.telepay.console")
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleModel {

    /** The signed-in user as the top bar shows them. */
    public record Me(String id, String displayName, String role) {
    }

    /** A section of the top bar, marked when the page belongs to it. */
    public record NavLink(String key, String path, boolean active) {
    }

    private final StaffDirectory staff;

    ConsoleModel(StaffDirectory staff) {
        this.staff = staff;
    }

    @ModelAttribute
    void common(Model model, HttpServletRequest request) {
        Actors.find().ifPresent(actor -> {
            model.addAttribute("me", me(actor));
            String path = request.getRequestURI().substring(request.getContextPath().length());
            List<NavLink> nav = Navigation.forRole(actor.role()).stream()
                    .map(item -> new NavLink(item.key(), item.path(), path.startsWith(item.path())))
                    .toList();
            model.addAttribute("nav", nav);
            // where the language form sends the user back to (GET pages only; a form's answer has no address of its own)
            model.addAttribute("currentPage", "GET".equals(request.getMethod()) && path.startsWith("/console") ? path : "/console");
        });
    }

    private Me me(Actor actor) {
        String name = staff.find(actor.id()).map(user -> user.displayName()).orElse(actor.name());
        return new Me(actor.id(), name, actor.role().name());
    }

    /** A page of another role's section: a page that says so, not the API's problem+json. */
    @ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
    String forbidden(Model model, HttpServletRequest request, HttpServletResponse response) {
        common(model, request);
        response.setStatus(403);
        model.addAttribute("problem", new Problem(403, "Your role does not allow this page.", List.of()));
        return "console/problem";
    }

    @ExceptionHandler(TelepayProblem.class)
    String problem(TelepayProblem problem, Model model, HttpServletRequest request, HttpServletResponse response) {
        common(model, request);
        response.setStatus(problem.status());
        model.addAttribute("problem", Problem.of(problem));
        return "console/problem";
    }
}
