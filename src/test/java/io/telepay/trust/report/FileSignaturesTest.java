package io.telepay.trust.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import io.telepay.trust.Consumers.Files;
import org.junit.jupiter.api.Test;

class FileSignaturesTest {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[Math.max(values.length, 16)];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] ascii(String start, int length) {
        byte[] b = new byte[length];
        byte[] head = start.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, b, 0, head.length);
        return b;
    }

    @Test
    void recognisesTheAudioPhonesAndChatAppsRecord() {
        assertThat(FileSignatures.mediaType(Files.mp3())).contains("audio/mpeg");
        assertThat(FileSignatures.mediaType(bytes(0xFF, 0xFB, 0x90, 0x64))).as("MP3 frame without ID3").contains("audio/mpeg");
        assertThat(FileSignatures.mediaType(bytes(0xFF, 0xF1, 0x50, 0x80))).as("AAC ADTS").contains("audio/aac");
        assertThat(FileSignatures.mediaType(ascii("\0\0\0\u0020ftypM4A ", 64))).contains("audio/mp4");
        assertThat(FileSignatures.mediaType(ascii("\0\0\0\u0018ftyp3gp4", 64))).contains("audio/3gpp");
        assertThat(FileSignatures.mediaType(ascii("RIFF\u0024\0\0\0WAVEfmt ", 64))).contains("audio/wav");
        assertThat(FileSignatures.mediaType(ascii("OggS", 64))).contains("audio/ogg");
        assertThat(FileSignatures.mediaType(ascii("fLaC", 64))).contains("audio/flac");
        assertThat(FileSignatures.mediaType(ascii("#!AMR\n", 64))).contains("audio/amr");
        assertThat(FileSignatures.mediaType(ascii("\u0002#!SILK_V3", 64))).as("WeChat voice").contains("audio/silk");
    }

    @Test
    void recognisesImagesPdfAndText() {
        assertThat(FileSignatures.mediaType(Files.png())).contains("image/png");
        assertThat(FileSignatures.mediaType(bytes(0xFF, 0xD8, 0xFF, 0xE0))).contains("image/jpeg");
        assertThat(FileSignatures.mediaType(ascii("GIF89a", 64))).contains("image/gif");
        assertThat(FileSignatures.mediaType(ascii("RIFF\u0024\0\0\0WEBPVP8 ", 64))).contains("image/webp");
        assertThat(FileSignatures.mediaType(ascii("\0\0\0\u0018ftypheic", 64))).contains("image/heic");
        assertThat(FileSignatures.mediaType(Files.pdf())).contains("application/pdf");
        assertThat(FileSignatures.mediaType(Files.text("對方要我把錢轉到安全帳戶\r\nCaller: 02-8765-4321\t19:42"))).contains("text/plain");
        assertThat(FileSignatures.mediaType(Files.text("\uFEFF有 BOM 的文字檔"))).contains("text/plain");
    }

    @Test
    void refusesProgramsArchivesAndBinaryWhateverTheNameSays() {
        assertThat(FileSignatures.mediaType(Files.exe())).isEmpty();
        assertThat(FileSignatures.mediaType(ascii("PK\u0003\u0004", 64))).as("zip, docx, apk").isEmpty();
        assertThat(FileSignatures.mediaType(ascii("\u007fELF", 64))).isEmpty();
        assertThat(FileSignatures.mediaType(ascii("\0\0\0\u0018ftypqt  ", 64))).as("a QuickTime video").isEmpty();
        assertThat(FileSignatures.mediaType(new byte[0])).isEmpty();
    }

    @Test
    void refusesSyncBitsThatAreNotARealMpegHeader() {
        assertThat(FileSignatures.mediaType(bytes(0xFF, 0xFB, 0xF0, 0x00))).as("bitrate index 1111 is invalid").isEmpty();
        assertThat(FileSignatures.mediaType(bytes(0xFF, 0xEB, 0x90, 0x00))).as("MPEG version 01 is reserved").isEmpty();
        assertThat(FileSignatures.mediaType(bytes(0xFF, 0xFB, 0x9C, 0x00))).as("sampling index 11 is reserved").isEmpty();
    }

    @Test
    void textWithControlCharactersOrBrokenUtf8IsNotText() {
        assertThat(FileSignatures.mediaType(Files.text("looks like text\0but has a NUL"))).isEmpty();
        assertThat(FileSignatures.mediaType(Files.text("escape \u001B[31m sequence"))).isEmpty();
        assertThat(FileSignatures.mediaType(new byte[]{'a', 'b', (byte) 0xC3, '(', 'c'})).as("malformed UTF-8").isEmpty();
    }
}
