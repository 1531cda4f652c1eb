package io.telepay.notify.webhook;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import com.google.crypto.tink.subtle.AesGcmJce;
import io.telepay.audit.AuditTrail;
import io.telepay.shared.AppKeys;
import io.telepay.shared.Checks;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.NotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registered webhook receivers: their URL, the event types they take and their signing secret, which is
 * stored AES-GCM encrypted under a key derived from the application key (associated data: the endpoint
 * id, so a secret copied onto another row does not open). A rotated secret keeps signing beside the new
 * one for an overlap, then stops.
 */
@Service
public class WebhookEndpoints {

    static final int MAX_EVENT_TYPES = 50;
    static final Duration MAX_OVERLAP = Duration.ofDays(7);

    private final JdbcClient jdbc;
    private final AesGcmJce cipher;
    private final UrlGuard urls;
    private final EventTypes eventTypes;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration defaultOverlap;
    private final SecureRandom random = new SecureRandom();

    WebhookEndpoints(JdbcClient jdbc, AppKeys keys, UrlGuard urls, EventTypes eventTypes, AuditTrail audit, Clock clock,
                     WebhookSettings settings) throws GeneralSecurityException {
        this.jdbc = jdbc;
        this.cipher = new AesGcmJce(keys.derive("webhook-secrets"));
        this.urls = urls;
        this.eventTypes = eventTypes;
        this.audit = audit;
        this.clock = clock;
        this.defaultOverlap = settings.rotationOverlap();
    }

    /** What an endpoint needs to be sent to: its URL and the secrets that sign now, the current one first. */
    record Target(String id, URI url, List<SigningSecret> secrets) {
    }

    @Transactional
    public CreatedEndpoint create(String url, List<String> events) {
        Checks checks = Checks.start();
        URI uri = checkUrl(checks, url);
        List<String> types = checkEvents(checks, events, true);
        checks.orThrow();
        String id = Ids.next("whk_");
        SigningSecret secret = SigningSecret.generate(random);
        Instant now = now();
        jdbc.sql("""
                insert into webhook_endpoint (id, url, enabled, secret, created_at, updated_at)
                values (:id, :url, true, :secret, :now, :now)""")
                .param("id", id).param("url", uri.toString()).param("secret", encrypt(id, secret))
                .param("now", Db.ts(now)).update();
        subscribe(id, types);
        audit.record("webhook-endpoint.created", id, Map.of("url", redacted(uri), "events", types));
        return new CreatedEndpoint(id, uri.toString(), types, true, now, secret.value());
    }

    /** Oldest first; {@code after} is the id of the last endpoint of the previous page. */
    public List<WebhookEndpoint> list(String after, int limit) {
        List<WebhookEndpoint> page = jdbc.sql("""
                select id, url, enabled, disabled_reason, created_at, updated_at, previous_secret_expires_at
                from webhook_endpoint
                where deleted_at is null
                  and (cast(:after as varchar) is null
                       or created_at > (select created_at from webhook_endpoint where id = :after)
                       or (created_at = (select created_at from webhook_endpoint where id = :after) and id > :after))
                order by created_at, id limit :limit""")
                .param("after", after).param("limit", limit)
                .query(this::row).list();
        return withEvents(page);
    }

    /** @throws NotFound when unknown or deleted */
    public WebhookEndpoint get(String id) {
        return find(id).orElseThrow(() -> new NotFound("webhook endpoint", id));
    }

    private Optional<WebhookEndpoint> find(String id) {
        return jdbc.sql("""
                select id, url, enabled, disabled_reason, created_at, updated_at, previous_secret_expires_at
                from webhook_endpoint where id = :id and deleted_at is null""")
                .param("id", id).query(this::row).optional()
                .map(endpoint -> withEvents(List.of(endpoint)).getFirst());
    }

