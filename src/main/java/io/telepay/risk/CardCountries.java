package io.telepay.risk;

import io.telepay.risk.features.BinTable;
import org.springframework.stereotype.Component;

/** The issuing country of a card by its BIN, for pages that show staff a card (the BIN table is risk's). */
@Component
public class CardCountries {

    private final BinTable bins;

    CardCountries(BinTable bins) {
        this.bins = bins;
    }

    /** ISO 3166 alpha-2 code of the BIN's issuing country, or null when the BIN is unknown or not shown. */
    public String of(String bin) {
        return bins.country(bin);
    }
}
