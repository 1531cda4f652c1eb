package io.telepay.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.telepay.testing.Sales;
import io.telepay.testing.SystemTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the hostile tester sent anonymously that the container parses before any Telepay code: broken
 * multipart bodies and headers with bytes outside ASCII. Sent over a raw socket, byte for byte, since an
 * HTTP client library would refuse to send most of them. Each must be a 400 problem+json naming the part
 * or header, never a 500.
 */
class MalformedRequestSystemTest extends SystemTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Every test in the shared context reports from 127.0.0.1: start with the address's public budget unspent. */
    @BeforeEach
    void freshPublicBudget() {
        jdbc.sql("delete from rate_limit_bucket").update();
    }

    record Raw(int status, String contentType, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }

    private Raw send(String method, String path, String headers, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n").getBytes(StandardCharsets.ISO_8859_1));
            request.write(headers.getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                request.write(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            request.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                request.write(body);
            }
            out.write(request.toByteArray());
            out.flush();
            return parse(socket.getInputStream());
        }
    }

    private static Raw parse(InputStream in) throws IOException {
        // ISO-8859-1 keeps one char per byte, so chunk sizes count right; the body is decoded as UTF-8 at the end
        String all = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        int headEnd = all.indexOf("\r\n\r\n");
        String head = headEnd < 0 ? all : all.substring(0, headEnd);
        String body = headEnd < 0 ? "" : all.substring(headEnd + 4);
        int status = Integer.parseInt(head.substring(9, 12));
        String contentType = null;
        boolean chunked = false;
        for (String line : head.split("\r\n")) {
            String lower = line.toLowerCase();
            if (lower.startsWith("content-type:")) {
                contentType = line.substring(13).trim();
            }
            if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        String bytes = chunked ? unchunk(body) : body;
        return new Raw(status, contentType, new String(bytes.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static String unchunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int lineEnd = body.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static final String BOUNDARY = "----probe7MA4YWxkTrZu0gW";

    private static byte[] truncated() {
        return bytes("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nsomeone called");
    }

    private static byte[] nulFileName() {
        return bytes("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nsomeone called me\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\"a\u0000b.png\"\r\n"
                + "Content-Type: image/png\r\n\r\nPNG\r\n--" + BOUNDARY + "--\r\n");
    }

    private static void assertNamed(Raw answer, String field) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
        assertThat(answer.json().get("errors").get(0).get("field").asString()).as(answer.toString()).isEqualTo(field);
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("at org.").doesNotContain("at io.");
    }

    private static final String MULTIPART = "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n";

    @Test
    void brokenMultipartIsA400NamingTheBodyOrTheMissingBoundary() throws IOException {
        String adminKey = apiKeys.create("malformed multipart", io.telepay.shared.Role.ADMIN, null).key();
        for (String path : new String[] {"/api/v1/public/reports", "/verify/report", "/api/v1/leads/imports"}) {
            String auth = path.startsWith("/api/v1/leads") ? "Authorization: Bearer " + adminKey + "\r\n" : "";
            assertNamed(send("POST", path, auth + MULTIPART, truncated()), "body");
            assertNamed(send("POST", path, auth + "Content-Type: multipart/form-data\r\n", nulFileName()), "Content-Type");
            assertNamed(send("POST", path, auth + MULTIPART, nulFileName()), "body");
        }
    }

    @Test
    void headersOutsideAsciiAreA400NamingTheHeader() throws IOException {
        String token = new Sales(this).payToken(new Sales(this).confirmedOrder("100.00", "TWD"));
        // UTF-8 bytes read as ISO-8859-1 hold C1 controls (鍵), or only printable Latin-1 (é)
        for (String key : new String[] {"鍵-1", "clé-1"}) {
            assertNamed(send("POST", "/pay/" + token, "Content-Type: application/x-www-form-urlencoded\r\nIdempotency-Key: " + key + "\r\n",
                    bytes("number=4242")), "Idempotency-Key");
            assertNamed(send("POST", "/api/v1/public/reports/status", "Content-Type: application/json\r\nIdempotency-Key: " + key + "\r\n",
                    bytes("{}")), "Idempotency-Key");
        }
        assertNamed(send("GET", "/verify", "Accept: text/html-é鍵\r\n", null), "Accept");
        assertNamed(send("GET", "/verify", "Accept: text/é\r\n", null), "Accept");
        assertNamed(send("GET", "/pay/" + token, "Accept-Language: zh-é鍵\r\n", null), "Accept-Language");
        assertNamed(send("POST", "/api/v1/public/reports/status", "Content-Type: application/json\r\nAccept-Language: zh-é\r\n",
                bytes("{}")), "Accept-Language");
        assertNamed(send("GET", "/verify", "X-Anything: a\u0085b\r\n", null), "X-Anything");
        // an ordinary request on the same socket code is answered normally
        assertThat(send("GET", "/verify", "Accept: text/html\r\nAccept-Language: zh-TW,zh;q=0.9\r\n", null).status()).isEqualTo(200);
    }
}
