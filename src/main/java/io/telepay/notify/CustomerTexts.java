package io.telepay.notify;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * What Telepay says to customers by SMS and e-mail, from one catalog ({@code notify/customer-texts*.properties}),
 * one key per purpose: a message is written in the customer's language and then in English, so a customer who
 * reads neither Chinese script still understands it (once, for a customer who chose English).
 */
public final class CustomerTexts {

    private static final String CATALOG = "notify/customer-texts";

    private CustomerTexts() {
    }

    /**
     * The language to write to a customer in: the one they chose ({@code zh-TW}, {@code zh-CN} or {@code en}), else
     * 简体 for a customer in mainland China (by country, else by a +86 phone), 繁體 for everyone else.
     */
    public static Locale languageOf(String chosen, String country, String phone) {
        if (chosen != null) {
            return Locale.forLanguageTag(chosen);
        }
        boolean mainland = "CN".equals(country) || (country == null && phone != null && phone.startsWith("+86"));
        return mainland ? Locale.SIMPLIFIED_CHINESE : Locale.TRADITIONAL_CHINESE;
    }

    /** The text under {@code key} in {@code language}, a line break, and the same in English (unless it is English). */
    public static String bilingual(String key, Locale language, Object... arguments) {
        String english = text(key, Locale.ENGLISH, arguments);
        return english(language) ? english : text(key, language, arguments) + "\n" + english;
    }

    /** An e-mail subject: the company, the purpose in {@code language} and in English, and what it is about. */
    public static String subject(String key, Locale language, String company, String reference) {
        String purpose = english(language) ? text(key, Locale.ENGLISH) : text(key, language) + " " + text(key, Locale.ENGLISH);
        return company + " " + purpose + (reference == null ? "" : " " + reference);
    }

    private static boolean english(Locale language) {
        return language.getLanguage().equals(Locale.ENGLISH.getLanguage());
    }

    /** The text under {@code key} in {@code language}. */
    public static String text(String key, Locale language, Object... arguments) {
        ResourceBundle bundle = ResourceBundle.getBundle(CATALOG, language, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
        return new MessageFormat(bundle.getString(key), language).format(arguments);
    }
}
