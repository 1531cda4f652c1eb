package io.telepay.trust.abuse;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A per-phone limit reached inside a trust controller is answered like the per-address one in the
 * filter: {@code Retry-After}, problem+json or a page. Ahead of the platform's handler, which knows
 * no {@code Retry-After}.
 */
@ControllerAdvice(basePackages = "io.telepay.trust")
@Order(Ordered.HIGHEST_PRECEDENCE)
class TrustProblemAdvice {

    private final TooManyRequestsAnswer answer;

    TrustProblemAdvice(TooManyRequestsAnswer answer) {
        this.answer = answer;
    }

    @ExceptionHandler(TooManyRequests.class)
    void tooMany(TooManyRequests limited, HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer.write(request, response, limited);
    }
}
