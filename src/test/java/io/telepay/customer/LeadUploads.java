package io.telepay.customer;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.telepay.shared.Ids;
import io.telepay.testing.Http;
import tools.jackson.databind.JsonNode;

/** Uploads lead CSVs as a browser form would, and waits for their jobs. */
public final class LeadUploads {

    private LeadUploads() {
    }

    public static Http.Response upload(Http client, byte[] csv, Map<String, String> fields) {
        String boundary = "----telepay" + Ids.randomToken(8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                + "\"\r\n\r\n" + value + "\r\n"));
        if (csv != null) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"leads.csv\"\r\n"
                    + "Content-Type: text/csv\r\n\r\n");
            body.writeBytes(csv);
            write(body, "\r\n");
        }
        write(body, "--" + boundary + "--\r\n");
        return client.send(client.request("/api/v1/leads/imports")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    public static Http.Response upload(Http client, String csv, Map<String, String> fields) {
        return upload(client, csv.getBytes(StandardCharsets.UTF_8), fields);
    }

    /** Uploads and waits until the job has finished; returns the finished job. */
    public static JsonNode importAndWait(Http client, String csv, Map<String, String> fields) {
        Http.Response accepted = upload(client, csv, fields);
        if (accepted.status() != 202) {
            throw new AssertionError("upload refused: " + accepted);
        }
        return waitFor(client, accepted.json().get("id").asString(), Duration.ofSeconds(30));
    }

    public static JsonNode waitFor(Http client, String jobId, Duration atMost) {
        return await().atMost(atMost).pollInterval(Duration.ofMillis(100))
                .until(() -> client.get("/api/v1/leads/imports/" + jobId).json(),
                        job -> !job.get("status").asString().equals("QUEUED") && !job.get("status").asString().equals("RUNNING"));
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
