package io.telepay.trust.pages;

import java.util.List;

import io.telepay.shared.TelepayProblem;

/**
 * A field error as the consumer pages show it: the field's label from {@code messages*.properties}
 * ({@code trust.field.<name>}, the index of {@code evidence[2]} dropped) and the server's message.
 */
public record FormError(String labelKey, String message) {

    public static List<FormError> of(List<TelepayProblem.FieldError> errors) {
        return errors.stream().map(e -> {
            int bracket = e.field().indexOf('[');
            String base = bracket < 0 ? e.field() : e.field().substring(0, bracket);
            return new FormError("trust.field." + base, e.message());
        }).toList();
    }
}
