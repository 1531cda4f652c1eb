package io.telepay.platform.web;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.telepay.shared.TelepayProblem.FieldError;
import io.telepay.shared.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request header the rest of the stack cannot read with 400 naming the header, before any
 * other code reads it: a control character anywhere (what Spring Security's firewall would later throw on,
 * deep inside a handler, as a 500), and anything but printable ASCII in the headers whose grammar is ASCII
 * and that Telepay parses itself ({@code Accept}, {@code Accept-Language}, {@code Content-Type},
 * {@code Idempotency-Key}). Tomcat reads header bytes as ISO-8859-1, so UTF-8 text arrives as such
 * characters, the C1 controls among them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class HeaderTextFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(HeaderTextFilter.class);
    /** The firewall's own rule for header values (StrictHttpFirewall). */
    private static final Pattern READABLE = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x20-\\x7E]*");
    private static final Set<String> ASCII_ONLY = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
        ASCII_ONLY.addAll(List.of("Accept", "Accept-Language", "Content-Type", "Idempotency-Key"));
    }

    private final Problems problems;

    HeaderTextFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                String refusal = refusal(name, value);
                if (refusal != null) {
                    // one line, without the value: it is whatever the client chose to send
                    log.info("request refused: header {} {}", name, refusal);
                    problems.write(response, Problems.withErrors(Problems.of(400, "validation", name + " header " + refusal),
                            List.of(new FieldError(name, "header " + refusal))));
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    static String refusal(String name, String value) {
        if (ASCII_ONLY.contains(name) && !PRINTABLE_ASCII.matcher(value).matches()) {
            return "must be printable ASCII";
        }
        if (!READABLE.matcher(value).matches()) {
            return "must not contain control characters";
        }
        return null;
    }
}
