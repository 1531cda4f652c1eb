package io.telepay.identity.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses the password form for a user whose sign-ins from this address are paused ({@link LoginAttempts}),
 * before the password is checked and with the same answer as a wrong password, so the lock tells nothing.
 */
class LockedSignIns extends OncePerRequestFilter {

    private final LoginAttempts attempts;

    LockedSignIns(LoginAttempts attempts) {
        this.attempts = attempts;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String username = request.getParameter("username");
        if (username != null && attempts.lockedByName(username, request.getRemoteAddr())) {
            attempts.failed(username, request.getRemoteAddr(), LoginAttempts.LOCKED);
            response.sendRedirect(request.getContextPath() + "/login?error");
            return;
        }
        chain.doFilter(request, response);
    }
}
