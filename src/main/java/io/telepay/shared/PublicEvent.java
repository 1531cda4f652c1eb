package io.telepay.shared;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A domain event that integrations receive (outbound webhooks). Marking an event public is a promise:
 * <ul>
 *   <li>its JSON form is a contract: fields may be added, never renamed or dropped;</li>
 *   <li>it carries ids, amounts and codes, never card data or a secret;</li>
 *   <li>two occurrences of the type differ in content (the event carries the id of what happened, such as
 *       a refund id): a consumer takes two equal events for one event delivered twice.</li>
 * </ul>
 * Implement it with {@code implements PublicEvent} and nothing else: the type is derived from the record's
 * name, so it cannot drift from the list of subscribable types, which is read from the class names. (The
 * method is {@code eventType()}, not {@code type()}: {@code FulfilmentCompleted} has a component {@code type}
 * — SHIPMENT or SERVICE — whose accessor would silently have answered for the event type.)
 */
public interface PublicEvent {

    /** {@code PaymentCaptured} → {@code payment.captured}; never overridden (a test checks every implementation). */
    default String eventType() {
        return typeOf(getClass());
    }

    /** The type of events of this class: its simple name split at each capital, lower case, joined by dots. */
    static String typeOf(Class<?> eventClass) {
        return String.join(".", WORD_BOUNDARY.split(eventClass.getSimpleName())).toLowerCase(Locale.ROOT);
    }

    /** Before a capital that follows a lower-case letter or digit, or that starts a word after an acronym. */
    Pattern WORD_BOUNDARY = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");
}
