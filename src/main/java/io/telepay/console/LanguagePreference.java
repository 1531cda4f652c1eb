package io.telepay.console;

import java.util.Locale;
import java.util.Optional;

import io.telepay.identity.StaffDirectory;
import io.telepay.shared.Actor;
import io.telepay.shared.Actors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The console speaks the language each user chose last, on any browser: the language form
 * ({@code POST /console/language}, with its CSRF token) stores the choice with the user, and the first console
 * page of a session applies the stored choice. A {@code ?lang=} on a GET only changes the page (and the browser's
 * language cookie, LocaleConfig): a link from another site must not change what is stored about the user or
 * write to the audit log.
 */
@Configuration(proxyBeanMethods = false)
class LanguagePreference implements WebMvcConfigurer, HandlerInterceptor {

    static final String APPLIED = "telepay.console.locale-applied";

    private final StaffDirectory staff;
    private final LocaleResolver locales;

    LanguagePreference(StaffDirectory staff, LocaleResolver locales) {
        this.staff = staff;
        this.locales = locales;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/console", "/console/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Optional<Actor> actor = Actors.find();
        if (actor.isEmpty() || actor.get().userId() == null) {
            return true;
        }
        HttpSession session = request.getSession();
        if (request.getParameter("lang") != null) {
            return true; // this page only (LocaleConfig); stored only by the language form
        }
        if (session.getAttribute(APPLIED) == null) {
            staff.locale(actor.get().userId()).ifPresent(tag -> locales.setLocale(request, response, Locale.forLanguageTag(tag)));
            session.setAttribute(APPLIED, true);
        }
        return true;
    }

    /** zh-TW, zh-CN or en for what a language link or a person typed; empty for anything else. */
    static Optional<String> tag(String lang) {
        Locale locale = Locale.forLanguageTag(lang.strip().replace('_', '-'));
        return switch (locale.getLanguage()) {
            case "zh" -> Optional.of("TW".equals(locale.getCountry()) || "HK".equals(locale.getCountry())
                    || "MO".equals(locale.getCountry()) || "Hant".equals(locale.getScript()) ? "zh-TW" : "zh-CN");
            case "en" -> Optional.of("en");
            default -> Optional.empty();
        };
    }
}
