package io.telepay.identity.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a console session whose user was disabled, given another role or a new password since signing in:
 * checked against the database on every signed-in request, so a change made on one instance ends the
 * sessions held by every other at once. The request then goes on unauthenticated (the sign-in page).
 */
class SessionValidity extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(SessionValidity.class);

    private final StaffUserDetails users;

    SessionValidity(StaffUserDetails users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        StaffPrincipal principal = principal(SecurityContextHolder.getContext().getAuthentication());
        if (principal != null && !users.stillValid(principal)) {
            log.info("console session of {} ended: the user's access changed since sign-in", principal.actor().id());
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            SecurityContextHolder.clearContext();
        }
        chain.doFilter(request, response);
    }

    private static StaffPrincipal principal(Authentication authentication) {
        if (authentication == null) {
            return null;
        }
        return authentication.getPrincipal() instanceof StaffPrincipal principal ? principal : null;
    }
}
