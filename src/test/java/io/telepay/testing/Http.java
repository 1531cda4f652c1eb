package io.telepay.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for system tests: JSON in, {@link Response} out, an optional bearer key and a
 * cookie jar for console sessions. Plain java.net.http so the tests see exactly what a client sees.
 */
public class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final HttpClient client;
    private final String bearer;
    private final Map<String, String> extraHeaders = new LinkedHashMap<>();
    private boolean idempotencyKeyForMoney = true;

    /**
     * The API refuses what moves money without an {@code Idempotency-Key}; this client sends a fresh one on such
     * a POST unless the test set its own — or asked for none with {@link #withoutIdempotencyKey()}, to test that.
     */
    private static final java.util.regex.Pattern MONEY = java.util.regex.Pattern.compile(
            "/api/v1/(orders/[^/]+/payment-sessions|payments/[^/]+/(capture|void|release|refunds|chargebacks)|refunds/[^/]+/approve)");

    public Http(String base, String bearer) {
        this(base, bearer, HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build());
    }

    /** With a client of the test's own making, e.g. one bound to another loopback address. */
    public Http(String base, String bearer, HttpClient client) {
        this.base = base;
        this.bearer = bearer;
        this.client = client;
    }

    public Http as(String key) {
        return new Http(base, key, client);
    }

    public Http header(String name, String value) {
        Http copy = new Http(base, bearer, client);
        copy.extraHeaders.putAll(extraHeaders);
        copy.extraHeaders.put(name, value);
        copy.idempotencyKeyForMoney = idempotencyKeyForMoney;
        return copy;
    }

    /** A copy that never adds an {@code Idempotency-Key} of its own. */
    public Http withoutIdempotencyKey() {
        Http copy = new Http(base, bearer, client);
        copy.extraHeaders.putAll(extraHeaders);
        copy.idempotencyKeyForMoney = false;
        return copy;
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response get(String path, String accept) {
        return send(request(path).header("Accept", accept).GET());
    }

    /** GET answered as bytes (a zip, an evidence file), with this client's key and cookies. */
    public HttpResponse<byte[]> bytes(String path) {
        try {
            return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body))));
    }

    public Response put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body))));
    }

    public Response patch(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body))));
    }

    public Response postRaw(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response postForm(String path, Map<String, String> form) {
        String encoded = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded)));
    }

    public Response method(String method, String path) {
        return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    public Response send(HttpRequest.Builder builder) {
        try {
            HttpRequest request = builder.build();
            if (idempotencyKeyForMoney && "POST".equals(request.method()) && MONEY.matcher(request.uri().getPath()).matches()
                    && request.headers().firstValue("Idempotency-Key").isEmpty()) {
                request = HttpRequest.newBuilder(request, (name, value) -> true)
                        .header("Idempotency-Key", java.util.UUID.randomUUID().toString()).build();
            }
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        extraHeaders.forEach(builder::header);
        return builder;
    }

    public record Response(int status, Map<String, java.util.List<String>> headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
