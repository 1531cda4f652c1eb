package io.telepay.trust.abuse;

import java.io.IOException;
import java.util.Map;

import io.telepay.shared.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Answers a {@link TooManyRequests}: 429 with {@code Retry-After}, as problem+json under {@code /api/}
 * and as a page in the visitor's language everywhere else.
 */
@Component
public class TooManyRequestsAnswer {

    private final Problems problems;
    private final ITemplateEngine templates;
    private final LocaleResolver locales;

    TooManyRequestsAnswer(Problems problems, ITemplateEngine templates, LocaleResolver locales) {
        this.problems = problems;
        this.templates = templates;
        this.locales = locales;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, TooManyRequests limited) throws IOException {
        response.setHeader("Retry-After", Long.toString(limited.retryAfterSeconds()));
        String accept = request.getHeader("Accept");
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                || (accept != null && accept.contains("json") && !accept.contains("text/html"))) {
            problems.write(response, Problems.of(limited));
            return;
        }
        response.setStatus(429);
        response.setContentType("text/html;charset=UTF-8");
        Context context = new Context(locales.resolveLocale(request), Map.of("retryAfter", limited.retryAfterSeconds()));
        templates.process("trust/too-many", context, response.getWriter());
    }
}
