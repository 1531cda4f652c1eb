package io.telepay.trust.caller;

import java.util.List;

import io.telepay.shared.InvalidInput;
import io.telepay.shared.TelepayProblem;
import io.telepay.trust.pages.FormError;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /verify}: the consumer's page, server-rendered without JavaScript, in 繁體中文, 简体中文 or
 * English. Checks a number or a call code and says plainly what the company never asks for.
 */
@Controller
class VerifyPage {

    /** More than this many numbers is no list a person reads; the number check answers for every one. */
    static final int NUMBERS_SHOWN = 30;

    private final CallerChecks checks;
    private final OutboundNumbers numbers;

    VerifyPage(CallerChecks checks, OutboundNumbers numbers) {
        this.checks = checks;
        this.numbers = numbers;
    }

    /** What the page shows after a check; {@code kind} is {@code number} or {@code code}. */
    record Shown(String kind, CallerCheck answer, String phone, boolean askedAboutOwnNumber) {
    }

    @GetMapping("/verify")
    String page(Model model) {
        return render(model, null, List.of(), "", "", "");
    }

    @PostMapping(value = "/verify/number", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    String checkNumber(@RequestParam(required = false) String phone, @RequestParam(required = false) String yourPhone,
                       Model model, HttpServletResponse response) {
        try {
            CallerCheck answer = checks.byNumber(phone, yourPhone);
            boolean own = yourPhone != null && !yourPhone.isBlank();
            return render(model, new Shown("number", answer, phone.strip(), own), List.of(), phone, yourPhone, "");
        } catch (InvalidInput invalid) {
            response.setStatus(400);
            return render(model, null, invalid.errors(), phone, yourPhone, "");
        }
    }

    @PostMapping(value = "/verify/code", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    String checkCode(@RequestParam(required = false) String code, Model model) {
        CallerCheck answer = checks.byCode(code);
        return render(model, new Shown("code", answer, null, false), List.of(), "", "", "");
    }

    private String render(Model model, Shown shown, List<TelepayProblem.FieldError> errors, String phone, String yourPhone,
                          String code) {
        model.addAttribute("company", checks.company());
        model.addAttribute("officialNumbers", numbers.shown(NUMBERS_SHOWN));
        model.addAttribute("shown", shown);
        model.addAttribute("errors", FormError.of(errors));
        model.addAttribute("phone", phone == null ? "" : phone);
        model.addAttribute("yourPhone", yourPhone == null ? "" : yourPhone);
        model.addAttribute("code", code);
        return "trust/verify";
    }
}
