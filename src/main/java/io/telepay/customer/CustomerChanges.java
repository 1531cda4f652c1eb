package io.telepay.customer;

import java.util.Locale;

import io.telepay.shared.Checks;

/**
 * A partial update: a null field stays as it is. An empty {@code email} removes the address, an empty
 * {@code country} the country, an empty {@code language} the customer's choice (back to country and phone).
 *
 * @param marketingConsent a new consent answer, recorded with {@code consentChannel} (default CALL) and the time
 */
public record CustomerChanges(String name, String phone, String email, String country, Boolean marketingConsent,
                              ConsentChannel consentChannel, String language) {

    public CustomerChanges {
        name = name == null ? null : name.strip();
        email = email == null ? null : email.strip();
        country = country == null ? null : country.strip().toUpperCase(Locale.ROOT);
        language = language == null ? null : language.strip();
        Checks checks = Checks.start();
        if (name != null) {
            checks.text("name", name, NewCustomer.MAX_NAME);
        }
        if (phone != null && (phone.isBlank() || phone.length() > PhoneNumbers.MAX_INPUT)) {
            checks.fail("phone", "is not a phone number");
        }
        if (email != null && !email.isEmpty()) {
            NewCustomer.checkEmail(checks, email);
        }
        if (country != null && !country.isEmpty()) {
            NewCustomer.checkCountry(checks, country);
        }
        if (language != null && !language.isEmpty()) {
            NewCustomer.checkLanguage(checks, language);
        }
        checks.check(consentChannel == null || marketingConsent != null, "consent.marketing",
                "is required with a consent channel");
        checks.orThrow();
        if (marketingConsent != null && consentChannel == null) {
            consentChannel = ConsentChannel.CALL;
        }
    }

    public boolean isEmpty() {
        return name == null && phone == null && email == null && country == null && marketingConsent == null
                && language == null;
    }

    @Override
    public String toString() {
        return "CustomerChanges[country=" + country + ", marketingConsent=" + marketingConsent + "]";
    }
}
