package io.telepay.payment.web;

import io.telepay.payment.Challenges;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The customer's "was this you?" page for a payment risk challenged (no login; the token in the link is
 * the credential). Shows the merchant, the amount and the order; never the card.
 */
@Controller
class ConfirmPage {

    private final Challenges challenges;
    private final String companyName;

    ConfirmPage(Challenges challenges, @Value("${telepay.company-name}") String companyName) {
        this.challenges = challenges;
        this.companyName = companyName;
    }

    @GetMapping("/confirm/{token}")
    String page(@PathVariable String token, Model model, HttpServletResponse response) {
        return challenges.find(token).map(challenge -> {
            if (!"OPEN".equals(challenge.state())) {
                return gone(model, response, challenge.state());
            }
            model.addAttribute("company", companyName);
            model.addAttribute("challenge", challenge);
            model.addAttribute("token", token);
            return "pay/confirm";
        }).orElseGet(() -> gone(model, response, "UNKNOWN"));
    }

    @PostMapping("/confirm/{token}")
    String answer(@PathVariable String token, @RequestParam(required = false) String answer, Model model,
                  HttpServletResponse response) {
        Challenges.Answer given;
        if ("confirm".equals(answer)) {
            given = Challenges.Answer.CONFIRM;
        } else if ("deny".equals(answer)) {
            given = Challenges.Answer.DENY;
        } else {
            response.setStatus(400);
            return page(token, model, response);
        }
        var before = challenges.find(token);
        if (before.isEmpty() || !"OPEN".equals(before.get().state())) {
            return gone(model, response, before.map(Challenges.Challenge::state).orElse("UNKNOWN"));
        }
        var after = challenges.answer(token, given).orElseThrow();
        model.addAttribute("company", companyName);
        model.addAttribute("state", after.state());
        return "pay/confirmed";
    }

    private static String gone(Model model, HttpServletResponse response, String state) {
        response.setStatus("UNKNOWN".equals(state) ? 404 : 410);
        model.addAttribute("messageKey", "UNKNOWN".equals(state) || "EXPIRED".equals(state) ? "confirm.gone" : "confirm.answered");
        return "pay/gone";
    }
}
