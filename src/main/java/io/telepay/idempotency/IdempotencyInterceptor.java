package io.telepay.idempotency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.telepay.shared.Actor;
import io.telepay.shared.Actors;
import io.telepay.shared.AppKeys;
import io.telepay.shared.InvalidInput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;

/**
 * Runs {@link Idempotent} handlers at most once per caller and key: claims the key before the
 * handler, keeps its response after it, and answers a retry from what was kept.
 */
@Component
class IdempotencyInterceptor implements HandlerInterceptor {

    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final String CLAIM = IdempotencyInterceptor.class.getName() + ".claim";
    private static final String ANONYMOUS = "anonymous";
    private static final Logger log = LoggerFactory.getLogger(IdempotencyInterceptor.class);

    private final IdempotencyKeys keys;
    private final byte[] hashKey;

    IdempotencyInterceptor(IdempotencyKeys keys, AppKeys appKeys) {
        this.keys = keys;
        // keyed, so a stored hash of a body that held card data cannot be brute-forced back to it
        this.hashKey = appKeys.derive("idempotency-request-hash");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        String key = IdempotencyFilter.key(request);
        if (!(handler instanceof HandlerMethod method) || !method.hasMethodAnnotation(Idempotent.class)) {
            return true;
        }
        if (key == null) {
            if (method.getMethodAnnotation(Idempotent.class).required()) {
                throw new InvalidInput(IdempotencyFilter.HEADER,
                        "header is required: a unique key for this operation, sent again only to retry it");
            }
            return true;
        }
        if (!validKey(key)) {
            throw new InvalidInput(IdempotencyFilter.HEADER, "must be 1 to 255 printable ASCII characters");
        }
        var cached = WebUtils.getNativeRequest(request, IdempotencyFilter.CachedBodyRequest.class);
        if (cached == null) {
            throw new IllegalStateException("IdempotencyFilter did not wrap a request with " + IdempotencyFilter.HEADER);
        }
        String bodyHash;
        try {
            bodyHash = bodyHash(request, cached);
        } catch (IOException unreadable) {
            return true; // nothing can happen without a body: the handler meets the same failure and answers it
        }
        String caller = Actors.find().map(Actor::id).orElse(ANONYMOUS);
        String path = request.getQueryString() == null ? request.getRequestURI() : request.getRequestURI() + "?" + request.getQueryString();
        if (caller.equals(ANONYMOUS)) {
            // an unauthenticated path holds its own capability (a pay link's token): keep only a keyed hash of it
            Mac mac = mac();
            path = "hmac:" + HexFormat.of().formatHex(mac.doFinal(path.getBytes(StandardCharsets.UTF_8)));
        }
        var claim = keys.claim(new IdempotencyKeys.Request(caller, key, request.getMethod(), path, bodyHash));
        return switch (claim) {
            case IdempotencyKeys.Claim.Claimed claimed -> {
                request.setAttribute(CLAIM, claimed);
                yield true;
            }
            case IdempotencyKeys.Claim.Replay replay -> {
                replay(replay.response(), response);
                yield false;
            }
            case IdempotencyKeys.Claim.InProgress ignored -> {
                response.setHeader("Retry-After", "1");
                throw new IdempotencyKeyInProgress();
            }
            case IdempotencyKeys.Claim.Reused ignored -> throw new IdempotencyKeyReused();
        };
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (!(request.getAttribute(CLAIM) instanceof IdempotencyKeys.Claim.Claimed claimed)) {
            return;
        }
        request.removeAttribute(CLAIM);
        var caching = WebUtils.getNativeResponse(response, ContentCachingResponseWrapper.class);
        int status = response.getStatus();
        try {
            if (ex != null || status >= 500 || caching == null) {
                // our failure, not the client's: give the key back so the retry runs again
                keys.release(claimed);
            } else {
                keys.complete(claimed, status, response.getContentType(), response.getHeader("Location"),
                        caching.getContentAsByteArray());
            }
        } catch (RuntimeException e) {
            // the response stands; a retry meets "in progress" until the key expires, never a second effect
            log.error("could not record the response of an idempotent request", e);
        }
    }

    private static void replay(StoredResponse stored, HttpServletResponse response) throws IOException {
        response.setStatus(stored.status());
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        if (stored.location() != null) {
            response.setHeader("Location", stored.location());
        }
        response.setHeader(REPLAYED_HEADER, "true");
        response.getOutputStream().write(stored.body());
    }

    static boolean validKey(String key) {
        if (key.isEmpty() || key.length() > 255 || key.isBlank()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private String bodyHash(HttpServletRequest request, IdempotencyFilter.CachedBodyRequest cached) throws IOException {
        Mac mac = mac();
        String contentType = request.getContentType();
        if (contentType != null && MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(contentType))) {
            // the container parses a form from its own stream; hash the parsed form and leave the stream to it
            Map<String, String[]> form = new TreeMap<>(request.getParameterMap());
            form.forEach((name, values) -> {
                mac.update(name.getBytes(StandardCharsets.UTF_8));
                for (String value : values) {
                    mac.update((byte) 0);
                    mac.update(value.getBytes(StandardCharsets.UTF_8));
                }
                mac.update((byte) '\n');
            });
        } else {
            mac.update(cached.body());
        }
        return HexFormat.of().formatHex(mac.doFinal());
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hashKey, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
