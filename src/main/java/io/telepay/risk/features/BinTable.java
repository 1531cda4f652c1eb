package io.telepay.risk.features;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Issuing country per BIN prefix, from a CSV file the operator supplies ({@code bin,country} per line,
 * 6 to 8 digits, ISO 3166 alpha-2; {@code #} starts a comment). Without one, a small sample for the demo
 * is used. The longest matching prefix wins. Static reference data: each instance loads it at start.
 */
@Component
public class BinTable {

    private static final Logger log = LoggerFactory.getLogger(BinTable.class);
    static final String SAMPLE = "risk/bin-sample.csv";

    private final Map<String, String> countries;

    BinTable(@Value("${telepay.risk.bin-table:}") String path) throws IOException {
        if (path == null || path.isBlank()) {
            try (InputStream in = BinTable.class.getClassLoader().getResourceAsStream(SAMPLE)) {
                countries = read(in);
            }
            log.info("risk: BIN table is the shipped sample ({} prefixes); set telepay.risk.bin-table for a real one", countries.size());
        } else {
            try (InputStream in = Files.newInputStream(Path.of(path))) {
                countries = read(in);
            }
            log.info("risk: BIN table {} ({} prefixes)", path, countries.size());
        }
    }

    static BinTable of(Map<String, String> countries) throws IOException {
        BinTable table = new BinTable("");
        table.countries.clear();
        table.countries.putAll(countries);
        return table;
    }

    /** The issuing country of a card number's BIN (its first digits), or null when unknown. */
    public String country(String bin) {
        if (bin == null) {
            return null;
        }
        for (int length = Math.min(8, bin.length()); length >= 6; length--) {
            String country = countries.get(bin.substring(0, length));
            if (country != null) {
                return country;
            }
        }
        return null;
    }

    private static Map<String, String> read(InputStream in) throws IOException {
        Map<String, String> map = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.toLowerCase(Locale.ROOT).startsWith("bin,")) {
                    continue;
                }
                String[] parts = trimmed.split(",");
                if (parts.length < 2 || !parts[0].strip().matches("\\d{6,8}") || !parts[1].strip().matches("[A-Za-z]{2}")) {
                    throw new IllegalStateException("BIN table line " + number + " is not 'bin,country' (6-8 digits, ISO alpha-2)");
                }
                map.put(parts[0].strip(), parts[1].strip().toUpperCase(Locale.ROOT));
            }
        }
        return map;
    }
}
