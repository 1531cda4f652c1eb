package io.telepay.notify.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs one delivery to a receiver. Redirects are not followed (a receiver could point one at an internal
 * address), the answer's body is not read, and both the connection and the wait for the answer's status
 * are bounded by the timeout.
 */
class WebhookSender {

    private final HttpClient client;
    private final Duration timeout;

    WebhookSender(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * What came of one request. {@code statusCode} is null when no answer came; then {@code error} says why.
     * A failure is retried unless the receiver answered 410 Gone or the delivery could not go out at all.
     */
    record Outcome(Integer statusCode, String error, long durationMs, boolean retryable) {

        Outcome(Integer statusCode, String error, long durationMs) {
            this(statusCode, error, durationMs, statusCode == null || statusCode != 410);
        }

        boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }

        boolean gone() {
            return statusCode != null && statusCode == 410;
        }

        /** Not sent, and not to be tried again (the endpoint is disabled). */
        static Outcome abandoned(String why) {
            return new Outcome(null, why, 0, false);
        }

        /** Not sent this time; the next attempt may go out. */
        static Outcome notSent(String why) {
            return new Outcome(null, why, 0, true);
        }
    }

    Outcome send(URI url, Map<String, String> headers, String body) {
        long started = System.nanoTime();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            headers.forEach(request::header);
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream ignored = response.body()) {
                int status = response.statusCode();
                return new Outcome(status, status >= 200 && status < 300 ? null : "the receiver answered " + status,
                        elapsed(started));
            }
        } catch (HttpConnectTimeoutException e) {
            return new Outcome(null, "no connection within " + seconds() + " (connect timeout)", elapsed(started));
        } catch (HttpTimeoutException e) {
            return new Outcome(null, "no answer within " + seconds() + " (read timeout)", elapsed(started));
        } catch (ConnectException e) {
            return new Outcome(null, "connection refused or unreachable", elapsed(started));
        } catch (IOException e) {
            return new Outcome(null, "I/O error: " + e.getClass().getSimpleName(), elapsed(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted (the instance is stopping)", elapsed(started));
        } catch (IllegalArgumentException e) {
            return new Outcome(null, "the URL cannot be requested", elapsed(started));
        }
    }

    private String seconds() {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
