package io.telepay.identity.security;

import io.telepay.identity.Mfa;
import io.telepay.identity.MfaEnrolment;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in pages: password form, then the second factor (with enrolment when it is required but missing). */
@Controller
class LoginController {

    private static final String ENROLMENT = "telepay.mfa.enrolment";

    private final Mfa mfa;
    private final ConsoleLogin login;
    private final LoginAttempts attempts;

    LoginController(Mfa mfa, ConsoleLogin login, LoginAttempts attempts) {
        this.mfa = mfa;
        this.login = login;
        this.attempts = attempts;
    }

    @GetMapping("/login")
    String login() {
        return "identity/login";
    }

    @GetMapping("/login/mfa")
    String secondFactor(@AuthenticationPrincipal StaffPrincipal principal, HttpSession session, Model model) {
        if (!mfa.enabled(principal.actor().id())) {
            MfaEnrolment enrolment = (MfaEnrolment) session.getAttribute(ENROLMENT);
            if (enrolment == null) {
                enrolment = mfa.startEnrolment(principal.actor().id(), principal.getUsername());
                session.setAttribute(ENROLMENT, enrolment);
            }
            model.addAttribute("enrolment", enrolment);
        }
        model.addAttribute("displayName", principal.displayName());
        return "identity/login-mfa";
    }

    @PostMapping("/login/mfa")
    String verifySecondFactor(@AuthenticationPrincipal StaffPrincipal principal, @RequestParam(defaultValue = "") String code,
                              HttpServletRequest request, HttpServletResponse response, HttpSession session) {
        String userId = principal.actor().id();
        if (attempts.locked(userId, request.getRemoteAddr())) {
            session.invalidate();
            return "redirect:/login?error";
        }
        boolean enrolling = !mfa.enabled(userId);
        boolean ok = enrolling ? mfa.confirm(userId, code) : mfa.verify(userId, code);
        if (!ok) {
            attempts.failed(principal.getUsername(), request.getRemoteAddr(), LoginAttempts.BAD_SECOND_FACTOR);
            return "redirect:/login/mfa?error";
        }
        session.removeAttribute(ENROLMENT);
        login.completeSecondFactor(principal, request, response);
        return "redirect:" + ConsoleLogin.home(principal);
    }
}
