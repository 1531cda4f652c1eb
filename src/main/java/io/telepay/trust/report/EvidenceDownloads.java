package io.telepay.trust.report;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Evidence as a download, the same from the API and the console: always an attachment (never rendered
 * in the browser), never cached, an evidence file with the SHA-256 it was verified against.
 */
public final class EvidenceDownloads {

    private EvidenceDownloads() {
    }

    public static ResponseEntity<byte[]> file(OpenedEvidence opened) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(opened.file().mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(opened.file().name(), StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Evidence-SHA256", opened.file().sha256())
                .body(opened.content());
    }

    public static ResponseEntity<byte[]> bundle(String reportId, byte[] zip) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(reportId + "-evidence.zip").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(zip);
    }
}
