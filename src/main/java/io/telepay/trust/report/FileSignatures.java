package io.telepay.trust.report;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an evidence file is, by its first bytes — never by its name or the type the client declared:
 * audio (MP3, AAC, M4A/3GP, WAV, Ogg, FLAC, AMR, WebM, WeChat SILK), images (JPEG, PNG, GIF, WebP,
 * HEIC/AVIF), PDF, and plain text (strict UTF-8 without control characters). Anything else is refused.
 * A handful of signatures checked by hand, instead of a content-detection library many times the
 * size of this module.
 */
final class FileSignatures {

    private static final Set<String> IMAGE_BRANDS = Set.of("heic", "heix", "hevc", "heim", "heis", "mif1", "msf1");
    private static final Map<String, String> AUDIO_BRANDS = Map.ofEntries(
            Map.entry("M4A ", "audio/mp4"), Map.entry("M4B ", "audio/mp4"), Map.entry("mp41", "audio/mp4"),
            Map.entry("mp42", "audio/mp4"), Map.entry("isom", "audio/mp4"), Map.entry("iso2", "audio/mp4"),
            Map.entry("3gp4", "audio/3gpp"), Map.entry("3gp5", "audio/3gpp"), Map.entry("3gp6", "audio/3gpp"),
            Map.entry("3g2a", "audio/3gpp2"));
    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("application/pdf", "pdf"), Map.entry("image/jpeg", "jpg"), Map.entry("image/png", "png"),
            Map.entry("image/gif", "gif"), Map.entry("image/webp", "webp"), Map.entry("image/heic", "heic"),
            Map.entry("image/avif", "avif"), Map.entry("audio/mpeg", "mp3"), Map.entry("audio/aac", "aac"),
            Map.entry("audio/mp4", "m4a"), Map.entry("audio/3gpp", "3gp"), Map.entry("audio/3gpp2", "3g2"),
            Map.entry("audio/wav", "wav"), Map.entry("audio/ogg", "ogg"), Map.entry("audio/flac", "flac"),
            Map.entry("audio/amr", "amr"), Map.entry("audio/webm", "webm"), Map.entry("audio/silk", "silk"),
            Map.entry("text/plain", "txt"));

    private FileSignatures() {
    }

    /** The media type the content shows, or empty when it is none Telepay takes as evidence. */
    static Optional<String> mediaType(byte[] b) {
        if (b.length == 0) {
            return Optional.empty();
        }
        if (startsWith(b, 0, "%PDF-")) {
            return Optional.of("application/pdf");
        }
        if (bytes(b, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of("image/jpeg");
        }
        if (bytes(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of("image/png");
        }
        if (startsWith(b, 0, "GIF87a") || startsWith(b, 0, "GIF89a")) {
            return Optional.of("image/gif");
        }
        if (startsWith(b, 0, "RIFF") && startsWith(b, 8, "WEBP")) {
            return Optional.of("image/webp");
        }
        if (startsWith(b, 0, "RIFF") && startsWith(b, 8, "WAVE")) {
            return Optional.of("audio/wav");
        }
        if (startsWith(b, 4, "ftyp") && b.length >= 12) {
            String brand = new String(b, 8, 4, StandardCharsets.ISO_8859_1);
            if (IMAGE_BRANDS.contains(brand)) {
                return Optional.of("image/heic");
            }
            if (brand.equals("avif") || brand.equals("avis")) {
                return Optional.of("image/avif");
            }
            return Optional.ofNullable(AUDIO_BRANDS.get(brand));
        }
        if (startsWith(b, 0, "ID3")) {
            return Optional.of("audio/mpeg");
        }
        if (startsWith(b, 0, "OggS")) {
            return Optional.of("audio/ogg");
        }
        if (startsWith(b, 0, "fLaC")) {
            return Optional.of("audio/flac");
        }
        if (startsWith(b, 0, "#!AMR")) {
            return Optional.of("audio/amr");
        }
        if (startsWith(b, 0, "#!SILK_V3") || (b[0] == 0x02 && startsWith(b, 1, "#!SILK_V3"))) {
            return Optional.of("audio/silk");
        }
        if (bytes(b, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
            return Optional.of("audio/webm");
        }
        Optional<String> frame = mpegAudioFrame(b);
        if (frame.isPresent()) {
            return frame;
        }
        return plainText(b) ? Optional.of("text/plain") : Optional.empty();
    }

    /** The usual file extension of a media type this class detects. */
    static String extension(String mediaType) {
        return EXTENSIONS.getOrDefault(mediaType, "bin");
    }

    /** An MP3 frame or an AAC ADTS header at the start, with its reserved values checked, not just the sync bits. */
    private static Optional<String> mpegAudioFrame(byte[] b) {
        if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xE0) != 0xE0) {
            return Optional.empty();
        }
        int version = (b[1] >> 3) & 0x03;
        int layer = (b[1] >> 1) & 0x03;
        if (layer == 0) {
            // ADTS: MPEG-2/4 AAC, sync 12 bits set and layer 00; sampling index 13-15 reserved
            int sampling = (b[2] >> 2) & 0x0F;
            return (b[1] & 0xF0) == 0xF0 && sampling < 13 ? Optional.of("audio/aac") : Optional.empty();
        }
        int bitrate = (b[2] >> 4) & 0x0F;
        int sampling = (b[2] >> 2) & 0x03;
        return version != 1 && bitrate != 0x0F && sampling != 0x03 ? Optional.of("audio/mpeg") : Optional.empty();
    }

    /** Strict UTF-8 (an optional byte-order mark) with no control characters but tab, line breaks and form feed. */
    private static boolean plainText(byte[] b) {
        int start = bytes(b, 0, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, start, b.length - start)).toString();
        } catch (CharacterCodingException e) {
            return false;
        }
        return text.chars().noneMatch(c -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F);
    }

    private static boolean startsWith(byte[] b, int offset, String ascii) {
        if (b.length < offset + ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (b[offset + i] != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean bytes(byte[] b, int offset, int... expected) {
        if (b.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
