package io.telepay.trust.abuse;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts every request to the trust module's public addresses against its client address before
 * anything else reads it — an upload over the limit is refused before it is parsed. The per-phone
 * limits need the request's fields and are taken where those are read.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
class PublicRateLimitFilter extends OncePerRequestFilter {

    private final PublicLimits limits;
    private final TooManyRequestsAnswer answer;

    PublicRateLimitFilter(PublicLimits limits, TooManyRequestsAnswer answer) {
        this.limits = limits;
        this.answer = answer;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return !isPublicTrustPath(path) && !isPayPath(path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            limits.byAddress(action(request.getMethod(), path(request)), request.getRemoteAddr());
        } catch (TooManyRequests limited) {
            answer.write(request, response, limited);
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isPublicTrustPath(String path) {
        return path.equals("/verify") || path.startsWith("/verify/") || path.startsWith("/receipts/")
                || path.equals("/api/v1/public/caller-checks")
                || path.equals("/api/v1/public/reports") || path.startsWith("/api/v1/public/reports/")
                || path.startsWith("/api/v1/public/receipts/");
    }

    /** The customer's pages reached by a link's token: each request is a guess at a token to whoever has none. */
    static boolean isPayPath(String path) {
        return path.startsWith("/pay/") || path.startsWith("/confirm/");
    }

    static PublicLimits.Action action(String method, String path) {
        if (isPayPath(path)) {
            return PublicLimits.Action.PAY;
        }
        boolean submits = "POST".equals(method) && (path.equals("/api/v1/public/reports") || path.equals("/verify/report")
                || (path.endsWith("/dispute") && (path.startsWith("/receipts/") || path.startsWith("/api/v1/public/receipts/"))));
        return submits ? PublicLimits.Action.REPORT : PublicLimits.Action.LOOKUP;
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
