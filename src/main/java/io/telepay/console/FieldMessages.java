package io.telepay.console;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * What the service says about a field ("is required", "must be in the future"), in the reader's language
 * ({@code @fieldMessages.of(message)} in templates): the message key is {@code validation.} and the text in
 * lower case with every run of other characters a hyphen, e.g. {@code validation.must-be-in-the-future}. A
 * message without a translation is shown as the service wrote it.
 */
@Component("fieldMessages")
public class FieldMessages {

    private final MessageSource messages;

    FieldMessages(MessageSource messages) {
        this.messages = messages;
    }

    public String of(String message) {
        if (message == null) {
            return null;
        }
        String key = "validation." + message.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return messages.getMessage(key, null, message, LocaleContextHolder.getLocale());
    }
}
