package io.telepay.customer;

import java.util.Locale;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.telepay.shared.InvalidInput;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Phone numbers as Telepay keeps them: parsed with libphonenumber and normalized to E.164
 * ({@code +886912345678}). A number without a country code is read in the default region
 * ({@code telepay.customer.default-region}, TW unless configured).
 */
@Component
public class PhoneNumbers {

    /** Longer input is not a phone number, whatever it holds; refuse it before parsing. */
    static final int MAX_INPUT = 40;

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private final String defaultRegion;

    public PhoneNumbers(@Value("${telepay.customer.default-region:TW}") String defaultRegion) {
        String region = defaultRegion == null ? "" : defaultRegion.trim().toUpperCase(Locale.ROOT);
        if (!UTIL.getSupportedRegions().contains(region)) {
            throw new IllegalStateException("telepay.customer.default-region must be a region code such as TW, got " + defaultRegion);
        }
        this.defaultRegion = region;
    }

    public String defaultRegion() {
        return defaultRegion;
    }

    /**
     * The number in E.164.
     *
     * @param field the request field to name in the 400 when the number is missing, unparseable or invalid
     * @throws InvalidInput naming {@code field}
     */
    public String normalize(String raw, String field) {
        return parse(raw, field).e164();
    }

    /** As {@link #normalize}, with the region the number belongs to (e.g. TW, CN). */
    public Parsed parse(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInput(field, "is required");
        }
        if (raw.length() > MAX_INPUT) {
            throw new InvalidInput(field, "is not a phone number");
        }
        PhoneNumber number;
        try {
            number = UTIL.parse(raw.strip(), defaultRegion);
        } catch (NumberParseException e) {
            throw new InvalidInput(field, "is not a phone number");
        }
        if (!UTIL.isValidNumber(number)) {
            throw new InvalidInput(field, "is not a valid phone number");
        }
        return new Parsed(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164), UTIL.getRegionCodeForNumber(number));
    }

    /** A number in E.164 and the region it belongs to (may be {@code 001} for non-geographic numbers). */
    public record Parsed(String e164, String region) {
    }

    /**
     * The number as people may see it who need not call it: country code, first digit and last three
     * kept, e.g. {@code +886 9** *** 678}. Never longer than the number's own digits reveal.
     */
    public static String mask(String e164) {
        if (e164 == null) {
            return null;
        }
        String international;
        try {
            international = UTIL.format(UTIL.parse(e164, "ZZ"), PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            return "***";
        }
        int space = international.indexOf(' ');
        if (space < 0) {
            return "***";
        }
        String countryCode = international.substring(0, space);
        String national = international.substring(space + 1);
        int digits = (int) national.chars().filter(Character::isDigit).count();
        StringBuilder masked = new StringBuilder(countryCode).append(' ');
        int seen = 0;
        for (char c : national.toCharArray()) {
            if (Character.isDigit(c)) {
                seen++;
                masked.append(seen == 1 || seen > digits - 3 ? c : '*');
            } else {
                // keep grouping spaces, drop punctuation such as parentheses that could hint at an area
                masked.append(c == ' ' || c == '-' ? ' ' : "");
            }
        }
        return masked.toString();
    }
}