    /** Changes what is given (a null leaves it); enabling clears the reason it was disabled. */
    @Transactional
    public WebhookEndpoint change(String id, String url, List<String> events, Boolean enabled) {
        WebhookEndpoint before = lock(id);
        Checks checks = Checks.start();
        URI uri = url == null ? null : checkUrl(checks, url);
        List<String> types = events == null ? null : checkEvents(checks, events, true);
        checks.orThrow();
        Map<String, Object> details = new LinkedHashMap<>();
        if (uri != null) {
            jdbc.sql("update webhook_endpoint set url = :url where id = :id").param("url", uri.toString()).param("id", id).update();
            details.put("url", redacted(uri));
        }
        if (types != null) {
            jdbc.sql("delete from webhook_subscription where endpoint_id = :id").param("id", id).update();
            subscribe(id, types);
            details.put("events", types);
        }
        if (enabled != null && enabled != before.enabled()) {
            jdbc.sql("update webhook_endpoint set enabled = :enabled, disabled_reason = :reason where id = :id")
                    .param("enabled", enabled).param("reason", enabled ? null : "disabled by an administrator")
                    .param("id", id).update();
            details.put("enabled", enabled);
        }
        jdbc.sql("update webhook_endpoint set updated_at = :now where id = :id").param("now", Db.ts(now())).param("id", id).update();
        audit.record("webhook-endpoint.changed", id, details);
        return get(id);
    }

    /** Removes the endpoint: nothing more is delivered to it, and it is gone from the API. */
    @Transactional
    public void delete(String id) {
        lock(id);
        jdbc.sql("delete from webhook_subscription where endpoint_id = :id").param("id", id).update();
        jdbc.sql("update webhook_endpoint set deleted_at = :now, enabled = false, disabled_reason = 'deleted' where id = :id")
                .param("now", Db.ts(now())).param("id", id).update();
        audit.record("webhook-endpoint.deleted", id, Map.of());
    }

    /**
     * A new current secret; the current one becomes the previous one and keeps signing for {@code overlap}
     * (null: the configured default). A secret that was still in its overlap stops at once.
     */
    @Transactional
    public RotatedSecret rotateSecret(String id, Duration overlap) {
        lock(id);
        Duration window = overlap == null ? defaultOverlap : overlap;
        if (window.isNegative() || window.compareTo(MAX_OVERLAP) > 0) {
            throw new InvalidInput("overlap", "must be between PT0S and " + MAX_OVERLAP);
        }
        String currentEncrypted = jdbc.sql("select secret from webhook_endpoint where id = :id").param("id", id)
                .query(String.class).single();
        // a secret that no longer opens (the application key changed) is not carried over: it signs nothing
        String previous = readable(id, currentEncrypted) ? currentEncrypted : null;
        SigningSecret next = SigningSecret.generate(random);
        Instant now = now();
        Instant expires = now.plus(window);
        jdbc.sql("""
                update webhook_endpoint set secret = :secret, previous_secret = :previous, previous_secret_expires_at = :expires,
                       updated_at = :now where id = :id""")
                .param("secret", encrypt(id, next)).param("previous", previous).param("expires", Db.ts(previous == null ? null : expires))
                .param("now", Db.ts(now)).param("id", id).update();
        audit.record("webhook-endpoint.secret-rotated", id, Map.of("overlap", window.toString()));
        return new RotatedSecret(id, next.value(), previous == null ? null : expires);
    }

    /** Disables an endpoint whose receiver answered 410 Gone: it asked for nothing more. */
    @Transactional
    void disableGone(String id) {
        int changed = jdbc.sql("""
                update webhook_endpoint set enabled = false, disabled_reason = :reason, updated_at = :now
                where id = :id and enabled = true""")
                .param("reason", "the receiver answered 410 Gone").param("now", Db.ts(now())).param("id", id).update();
        if (changed > 0) {
            audit.record("webhook-endpoint.disabled", id, Map.of("reason", "410 Gone"));
        }
    }

    /** The endpoint as deliveries see it, or empty when it is disabled or deleted. */
    Optional<Target> target(String id, Instant at) {
        return jdbc.sql("""
                select url, secret, previous_secret, previous_secret_expires_at from webhook_endpoint
                where id = :id and enabled = true and deleted_at is null""")
                .param("id", id)
                .query((rs, n) -> {
                    List<SigningSecret> secrets = new ArrayList<>(2);
                    secrets.add(decrypt(id, rs.getString("secret")));
                    Instant previousExpires = Db.instant(rs, "previous_secret_expires_at");
                    if (rs.getString("previous_secret") != null && previousExpires != null && at.isBefore(previousExpires)) {
                        secrets.add(decrypt(id, rs.getString("previous_secret")));
                    }
                    return new Target(id, URI.create(rs.getString("url")), secrets);
                })
                .optional();
    }

