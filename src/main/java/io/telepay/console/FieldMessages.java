package io.telepay.console;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * What the service says about a field ("is required", "must be in the future"), in the reader's language
 * ({@code @fieldMessages.of(message)} in templates): the message key is {@code validation.} and the text in
 * lower case with every run of other characters a hyphen, e.g. {@code validation.must-be-in-the-future}; a message
 * with a number or a name in it ("must be at most 500 characters") through its template under
 * {@code phrase.validation.} ({@link Phrases}). A message without a translation is shown as the service wrote it.
 */
@Component("fieldMessages")
public class FieldMessages {

    private final MessageSource messages;
    private final Phrases phrases;

    FieldMessages(MessageSource messages, Phrases phrases) {
        this.messages = messages;
        this.phrases = phrases;
    }

    public String of(String message) {
        if (message == null) {
            return null;
        }
        String key = "validation." + message.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        String exact = messages.getMessage(key, null, null, LocaleContextHolder.getLocale());
        return exact != null ? exact : phrases.of(message);
    }
}
