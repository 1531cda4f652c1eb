package io.telepay.identity.security;

import java.io.Serial;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Password accepted, second factor still due: grants nothing but the second-factor page. */
final class MfaPendingAuthentication extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;
    static final String AUTHORITY = "MFA_PENDING";

    private final StaffPrincipal principal;

    MfaPendingAuthentication(StaffPrincipal principal) {
        super(List.of(new SimpleGrantedAuthority(AUTHORITY)));
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public StaffPrincipal getPrincipal() {
        return principal;
    }
}
