package io.telepay.console;

import java.util.Locale;

import io.telepay.identity.StaffDirectory;
import io.telepay.shared.Actors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;

/** The console's language form: stores the user's choice (a POST with its CSRF token) and goes back to the page. */
@Controller
class LanguageSwitch {

    private final StaffDirectory staff;
    private final LocaleResolver locales;

    LanguageSwitch(StaffDirectory staff, LocaleResolver locales) {
        this.staff = staff;
        this.locales = locales;
    }

    @PostMapping("/console/language")
    String choose(@RequestParam(defaultValue = "") String lang, @RequestParam(defaultValue = "/console") String back,
                  HttpServletRequest request, HttpServletResponse response) {
        var tag = LanguagePreference.tag(lang);
        var user = Actors.current().userId();
        if (tag.isPresent() && user != null) {
            staff.setLocale(user, tag.get());
            locales.setLocale(request, response, Locale.forLanguageTag(tag.get()));
            request.getSession().setAttribute(LanguagePreference.APPLIED, true);
        }
        // only back into the console, never to an address the form was given from elsewhere
        boolean safe = back.startsWith("/console") && !back.contains("//") && !back.contains("\\") && !back.contains(":");
        return "redirect:" + (safe ? back : "/console");
    }
}
