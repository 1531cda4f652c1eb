package io.telepay.shared.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import io.telepay.shared.TelepayProblem;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds and writes RFC 9457 problem documents, the one error shape Telepay answers with — from
 * controllers, filters and the security layer alike.
 */
@Component
public class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;
    private static final String TYPE_PREFIX = "urn:telepay:problem:";

    private final JsonMapper json;

    public Problems(JsonMapper json) {
        this.json = json;
    }

    public static ProblemDetail of(int status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        String requestId = MDC.get("requestId");
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        return problem;
    }

    public static ProblemDetail of(TelepayProblem problem) {
        ProblemDetail detail = of(problem.status(), problem.type(), problem.getMessage());
        if (!problem.errors().isEmpty()) {
            detail.setProperty("errors", problem.errors());
        }
        return detail;
    }

    public static ProblemDetail withErrors(ProblemDetail problem, List<TelepayProblem.FieldError> errors) {
        problem.setProperty("errors", errors);
        return problem;
    }

    /** For filters and security handlers that answer before any controller runs. */
    public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(PROBLEM_JSON.toString());
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
