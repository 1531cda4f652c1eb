package io.telepay.identity.security;

import io.telepay.identity.ApiKeys;
import io.telepay.ratelimit.SharedBuckets;
import io.telepay.shared.web.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Three doors: the API (bearer API keys, stateless), the API documentation, and the console with
 * its sign-in (session, CSRF, second factor). Every response carries the security headers.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableMethodSecurity
class SecurityConfig {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    /** Swagger UI sets inline styles; its pages get those, and nothing else more. */
    private static final String DOCS_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiKeys apiKeys, Problems problems) throws Exception {
        http.securityMatcher("/api/**", "/actuator/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .anonymous(anonymous -> { })
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys, problems), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/v1/public/**").permitAll()
                        // a payment platform's webhooks carry their own signature, checked by the gateway module
                        .requestMatchers(HttpMethod.POST, "/api/v1/gateway/*/events").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/**").hasAnyRole("ADMIN", "AUDITOR")
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            problems.write(response, Problems.of(401, "unauthorized", "Authentication is required: Authorization: Bearer <api-key>"));
                        })
                        .accessDeniedHandler((request, response, ex) ->
                                problems.write(response, Problems.of(403, "forbidden", "Your role does not allow this"))));
        headers(http, CSP);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiDocs(HttpSecurity http) throws Exception {
        http.securityMatcher("/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        headers(http, DOCS_CSP);
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain console(HttpSecurity http, StaffUserDetails users, PasswordEncoder encoder, ConsoleLogin login,
                                SharedBuckets buckets, @Value("${telepay.login.attempts-per-minute-per-ip}") int attemptsPerMinute) throws Exception {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(encoder);
        http.authenticationProvider(provider)
                .addFilterBefore(new LoginThrottle(buckets, attemptsPerMinute), UsernamePasswordAuthenticationFilter.class)
                .csrf(csrf -> csrf.ignoringRequestMatchers("/pay/**", "/confirm/**", "/public/**", "/verify", "/verify/**", "/receipts/**"))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/error", "/css/**", "/js/**", "/img/**", "/favicon.ico",
                                "/pay/**", "/confirm/**", "/verify", "/verify/**", "/public/**", "/receipts/**").permitAll()
                        .requestMatchers("/login/mfa").hasAuthority(MfaPendingAuthentication.AUTHORITY)
                        .requestMatchers(HttpMethod.GET, "/").permitAll()
                        .anyRequest().hasAnyRole("ADMIN", "SUPERVISOR", "AGENT", "RISK_ANALYST", "AUDITOR"))
                .formLogin(form -> form
                        .loginPage("/login")
                        .successHandler(login)
                        .failureHandler(login)
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut").deleteCookies("TELEPAY_SESSION"))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()));
        headers(http, CSP);
        return http.build();
    }

    private static void headers(HttpSecurity http, String csp) throws Exception {
        http.headers(h -> h
                .contentSecurityPolicy(c -> c.policyDirectives(csp))
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                .frameOptions(f -> f.deny())
                .contentTypeOptions(c -> { }));
    }
}