    EventTypes eventTypes() {
        return eventTypes;
    }

    /** The event types an endpoint may subscribe to, sorted. */
    public List<String> subscribableTypes() {
        return List.copyOf(eventTypes.all());
    }

    private WebhookEndpoint lock(String id) {
        boolean exists = jdbc.sql("select id from webhook_endpoint where id = :id and deleted_at is null for update")
                .param("id", id).query(String.class).optional().isPresent();
        if (!exists) {
            throw new NotFound("webhook endpoint", id);
        }
        return get(id);
    }

    private URI checkUrl(Checks checks, String url) {
        try {
            return urls.validate("url", url);
        } catch (InvalidInput e) {
            e.errors().forEach(error -> checks.fail(error.field(), error.message()));
            return null;
        }
    }

    private List<String> checkEvents(Checks checks, List<String> events, boolean required) {
        if (events == null || events.isEmpty()) {
            if (required) {
                checks.fail("events", "must name at least one event type, e.g. " + eventTypes.all().getFirst());
            }
            return List.of();
        }
        if (events.size() > MAX_EVENT_TYPES) {
            checks.fail("events", "must name at most " + MAX_EVENT_TYPES + " event types");
            return List.of();
        }
        TreeSet<String> types = new TreeSet<>();
        for (int i = 0; i < events.size(); i++) {
            String type = events.get(i);
            if (type == null || !eventTypes.contains(type.strip())) {
                checks.fail("events[" + i + "]", "is not a known event type; known: " + String.join(", ", eventTypes.all()));
            } else {
                types.add(type.strip());
            }
        }
        return List.copyOf(types);
    }

    private void subscribe(String id, List<String> types) {
        for (String type : types) {
            jdbc.sql("insert into webhook_subscription (endpoint_id, event_type) values (:id, :type)")
                    .param("id", id).param("type", type).update();
        }
    }

    private List<WebhookEndpoint> withEvents(List<WebhookEndpoint> endpoints) {
        if (endpoints.isEmpty()) {
            return endpoints;
        }
        Map<String, List<String>> types = new LinkedHashMap<>();
        jdbc.sql("select endpoint_id, event_type from webhook_subscription where endpoint_id in (:ids) order by event_type")
                .param("ids", endpoints.stream().map(WebhookEndpoint::id).toList())
                .query((rs, n) -> types.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)))
                .list();
        return endpoints.stream().map(e -> new WebhookEndpoint(e.id(), e.url(), List.copyOf(types.getOrDefault(e.id(), List.of())),
                e.enabled(), e.disabledReason(), e.createdAt(), e.updatedAt(), e.previousSecretExpiresAt())).toList();
    }

    private WebhookEndpoint row(ResultSet rs, int n) throws SQLException {
        Instant previousExpires = Db.instant(rs, "previous_secret_expires_at");
        return new WebhookEndpoint(rs.getString("id"), rs.getString("url"), List.of(), rs.getBoolean("enabled"),
                rs.getString("disabled_reason"), Db.instant(rs, "created_at"), Db.instant(rs, "updated_at"),
                previousExpires != null && now().isBefore(previousExpires) ? previousExpires : null);
    }

    private String encrypt(String endpointId, SigningSecret secret) {
        try {
            return Base64.getEncoder().encodeToString(cipher.encrypt(secret.value().getBytes(StandardCharsets.UTF_8),
                    endpointId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a webhook secret", e);
        }
    }

    private boolean readable(String endpointId, String stored) {
        try {
            decrypt(endpointId, stored);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private SigningSecret decrypt(String endpointId, String stored) {
        try {
            return new SigningSecret(new String(cipher.decrypt(Base64.getDecoder().decode(stored),
                    endpointId.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            // a changed application key: rotating the secret gives the endpoint one that opens again
            throw new IllegalStateException("the signing secret of " + endpointId + " cannot be decrypted; "
                    + "was TELEPAY_APP_KEY changed?", e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Scheme, host, port and path: a query string may carry a receiver's token, which the audit log need not keep. */
    private static String redacted(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
