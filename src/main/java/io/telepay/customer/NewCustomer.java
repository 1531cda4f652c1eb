package io.telepay.customer;

import java.util.Locale;
import java.util.Set;

import io.telepay.shared.Checks;

/**
 * A customer to create. The phone number is checked and normalized by {@link CustomerDirectory};
 * this record refuses what is malformed whatever the number.
 *
 * @param marketingConsent null when nobody asked (stored as no consent, channel unset)
 * @param consentChannel   how consent was given; defaults to {@link ConsentChannel#CALL} when consent is set
 * @param ownerId          the agent who owns the customer; agents always own what they create
 * @param language         the language the customer chose for messages ({@link #LANGUAGES}); null: by country and phone
 */
public record NewCustomer(String name, String phone, String email, String country, Boolean marketingConsent,
                          ConsentChannel consentChannel, String ownerId, String language) {

    static final int MAX_NAME = 200;
    static final int MAX_EMAIL = 254;
    static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    /** The languages Telepay writes to customers in. */
    static final Set<String> LANGUAGES = Set.of("zh-TW", "zh-CN", "en");

    public NewCustomer {
        name = name == null ? null : name.strip();
        email = email == null || email.isBlank() ? null : email.strip();
        country = country == null || country.isBlank() ? null : country.strip().toUpperCase(Locale.ROOT);
        ownerId = ownerId == null || ownerId.isBlank() ? null : ownerId.strip();
        language = language == null || language.isBlank() ? null : language.strip();
        Checks checks = Checks.start().text("name", name, MAX_NAME);
        if (phone == null || phone.isBlank()) {
            checks.fail("phone", "is required");
        } else if (phone.length() > PhoneNumbers.MAX_INPUT) {
            checks.fail("phone", "is not a phone number");
        }
        checkEmail(checks, email);
        checkCountry(checks, country);
        checkLanguage(checks, language);
        checks.optionalText("ownerId", ownerId, 40);
        checks.orThrow();
        if (marketingConsent != null && consentChannel == null) {
            consentChannel = ConsentChannel.CALL;
        }
    }

    static void checkEmail(Checks checks, String email) {
        if (email == null) {
            return;
        }
        checks.optionalText("email", email, MAX_EMAIL);
        if (email.length() <= MAX_EMAIL && !Emails.valid(email)) {
            checks.fail("email", "is not an e-mail address");
        }
    }

    static void checkCountry(Checks checks, String country) {
        if (country != null && !COUNTRIES.contains(country)) {
            checks.fail("country", "must be an ISO 3166 two-letter country code such as TW");
        }
    }

    static void checkLanguage(Checks checks, String language) {
        if (language != null && !LANGUAGES.contains(language)) {
            checks.fail("language", "must be zh-TW, zh-CN or en");
        }
    }

    @Override
    public String toString() {
        return "NewCustomer[country=" + country + ", ownerId=" + ownerId + ", language=" + language + "]";
    }
}
