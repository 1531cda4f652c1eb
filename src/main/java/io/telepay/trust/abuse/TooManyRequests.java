package io.telepay.trust.abuse;

import java.util.List;

import io.telepay.shared.TelepayProblem;

/** 429: a public caller went over a rate limit; {@link #retryAfterSeconds()} goes into {@code Retry-After}. */
public class TooManyRequests extends TelepayProblem {

    private final long retryAfterSeconds;

    public TooManyRequests(long retryAfterSeconds) {
        super(429, "too-many-requests", "Too many requests; try again in " + retryAfterSeconds + " seconds", List.of());
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
