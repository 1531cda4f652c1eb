package io.telepay.console;

import java.util.List;

import io.telepay.shared.TelepayProblem;

/**
 * A refused request as a console page shows it: a heading for the kind of problem ({@code problem.<status>}
 * in the messages), the service's explanation, and each field at fault with what to fix.
 *
 * @param fields the field names are message keys under {@code field.}, with the raw name as fallback
 */
public record Problem(int status, String detail, List<TelepayProblem.FieldError> fields) {

    public static Problem of(TelepayProblem problem) {
        return new Problem(problem.status(), problem.getMessage(), problem.errors());
    }

    public String headingKey() {
        return switch (status) {
            case 400 -> "problem.400";
            case 403 -> "error.forbidden";
            case 404 -> "problem.404";
            case 409 -> "problem.409";
            case 422 -> "problem.422";
            default -> "problem.other";
        };
    }
}
