package io.telepay.customer.lead;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.telepay.shared.InvalidInput;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * The lead CSV: a header row naming the columns (any order, any case), then one lead per row; UTF-8 with
 * or without a byte-order mark. {@code name} and {@code phone} are required columns; {@code email},
 * {@code source} and {@code campaign} optional; other columns are ignored. Read record by record, so a
 * file of any length takes the memory of one row.
 */
final class LeadCsv {

    static final List<String> REQUIRED = List.of("name", "phone");
    static final List<String> KNOWN = List.of("name", "phone", "email", "source", "campaign");

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreHeaderCase(true)
            .setTrim(true)
            .setIgnoreEmptyLines(true)
            .setAllowMissingColumnNames(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
            .get();

    private LeadCsv() {
    }

    /** What a first pass over an upload found: its data rows and the columns it will ignore. */
    record Shape(int rows, List<String> ignoredColumns) {
    }

    /**
     * Reads the whole file once, without keeping it: the header must name the required columns, the text
     * must be UTF-8 and CSV, and there may be at most {@code maxRows} data rows.
     *
     * @throws InvalidInput naming {@code file}
     */
    static Shape check(Path file, int maxRows) {
        try (CSVParser parser = open(file)) {
            Set<String> columns = parser.getHeaderNames().stream()
                    .map(name -> name.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            List<String> missing = REQUIRED.stream().filter(required -> !columns.contains(required)).toList();
            if (!missing.isEmpty()) {
                throw new InvalidInput("file", "the header row must name the columns " + String.join(", ", missing)
                        + " (columns: name, phone, email, source, campaign)");
            }
            int rows = 0;
            for (CSVRecord ignored : parser) {
                if (++rows > maxRows) {
                    throw new InvalidInput("file", "has more than " + maxRows + " rows; split it into several imports");
                }
            }
            List<String> ignoredColumns = parser.getHeaderNames().stream()
                    .filter(name -> !name.isBlank() && !KNOWN.contains(name.strip().toLowerCase(Locale.ROOT))).toList();
            return new Shape(rows, ignoredColumns);
        } catch (InvalidInput e) {
            throw e;
        } catch (UncheckedIOException | IOException e) {
            throw unreadable(e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Commons CSV reports a missing header, duplicate names or broken quoting this way
            throw new InvalidInput("file", "is not a CSV file with a header row (" + safe(e) + ")");
        }
    }

    /** A parser over the file: iterate it for the data rows. The caller closes it. */
    static CSVParser open(Path file) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 64 * 1024);
        skipByteOrderMark(reader);
        return CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
    }

    /** The value of a column in a row; null when the column is absent or the cell empty. */
    static String cell(CSVRecord record, String column) {
        if (!record.isMapped(column) || !record.isSet(column)) {
            return null;
        }
        String value = record.get(column);
        return value == null || value.isEmpty() ? null : value;
    }

    private static void skipByteOrderMark(Reader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
    }

    private static InvalidInput unreadable(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CharacterCodingException) {
                return new InvalidInput("file", "is not UTF-8 text; save it as CSV UTF-8");
            }
        }
        String message = e.getCause() instanceof IOException cause && cause.getMessage() != null ? cause.getMessage() : e.getMessage();
        return new InvalidInput("file", "is not valid CSV (" + safe(new IllegalStateException(message)) + ")");
    }

    /** Commons CSV messages name lines and characters, never file contents beyond a token; keep them short. */
    private static String safe(RuntimeException e) {
        String message = e.getMessage() == null ? "unreadable" : e.getMessage();
        return message.length() > 160 ? message.substring(0, 160) + "…" : message;
    }
}
