package io.telepay.platform.web;

import java.io.IOException;

import io.telepay.shared.InstanceRoles;
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
 * On an instance without the {@code api} role ({@code TELEPAY_ROLES=workers}) only the probes and metrics
 * ({@code /actuator/**}) answer; the API, the console and the pay pages answer 404, so a worker put behind the load
 * balancer by mistake serves nothing. Without this filter such a node would serve the API, with no webhook or
 * message of its own requests lost but with the API's load where the workers should be.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class WorkersOnlyFilter extends OncePerRequestFilter {

    private final InstanceRoles roles;
    private final Problems problems;

    WorkersOnlyFilter(InstanceRoles roles, Problems problems) {
        this.roles = roles;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return roles.api() || request.getRequestURI().startsWith(request.getContextPath() + "/actuator");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        problems.write(response, Problems.of(404, "not-found", "This instance runs workers only (TELEPAY_ROLES); the API is on the API nodes"));
    }
}
