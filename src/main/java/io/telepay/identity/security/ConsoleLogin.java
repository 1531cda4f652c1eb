package io.telepay.identity.security;

import java.io.IOException;
import java.util.Set;

import io.telepay.identity.Mfa;
import io.telepay.shared.Deployment;
import io.telepay.shared.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * The console's sign-in steps: password, then — when the user has enrolled, or the role must have
 * it — the TOTP code, before the session gets the user's role.
 */
@Component
class ConsoleLogin implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    /** Where a user lands after signing in: the desk for agents, whose day is there; the console's front page for the rest. */
    static String home(StaffPrincipal principal) {
        return principal.actor().role() == Role.AGENT ? "/console/desk" : "/console";
    }
    private static final Set<Role> MFA_ROLES = Set.of(Role.ADMIN, Role.RISK_ANALYST);

    private final Mfa mfa;
    private final LoginAttempts attempts;
    private final boolean mfaRequired;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    ConsoleLogin(Mfa mfa, LoginAttempts attempts, Deployment deployment, @Value("${telepay.mfa-required}") String mfaRequired) {
        this.mfa = mfa;
        this.attempts = attempts;
        this.mfaRequired = mfaRequired.isBlank() ? !deployment.embedded() : Boolean.parseBoolean(mfaRequired);
    }

    /** Whether this user must pass a second factor (enrolled, or required for the role). */
    boolean needsSecondFactor(StaffPrincipal principal) {
        return mfa.enabled(principal.actor().id()) || (mfaRequired && MFA_ROLES.contains(principal.actor().role()));
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        StaffPrincipal principal = (StaffPrincipal) authentication.getPrincipal();
        if (needsSecondFactor(principal)) {
            save(new MfaPendingAuthentication(principal), request, response);
            response.sendRedirect(request.getContextPath() + "/login/mfa");
            return;
        }
        attempts.succeeded(principal.actor().id(), principal.getUsername(), request.getRemoteAddr(), "password");
        response.sendRedirect(request.getContextPath() + home(principal));
    }

    /** The second factor passed: the session now carries the user's role, under a new session id. */
    void completeSecondFactor(StaffPrincipal principal, HttpServletRequest request, HttpServletResponse response) {
        request.changeSessionId();
        save(UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()), request, response);
        attempts.succeeded(principal.actor().id(), principal.getUsername(), request.getRemoteAddr(), "password+totp");
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        String reason = exception instanceof DisabledException ? "disabled" : LoginAttempts.BAD_CREDENTIALS;
        attempts.failed(request.getParameter("username"), request.getRemoteAddr(), reason);
        response.sendRedirect(request.getContextPath() + "/login?error");
    }

    private void save(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }
}
