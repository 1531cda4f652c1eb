package io.telepay.order;

import java.util.Locale;

import io.telepay.shared.InvalidInput;

/** The languages a read-back is written in: 繁體中文 (Taiwan), 简体中文 (mainland) and English. */
public enum ReadBackLanguage {
    ZH_TW("zh-TW", Locale.TRADITIONAL_CHINESE),
    ZH_CN("zh-CN", Locale.SIMPLIFIED_CHINESE),
    EN("en", Locale.ENGLISH);

    private final String tag;
    private final Locale locale;

    ReadBackLanguage(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    /** The BCP 47 tag: {@code zh-TW}, {@code zh-CN} or {@code en}. */
    public String tag() {
        return tag;
    }

    Locale locale() {
        return locale;
    }

    /**
     * The language a client named explicitly ({@code ?lang=}): {@code zh-TW}, {@code zh-Hant} and {@code zh-HK}
     * read Traditional; {@code zh}, {@code zh-CN}, {@code zh-Hans} and {@code zh-SG} Simplified; {@code en…} English.
     *
     * @throws InvalidInput naming {@code field} for any other language
     */
    public static ReadBackLanguage named(String tag, String field) {
        if (tag == null || tag.isBlank() || tag.length() > 35) {
            throw new InvalidInput(field, "must be zh-TW, zh-CN or en");
        }
        Locale locale = Locale.forLanguageTag(tag.strip().replace('_', '-'));
        return switch (locale.getLanguage()) {
            case "zh" -> traditional(locale) ? ZH_TW : ZH_CN;
            case "en" -> EN;
            default -> throw new InvalidInput(field, "must be zh-TW, zh-CN or en");
        };
    }

    /** The best language for an {@code Accept-Language} header; English when it names none of the three or is malformed. */
    public static ReadBackLanguage accepted(String header) {
        if (header == null || header.isBlank() || header.length() > 500) {
            return EN;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                if (range.getWeight() <= 0) {
                    continue;
                }
                String wanted = range.getRange();
                if (wanted.startsWith("zh")) {
                    return traditional(Locale.forLanguageTag(wanted)) ? ZH_TW : ZH_CN;
                }
                if (wanted.startsWith("en")) {
                    return EN;
                }
            }
            return EN;
        } catch (IllegalArgumentException malformed) {
            return EN;
        }
    }

    private static boolean traditional(Locale locale) {
        String country = locale.getCountry().toUpperCase(Locale.ROOT);
        return "Hant".equalsIgnoreCase(locale.getScript()) || country.equals("TW") || country.equals("HK") || country.equals("MO");
    }
}
