package io.telepay.console;

import java.util.Locale;

import io.telepay.risk.CardCountries;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * How staff pages name a card's issuing country ({@code @cards.country(bin)} in templates): in the reader's
 * language, e.g. "Taiwan" / "台灣", from the card's BIN. The card itself is shown by {@code console/cards :: card}.
 */
@Component("cards")
public class CardLabels {

    private final CardCountries countries;

    CardLabels(CardCountries countries) {
        this.countries = countries;
    }

    /** The BIN's issuing country in the reader's language, or null when the BIN is unknown or hidden from them. */
    public String country(String bin) {
        String code = bin == null ? null : countries.of(bin);
        if (code == null) {
            return null;
        }
        String name = Locale.of("", code).getDisplayCountry(LocaleContextHolder.getLocale());
        return name.isBlank() || name.equals(code) ? code : name;
    }
}
