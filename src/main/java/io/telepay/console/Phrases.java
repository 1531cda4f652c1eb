package io.telepay.console;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Sentences Telepay wrote and stored in English, read in the reader's language ({@code @phrases.of(text)} in
 * templates): the default rules' names and reasons, the reasons of a risk decision, the evidence of an alert, a
 * lead's score. Each has a template under {@code phrase.} in messages.properties whose {@code {name}} parts stand for
 * any text ({@code {n}} for a number only, {@code {id}} for one word with a digit in it, so "card {id}" never reads
 * "card stolen"); the same key in the reader's language gives the words, with the parts put back in. A part is itself
 * read as a phrase, and so is each item of a part that is a list ("card number, CVC") or a trail ("card … → customer
 * …"), so "asked for {kinds}" reads its kinds too; an alert signal's code reads as its name. Text no template matches
 * (a rule an analyst named) is shown as written.
 *
 * <p>Stored text stays English on purpose: it is what the API answers, what the audit trail holds and what a
 * decision's hash covers; only the console reads it aloud in another language.
 */
@Component("phrases")
public class Phrases {

    private static final String PREFIX = "phrase.";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.]+)}");
    /** Telepay's ids (pay_…, call_…, note_…): shown as code, never as words. */
    private static final Pattern ID = Pattern.compile("\\b[a-z]{2,5}_[a-z0-9]{16,}\\b");
    /** An alert signal's code (CARD_TESTING) in a part reads as the signal's name. */
    private static final Pattern SIGNAL = Pattern.compile("[A-Z][A-Z_]+");
    private static final int DEPTH = 3;

    /** @param literal how many characters of the template are words, not parts: the most specific matches first */
    private record Template(String key, Pattern pattern, List<String> parts, int literal) {
    }

    private final MessageSource messages;
    private final List<Template> templates;

    Phrases(MessageSource messages) {
        this.messages = messages;
        this.templates = load();
    }

    /** The text in the reader's language where it is one of Telepay's phrases; otherwise as written. */
    public String of(String text) {
        String read = text == null ? null : read(text, 0);
        return read == null ? text : read;
    }

    /** Whether the text is one of Telepay's phrases (read in each reader's language), not words someone wrote. */
    public boolean known(String text) {
        return text != null && read(text, 0) != null;
    }

    /** A piece of a phrase: words, or one of Telepay's ids (shown as code, to copy). */
    public record Piece(String text, boolean id) {
    }

    /**
     * A text as the console shows it: {@code known} when it is one of Telepay's phrases (then read in the reader's
     * language), else words someone wrote; its pieces with the ids apart ({@code console/parts :: phrase(text)}).
     */
    public record Reading(boolean known, List<Piece> pieces) {
    }

    /** {@link #of} in pieces, matched once, and whether it was a phrase at all. */
    public Reading reading(String text) {
        if (text == null) {
            return new Reading(false, List.of());
        }
        String read = read(text, 0);
        return new Reading(read != null, split(read == null ? text : read, new ArrayList<>()));
    }

    private static List<Piece> split(String read, List<Piece> pieces) {
        Matcher id = ID.matcher(read);
        int at = 0;
        while (id.find()) {
            if (id.start() > at) {
                pieces.add(new Piece(read.substring(at, id.start()), false));
            }
            pieces.add(new Piece(id.group(), true));
            at = id.end();
        }
        if (at < read.length()) {
            pieces.add(new Piece(read.substring(at), false));
        }
        return pieces;
    }

    /** The text in the reader's language; null when no template matches it. */
    private String read(String text, int depth) {
        for (Template template : templates) {
            Matcher match = template.pattern().matcher(text);
            if (match.matches()) {
                String words = messages.getMessage(template.key(), null, LocaleContextHolder.getLocale());
                Matcher part = PLACEHOLDER.matcher(words);
                StringBuilder out = new StringBuilder();
                while (part.find()) {
                    int index = template.parts().indexOf(part.group(1));
                    String value = index < 0 ? part.group() : match.group(index + 1);
                    part.appendReplacement(out, Matcher.quoteReplacement(depth < DEPTH ? items(value, depth + 1) : value));
                }
                return part.appendTail(out).toString();
            }
        }
        return null;
    }

    /** A part read as a phrase, or item by item when it is a list or a trail of phrases (every item one). */
    private String items(String value, int depth) {
        String whole = read(value, depth);
        if (whole != null) {
            return whole;
        }
        if (SIGNAL.matcher(value).matches()) {
            return messages.getMessage("risk.signal." + value, null, value, LocaleContextHolder.getLocale());
        }
        for (String separator : List.of(" → ", ", ")) {
            List<String> items = List.of(value.split(Pattern.quote(separator), -1));
            List<String> read = items.stream().map(item -> read(item, depth)).toList();
            if (items.size() > 1 && read.stream().allMatch(Objects::nonNull)) {
                String joiner = separator.equals(", ") ? messages.getMessage("phrase-list.separator", null, separator,
                        LocaleContextHolder.getLocale()) : separator;
                return String.join(joiner, read);
            }
        }
        return value;
    }

    private static List<Template> load() {
        Properties english = new Properties();
        try (Reader reader = new InputStreamReader(new ClassPathResource("messages.properties").getInputStream(),
                StandardCharsets.UTF_8)) {
            english.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Template> templates = new ArrayList<>();
        for (String key : english.stringPropertyNames()) {
            if (key.startsWith(PREFIX)) {
                templates.add(template(key, english.getProperty(key)));
            }
        }
        templates.sort(Comparator.comparingInt(Template::literal).reversed().thenComparing(Template::key));
        return List.copyOf(templates);
    }

    private static Template template(String key, String english) {
        Matcher part = PLACEHOLDER.matcher(english);
        StringBuilder regex = new StringBuilder();
        List<String> parts = new ArrayList<>();
        int at = 0;
        int literal = 0;
        while (part.find()) {
            regex.append(Pattern.quote(english.substring(at, part.start()))).append(switch (part.group(1)) {
                case "n" -> "([0-9][0-9.,]*)";
                case "id" -> "(\\S*[0-9]\\S*)";
                default -> "(.+?)";
            });
            literal += part.start() - at;
            parts.add(part.group(1));
            at = part.end();
        }
        regex.append(Pattern.quote(english.substring(at)));
        literal += english.length() - at;
        if (literal == 0) {
            throw new IllegalStateException(key + " has no words of its own: it would match any text");
        }
        return new Template(key, Pattern.compile(regex.toString(), Pattern.DOTALL), List.copyOf(parts), literal);
    }
}
