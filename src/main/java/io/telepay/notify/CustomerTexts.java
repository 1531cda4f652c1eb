package io.telepay.notify;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * What Telepay says to customers by SMS and e-mail, from one catalog ({@code notify/customer-texts*.properties}),
 * one key per purpose: a message is written in the customer's language and then in English, so a customer who
 * reads neither Chinese script still understands it.
 */
public final class CustomerTexts {

    private static final String CATALOG = "notify/customer-texts";

    private CustomerTexts() {
    }

    /**
     * The language to write to a customer in: 简体 for a customer in mainland China (by country, else by a +86
     * phone), 繁體 for everyone else.
     */
    public static Locale languageOf(String country, String phone) {
        boolean mainland = "CN".equals(country) || (country == null && phone != null && phone.startsWith("+86"));
        return mainland ? Locale.SIMPLIFIED_CHINESE : Locale.TRADITIONAL_CHINESE;
    }

    /** The text under {@code key} in {@code language}, a line break, and the same in English. */
    public static String bilingual(String key, Locale language, Object... arguments) {
        return text(key, language, arguments) + "\n" + text(key, Locale.ENGLISH, arguments);
    }

    /** An e-mail subject: the company, the purpose in {@code language} and in English, and what it is about. */
    public static String subject(String key, Locale language, String company, String reference) {
        return company + " " + text(key, language) + " " + text(key, Locale.ENGLISH) + (reference == null ? "" : " " + reference);
    }

    /** The text under {@code key} in {@code language}. */
    public static String text(String key, Locale language, Object... arguments) {
        ResourceBundle bundle = ResourceBundle.getBundle(CATALOG, language, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
        return new MessageFormat(bundle.getString(key), language).format(arguments);
    }
}
