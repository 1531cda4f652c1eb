package io.telepay.idempotency;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import io.telepay.shared.Db;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The claimed keys and their first responses, one row per caller and key. Every write commits on
 * its own, outside the handler's transaction: the claim must be visible to every server instance
 * before the handler starts, and must survive the handler's rollback.
 */
@Component
class IdempotencyKeys {

    static final Duration RETENTION = Duration.ofHours(24);

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private final boolean postgres;

    IdempotencyKeys(JdbcClient jdbc, JsonMapper json, Clock clock, PlatformTransactionManager transactions, DataSource dataSource) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.postgres = isPostgres(dataSource);
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell which database this is", e);
        }
    }

    /**
     * Runs one statement in a transaction of its own that commits without waiting for the disk on
     * PostgreSQL. Safe: the commit is visible to every other session at once, and it reaches the
     * disk with the next durable commit — at the latest the handler's own, which is the effect. A
     * crash can only lose a claim whose handler committed nothing, or a completion, which leaves the
     * key "in progress" until it expires: never a second effect. It spares two disk flushes per request.
     */
    private <T> T quickly(java.util.function.Supplier<T> statement) {
        return ownTransaction.execute(status -> {
            if (postgres) {
                jdbc.sql("set local synchronous_commit to off").update();
            }
            return statement.get();
        });
    }

    /** A keyed request: who sent it, with which key, to what, with which body. */
    record Request(String caller, String key, String method, String path, String bodyHash) {
    }

    sealed interface Claim {
        /** This request holds the key: run the handler, then {@link #complete} or {@link #release}. */
        record Claimed(Request request, Instant at) implements Claim {
        }

        record Replay(StoredResponse response) implements Claim {
        }

        record InProgress() implements Claim {
        }

        record Reused() implements Claim {
        }
    }

    /**
     * Claims the key for this request, or says what became of the earlier request with it. Only one
     * insert for a (caller, key) can succeed, on one database shared by any number of instances.
     */
    Claim claim(Request request) {
        for (int attempt = 0; attempt < 3; attempt++) {
            // microseconds: what both databases keep, so the row is found again by its created_at
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            int inserted = quickly(() -> jdbc.sql("""
                    insert into idempotency_key (caller, idem_key, method, path, request_hash, created_at)
                    values (:caller, :key, :method, :path, :hash, :now)
                    on conflict do nothing""")
                    .param("caller", request.caller()).param("key", request.key()).param("method", request.method())
                    .param("path", request.path()).param("hash", request.bodyHash()).param("now", Db.ts(now))
                    .update());
            if (inserted == 1) {
                return new Claim.Claimed(request, now);
            }
            Optional<Row> existing = find(request.caller(), request.key());
            if (existing.isEmpty()) {
                continue; // released or purged between our insert and our read: try again
            }
            Row row = existing.get();
            if (row.createdAt().isBefore(now.minus(RETENTION))) {
                // expired but not yet purged: it is a new key now
                jdbc.sql("delete from idempotency_key where caller = :caller and idem_key = :key and created_at = :createdAt")
                        .param("caller", request.caller()).param("key", request.key()).param("createdAt", Db.ts(row.createdAt()))
                        .update();
                continue;
            }
            if (!row.method().equals(request.method()) || !row.path().equals(request.path())
                    || !row.requestHash().equals(request.bodyHash())) {
                return new Claim.Reused();
            }
            if (row.completedAt() == null) {
                return new Claim.InProgress();
            }
            return new Claim.Replay(response(row));
        }
        return new Claim.InProgress();
    }

    /** Keeps the first response for replay. */
    void complete(Claim.Claimed claim, int status, String contentType, String location, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        if (location != null) {
            headers.put("Location", location);
        }
        quickly(() -> jdbc.sql("""
                update idempotency_key set status = :status, response_headers = :headers, response_body = :body, completed_at = :now
                where caller = :caller and idem_key = :key and created_at = :createdAt""")
                .param("status", status).param("headers", json.writeValueAsString(headers)).param("body", body)
                .param("now", Db.ts(clock.instant()))
                .param("caller", claim.request().caller()).param("key", claim.request().key())
                .param("createdAt", Db.ts(claim.at()))
                .update());
    }

    /** Gives the key back after a failure on our side, so the client's retry runs again. */
    void release(Claim.Claimed claim) {
        quickly(() -> jdbc.sql("delete from idempotency_key where caller = :caller and idem_key = :key and created_at = :createdAt")
                .param("caller", claim.request().caller()).param("key", claim.request().key())
                .param("createdAt", Db.ts(claim.at()))
                .update());
    }

    /**
     * Deletes keys older than 24 hours. Safe on every instance at once: a delete of what is already
     * gone deletes nothing.
     */
    @Scheduled(fixedDelayString = "${telepay.idempotency.purge-every:PT1H}", initialDelayString = "PT1M")
    int purgeExpired() {
        int purged = jdbc.sql("delete from idempotency_key where created_at < :cutoff")
                .param("cutoff", Db.ts(clock.instant().minus(RETENTION)))
                .update();
        if (purged > 0) {
            log.info("purged {} idempotency keys older than {}", purged, RETENTION);
        }
        return purged;
    }

    private Optional<Row> find(String caller, String key) {
        return jdbc.sql("select * from idempotency_key where caller = :caller and idem_key = :key")
                .param("caller", caller).param("key", key)
                .query((rs, n) -> new Row(rs.getString("method"), rs.getString("path"), rs.getString("request_hash"),
                        rs.getInt("status"), rs.getString("response_headers"), rs.getBytes("response_body"),
                        Db.instant(rs, "created_at"), Db.instant(rs, "completed_at")))
                .optional();
    }

    private record Row(String method, String path, String requestHash, int status, String headers, byte[] body,
                       Instant createdAt, Instant completedAt) {
    }

    private StoredResponse response(Row row) {
        Map<String, String> headers = row.headers() == null ? Map.of() : json.readValue(row.headers(), HEADERS);
        return new StoredResponse(row.status(), headers.get("Content-Type"), headers.get("Location"),
                row.body() == null ? new byte[0] : row.body());
    }
}
