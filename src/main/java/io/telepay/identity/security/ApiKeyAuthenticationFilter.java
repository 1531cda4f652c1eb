package io.telepay.identity.security;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import io.telepay.identity.ApiKeys;
import io.telepay.shared.Actor;
import io.telepay.shared.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <api-key>}. A request without the header goes on unauthenticated (the
 * access rules answer 401 where needed); a header with an unknown or revoked key is answered 401 at once.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiKeys apiKeys;
    private final Problems problems;

    ApiKeyAuthenticationFilter(ApiKeys apiKeys, Problems problems) {
        this.apiKeys = apiKeys;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Actor> actor = header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? apiKeys.authenticate(header.substring(BEARER.length()).strip())
                : Optional.empty();
        if (actor.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            problems.write(response, Problems.of(401, "unauthorized", "The API key is unknown or revoked"));
            return;
        }
        var authentication = new UsernamePasswordAuthenticationToken(actor.get(), null,
                List.of(new SimpleGrantedAuthority(actor.get().role().authority())));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
