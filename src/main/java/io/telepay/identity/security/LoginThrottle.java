package io.telepay.identity.security;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits sign-in attempts per client address ({@code telepay.login.attempts-per-minute-per-ip}),
 * so password guessing across many accounts is slow even before lockouts start. Over the limit the
 * login form answers 429 with {@code Retry-After}.
 */
class LoginThrottle extends OncePerRequestFilter {

    private static final int MAX_TRACKED_ADDRESSES = 100_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final int perMinute;

    LoginThrottle(int perMinute) {
        this.perMinute = perMinute;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && request.getServletPath().startsWith("/login"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (buckets.size() > MAX_TRACKED_ADDRESSES) {
            buckets.clear(); // a flood of addresses: forget them all rather than grow without bound
        }
        Bucket bucket = buckets.computeIfAbsent(request.getRemoteAddr(), ip -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
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
