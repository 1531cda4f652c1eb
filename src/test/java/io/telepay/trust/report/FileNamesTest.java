package io.telepay.trust.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void keepsOnlyTheLastPathSegmentWhateverTheSlash() {
        assertThat(FileNames.safe("../../etc/passwd.txt", "text/plain")).isEqualTo("passwd.txt");
        assertThat(FileNames.safe("..\\..\\Windows\\win.ini.txt", "text/plain")).isEqualTo("win.ini.txt");
        assertThat(FileNames.safe("C:\\Users\\王小明\\錄音 0518.m4a", "audio/mp4")).isEqualTo("錄音 0518.m4a");
        assertThat(FileNames.safe("/var/../../x.png", "image/png")).isEqualTo("x.png");
    }

    @Test
    void dotsAloneNeverMakeAPathOrAHiddenFile() {
        assertThat(FileNames.safe("..", "text/plain")).isEqualTo("evidence.txt");
        assertThat(FileNames.safe("....//", "image/png")).isEqualTo("evidence.png");
        assertThat(FileNames.safe(".htaccess", "text/plain")).isEqualTo("htaccess.txt");
        assertThat(FileNames.safe("evil..pdf", "application/pdf")).isEqualTo("evil.pdf");
        assertThat(FileNames.safe("trailing. . .", "text/plain")).isEqualTo("trailing.txt");
    }

    @Test
    void replacesControlAndShellCharactersAndKeepsChinese() {
        assertThat(FileNames.safe("a\u0000b\r\nc.txt", "text/plain")).isEqualTo("a_b_c.txt");
        assertThat(FileNames.safe("<img src=x onerror=alert(1)>.png", "image/png")).isEqualTo("img src_x onerror_alert(1)_.png");
        assertThat(FileNames.safe("<script>alert(1)</script>.png", "image/png")).as("the slash ends a path segment").isEqualTo("script_.png");
        assertThat(FileNames.safe("截圖 $(rm -rf ~) `id`.jpg", "image/jpeg")).isEqualTo("截圖 _(rm -rf _) _id_.jpg");
        assertThat(FileNames.safe("通話紀錄.txt", "text/plain")).isEqualTo("通話紀錄.txt");
    }

    @Test
    void addsTheDetectedExtensionWhenThereIsNone() {
        assertThat(FileNames.safe("recording", "audio/mpeg")).isEqualTo("recording.mp3");
        assertThat(FileNames.safe(null, "application/pdf")).isEqualTo("evidence.pdf");
        assertThat(FileNames.safe("", "image/png")).isEqualTo("evidence.png");
    }

    @Test
    void longNamesAreCutKeepingTheExtension() {
        String name = FileNames.safe("很".repeat(300) + ".m4a", "audio/mp4");
        assertThat(name).endsWith(".m4a");
        assertThat(name.codePointCount(0, name.length())).isEqualTo(FileNames.MAX);
    }
}
