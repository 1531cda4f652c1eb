package io.telepay.console.me;

import io.telepay.identity.Mfa;
import io.telepay.identity.MfaEnrolment;
import io.telepay.identity.StaffDirectory;
import io.telepay.shared.Actor;
import io.telepay.shared.Actors;
import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One's own account: the second factor. Enrolment shows a QR code and the key for manual entry (kept in
 * the server session until confirmed), and is active only once a code from the app is proved.
 */
@Controller
@RequestMapping("/console/me")
class AccountPage {

    static final String ENROLMENT = "telepay.console.mfa-enrolment";

    private final Mfa mfa;
    private final StaffDirectory staff;

    AccountPage(Mfa mfa, StaffDirectory staff) {
        this.mfa = mfa;
        this.staff = staff;
    }

    @GetMapping
    String page(HttpSession session, Model model) {
        Actor actor = Actors.current();
        model.addAttribute("user", staff.get(actor.id()));
        model.addAttribute("mfaEnabled", mfa.enabled(actor.id()));
        model.addAttribute("enrolment", session.getAttribute(ENROLMENT));
        return "console/me/account";
    }

    @PostMapping("/mfa/start")
    String start(HttpSession session, RedirectAttributes redirect) {
        Actor actor = Actors.current();
        if (mfa.enabled(actor.id())) {
            redirect.addFlashAttribute("notice", "me.mfa.already");
            return "redirect:/console/me";
        }
        MfaEnrolment enrolment = mfa.startEnrolment(actor.id(), staff.get(actor.id()).username());
        session.setAttribute(ENROLMENT, enrolment);
        return "redirect:/console/me";
    }

    @PostMapping("/mfa/confirm")
    String confirm(@RequestParam(defaultValue = "") String code, HttpSession session, RedirectAttributes redirect) {
        Actor actor = Actors.current();
        if (session.getAttribute(ENROLMENT) == null) {
            return "redirect:/console/me";
        }
        if (mfa.confirm(actor.id(), code)) {
            session.removeAttribute(ENROLMENT);
            redirect.addFlashAttribute("notice", "me.mfa.enabled");
        } else {
            redirect.addFlashAttribute("mfaError", true);
        }
        return "redirect:/console/me";
    }
}
