package io.telepay.trust;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.telepay.customer.CustomerFixtures;
import io.telepay.testing.Http;

/**
 * Consumers for the trust module's public endpoints. Each comes from its own loopback address
 * (127.x.y.z), so the per-address rate limits of one test never meet another's.
 */
public final class Consumers {

    private Consumers() {
    }

    /** An anonymous client from a loopback address no other test uses. */
    public static Http fromNewAddress(String base) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String address = "127." + random.nextInt(1, 255) + "." + random.nextInt(1, 255) + "." + random.nextInt(2, 255);
        try {
            return new Http(base, null, HttpClient.newBuilder()
                    .localAddress(InetAddress.getByName(address))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** GET answered as bytes (a zip, an evidence file), with the client's credentials. */
    public static java.net.http.HttpResponse<byte[]> bytes(Http http, String path) {
        try {
            return HttpClient.newHttpClient().send(http.request(path).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A Taiwanese mobile number no other test uses. */
    public static String newPhone() {
        return CustomerFixtures.taiwanMobile();
    }

    /** A multipart/form-data body built part by part. */
    public static final class Multipart {

        private final String boundary = "----telepay" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        private final List<byte[]> parts = new ArrayList<>();

        public Multipart field(String name, String value) {
            parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n"
                    + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8));
            return this;
        }

        public Multipart file(String name, String fileName, String declaredType, byte[] content) {
            ByteArrayOutputStream part = new ByteArrayOutputStream();
            part.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                    + fileName.replace("\"", "%22") + "\"\r\nContent-Type: " + declaredType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            part.writeBytes(content);
            part.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            parts.add(part.toByteArray());
            return this;
        }

        public Http.Response post(Http http, String path) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            parts.forEach(body::writeBytes);
            body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return http.send(http.request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        }
    }

    /** Small but real files of each kind, by their first bytes. */
    public static final class Files {

        private Files() {
        }

        public static byte[] mp3() {
            byte[] b = new byte[2048];
            b[0] = 'I';
            b[1] = 'D';
            b[2] = '3';
            b[3] = 4;
            for (int i = 10; i < b.length; i++) {
                b[i] = (byte) (i * 31);
            }
            return b;
        }

        public static byte[] png() {
            byte[] b = new byte[512];
            byte[] signature = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
            System.arraycopy(signature, 0, b, 0, signature.length);
            for (int i = signature.length; i < b.length; i++) {
                b[i] = (byte) (i * 7);
            }
            return b;
        }

        public static byte[] pdf() {
            return "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        }

        public static byte[] text(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }

        /** A Windows program: what a ".mp3" from a fraudster may really be. */
        public static byte[] exe() {
            byte[] b = new byte[256];
            b[0] = 'M';
            b[1] = 'Z';
            b[2] = (byte) 0x90;
            return b;
        }

        /** {@code size} bytes that read as an MP3 by their header. */
        public static byte[] mp3OfSize(int size) {
            byte[] b = new byte[size];
            b[0] = 'I';
            b[1] = 'D';
            b[2] = '3';
            return b;
        }
    }
}
