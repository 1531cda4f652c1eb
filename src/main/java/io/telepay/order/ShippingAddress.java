package io.telepay.order;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.telepay.shared.Checks;

/**
 * Where the goods of an order go; required when any line's product is shipped. Kept as structured
 * text: who receives it, their phone number (E.164 once the order holds it), one to three address
 * lines, an optional postal code and the country.
 *
 * @param lines      one to three lines as the courier prints them, e.g. {@code 台北市信義區信義路五段7號}
 * @param postalCode may be null (Hong Kong has none)
 * @param country    ISO 3166 alpha-2, e.g. {@code TW}
 */
public record ShippingAddress(String recipient, String phone, List<String> lines, String postalCode, String country) {

    static final int RECIPIENT_MAX = 100;
    static final int PHONE_MAX = 40;
    static final int LINE_MAX = 200;
    static final int MAX_LINES = 3;
    private static final Pattern POSTAL_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 -]{1,11}");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    public ShippingAddress {
        recipient = recipient == null ? null : recipient.strip();
        phone = phone == null ? null : phone.strip();
        postalCode = postalCode == null || postalCode.isBlank() ? null : postalCode.strip().toUpperCase(Locale.ROOT);
        country = country == null ? null : country.strip().toUpperCase(Locale.ROOT);
        Checks checks = Checks.start()
                .text("recipient", recipient, RECIPIENT_MAX)
                .text("phone", phone, PHONE_MAX);
        if (lines == null || lines.isEmpty()) {
            checks.fail("lines", "must hold one to " + MAX_LINES + " address lines");
        } else if (lines.size() > MAX_LINES) {
            checks.fail("lines", "must hold at most " + MAX_LINES + " address lines");
        } else {
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                checks.text("lines[" + i + "]", line, LINE_MAX);
                if (line != null && (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0)) {
                    checks.fail("lines[" + i + "]", "must be one line; give each line as its own entry");
                }
            }
            lines = lines.stream().map(line -> line == null ? null : line.strip()).toList();
        }
        if (postalCode != null && !POSTAL_CODE.matcher(postalCode).matches()) {
            checks.fail("postalCode", "must be 2-12 letters, digits, spaces or dashes");
        }
        if (country == null || country.isEmpty()) {
            checks.fail("country", "is required");
        } else if (!COUNTRIES.contains(country)) {
            checks.fail("country", "must be an ISO 3166 two-letter country code such as TW");
        }
        checks.orThrow();
    }

    ShippingAddress withPhone(String e164) {
        return new ShippingAddress(recipient, e164, lines, postalCode, country);
    }

    @Override
    public String toString() {
        // an address is personal data: keep it out of log lines that print a command
        return "ShippingAddress[country=" + country + "]";
    }
}
