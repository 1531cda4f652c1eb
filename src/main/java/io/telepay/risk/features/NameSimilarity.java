package io.telepay.risk.features;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How alike the name on the card and the customer's name are, 0 (nothing shared) to 1 (the same).
 * Names in different scripts (林志玲 and LIN CHIH LING) are not comparable without a romanization table:
 * NaN, so a Chinese customer paying with a card embossed in Latin letters raises nothing.
 */
public final class NameSimilarity {

    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern NOT_LETTERS = Pattern.compile("[^\\p{L}]+");

    private NameSimilarity() {
    }

    public static double of(String holderName, String customerName) {
        if (holderName == null || customerName == null || holderName.isBlank() || customerName.isBlank()) {
            return Double.NaN;
        }
        String a = normalize(holderName);
        String b = normalize(customerName);
        if (a.isEmpty() || b.isEmpty() || latin(a) != latin(b)) {
            return Double.NaN;
        }
        if (a.equals(b)) {
            return 1;
        }
        if (latin(a)) {
            // word order varies (LIN CHIH LING / Chih-Ling Lin): compare the sets of letter pairs of the whole name
            return dice(bigrams(a.replace(" ", "")), bigrams(b.replace(" ", ""))) * 0.5
                    + dice(words(a), words(b)) * 0.5;
        }
        return dice(characters(a), characters(b));
    }

    private static String normalize(String name) {
        String decomposed = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFKD)).replaceAll("");
        return NOT_LETTERS.matcher(decomposed.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    private static boolean latin(String name) {
        return name.chars().filter(Character::isLetter).allMatch(c -> c < 0x250);
    }

    private static Set<String> words(String name) {
        return new HashSet<>(java.util.List.of(name.split(" ")));
    }

    private static Set<String> bigrams(String name) {
        Set<String> pairs = new HashSet<>();
        for (int i = 0; i + 1 < name.length(); i++) {
            pairs.add(name.substring(i, i + 2));
        }
        return pairs;
    }

    private static Set<String> characters(String name) {
        Set<String> set = new HashSet<>();
        name.replace(" ", "").codePoints().forEach(c -> set.add(new String(Character.toChars(c))));
        return set;
    }

    private static double dice(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return 2.0 * both.size() / (a.size() + b.size());
    }
}
