package io.telepay.telephony.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The secure IVR's recorded prompts, shipped in the jar as 8 kHz G.711 µ-law (made from text by
 * {@code bin/telephony-prompts.sh}), one set per language, all loaded at start so a call never waits on a read.
 */
public final class Prompts {

    public static final List<String> LANGUAGES = List.of("zh-TW", "zh-CN", "en");
    public static final List<String> NAMES = List.of("welcome", "card-number", "expiry", "cvc", "re-enter", "invalid-number",
            "invalid-expiry", "invalid-cvc", "no-input", "checking", "approved", "declined-retry", "declined-final", "pending",
            "card-rejected", "session-ended", "error", "returning", "goodbye");

    private final Map<String, byte[]> clips = new HashMap<>();

    public Prompts() {
        for (String language : LANGUAGES) {
            for (String name : NAMES) {
                String path = "/telephony/prompts/" + language + "/" + name + ".ul";
                try (InputStream in = Prompts.class.getResourceAsStream(path)) {
                    if (in == null) {
                        throw new IllegalStateException("prompt missing from the jar: " + path);
                    }
                    clips.put(language + "/" + name, in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** The prompt's µ-law samples; the language must be one of {@link #LANGUAGES}. */
    public byte[] ulaw(String language, String name) {
        byte[] clip = clips.get(language + "/" + name);
        if (clip == null) {
            throw new IllegalArgumentException("no prompt " + language + "/" + name);
        }
        return clip;
    }
}
