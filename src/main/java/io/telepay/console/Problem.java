package io.telepay.console;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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

    /** Whether a form field is at fault: {@code events} also covers {@code events[2]} and {@code events.x}. */
    public boolean has(String field) {
        return fields.stream().anyMatch(f -> covers(field, f.field()));
    }

    /** What to fix in the field, for the line under it; several problems joined with "; ". */
    public String messageFor(String field) {
        return fields.stream().filter(f -> covers(field, f.field())).map(TelepayProblem.FieldError::message)
                .distinct().collect(Collectors.joining("; "));
    }

    /**
     * The field errors a form cannot show next to one of its fields ({@code shown}: its field names,
     * comma-separated), so nothing the service said is lost.
     */
    public List<TelepayProblem.FieldError> others(String shown) {
        Set<String> names = Arrays.stream(shown.split(",")).map(String::strip).collect(Collectors.toSet());
        return fields.stream().filter(f -> names.stream().noneMatch(name -> covers(name, f.field()))).toList();
    }

    private static boolean covers(String field, String error) {
        return error.equals(field) || error.startsWith(field + "[") || error.startsWith(field + ".");
    }
}
