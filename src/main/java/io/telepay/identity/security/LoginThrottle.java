package io.telepay.identity.security;

import java.io.IOException;
import java.time.Duration;

import io.github.bucket4j.Bandwidth;
import io.telepay.ratelimit.SharedBuckets;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits sign-in attempts per client address ({@code telepay.login.attempts-per-minute-per-ip}),
 * so password guessing across many accounts is slow even before lockouts start. Over the limit the
 * login form answers 429 with {@code Retry-After}. Every instance counts against the same budget
 * ({@link SharedBuckets}).
 */
class LoginThrottle extends OncePerRequestFilter {

    private final SharedBuckets buckets;
    private final Bandwidth perMinute;

    LoginThrottle(SharedBuckets buckets, int perMinute) {
        this.buckets = buckets;
        this.perMinute = SharedBuckets.perPeriod(perMinute, Duration.ofMinutes(1));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && request.getServletPath().startsWith("/login"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long seconds = buckets.take("login:" + request.getRemoteAddr(), perMinute);
        if (seconds == 0) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(seconds));
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Telepay</title>
                <link rel="stylesheet" href="/css/console.css"></head><body class="auth"><main class="card">
                <h1>Too many sign-in attempts</h1><p>Too many attempts came from your address. Try again in %d seconds.</p>
                <p>登入嘗試過多，請 %d 秒後再試。登录尝试过多，请 %d 秒后再试。</p><p><a href="/login">Back to sign-in</a></p>
                </main></body></html>""".formatted(seconds, seconds, seconds));
    }
}
