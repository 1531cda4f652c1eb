package io.telepay.trust.report;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Makes a reporter's file name safe to store, show and put into a zip: the last path segment only (no
 * {@code ../}, no drive, either slash), letters and digits of any script plus {@code . _ - ( )} and
 * spaces, no leading dot, at most {@value #MAX} characters with the extension kept, and the extension of
 * the detected type added when the name has none.
 */
final class FileNames {

    static final int MAX = 100;

    private FileNames() {
    }

    static String safe(String original, String mediaType) {
        String name = original == null ? "" : original;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = Normalizer.normalize(name, Normalizer.Form.NFC);
        StringBuilder kept = new StringBuilder();
        name.codePoints().forEach(c -> kept.appendCodePoint(
                Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '(' || c == ')' || c == ' ' ? c : '_'));
        String cleaned = kept.toString()
                .replaceAll("_{2,}", "_")
                .replaceAll(" {2,}", " ")
                .replaceAll("\\.{2,}", ".")
                .replaceAll("^[ ._-]+", "")
                .replaceAll("[ .]+$", "");
        if (cleaned.codePoints().noneMatch(Character::isLetterOrDigit)) {
            cleaned = "evidence";
        }
        int dot = cleaned.lastIndexOf('.');
        String base = dot > 0 ? cleaned.substring(0, dot) : cleaned;
        String extension = dot > 0 ? cleaned.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
        if (extension.isEmpty() || extension.length() > 10) {
            base = cleaned;
            extension = FileSignatures.extension(mediaType);
        }
        int room = MAX - extension.length() - 1;
        if (base.codePointCount(0, base.length()) > room) {
            base = base.substring(0, base.offsetByCodePoints(0, room)).strip();
        }
        return base + "." + extension;
    }
}
