package io.telepay.platform.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.telepay.shared.Checks;
import io.telepay.shared.TelepayProblem.FieldError;
import io.telepay.shared.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a query parameter holding a control character (a NUL, an escape…) with 400 naming it, before
 * any handler: the request bodies' text gets the same check when JSON is read (StrictText). Reads the raw
 * query string only, so a form or multipart body is never parsed here.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class QueryTextFilter extends OncePerRequestFilter {

    private final Problems problems;

    QueryTextFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                if (Checks.hasControlCharacters(name) || Checks.hasControlCharacters(value)) {
                    String field = Checks.hasControlCharacters(name) ? "query" : name;
                    problems.write(response, Problems.withErrors(Problems.of(400, "validation",
                            field + " must not contain control characters"),
                            List.of(new FieldError(field, "must not contain control characters"))));
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // malformed escapes: the container answers them
        }
    }
}
