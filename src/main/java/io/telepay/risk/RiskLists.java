package io.telepay.risk;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.telepay.audit.AuditTrail;
import io.telepay.customer.PhoneNumbers;
import io.telepay.shared.Actors;
import io.telepay.shared.Checks;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.NotFound;
import io.telepay.shared.StateConflict;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Block and allow lists for cards (by fingerprint), phone numbers, e-mail addresses and IP addresses,
 * with a reason and an optional expiry. Values are normalized on the way in (E.164, lower-case), so
 * a listed number matches however it is typed.
 */
@Service
public class RiskLists {

    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:]{2,39}");

    private final JdbcClient jdbc;
    private final PhoneNumbers phones;
    private final AuditTrail audit;
    private final Clock clock;

    RiskLists(JdbcClient jdbc, PhoneNumbers phones, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.phones = phones;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public ListEntry add(ListKind kind, String value, RiskAction action, String reason, Instant expiresAt) {
        Checks checks = Checks.start().require("value", value).text("reason", reason, 500);
        if (action != null) {
            checks.check(action == RiskAction.BLOCK || action == RiskAction.ALLOW, "action", "must be BLOCK or ALLOW");
        }
        if (expiresAt != null) {
            checks.check(expiresAt.isAfter(clock.instant()), "expiresAt", "must be in the future");
        }
        checks.orThrow();
        String normalized = normalize(kind, value);
        RiskAction listAction = action == null ? RiskAction.BLOCK : action;
        if (active(kind, normalized).isPresent()) {
            throw new StateConflict("this " + kind.name().toLowerCase(Locale.ROOT) + " is already on a list; remove that entry first");
        }
        String id = Ids.next("lst_");
        jdbc.sql("""
                insert into risk_list_entry (id, kind, item, action, reason, expires_at, created_by, created_at)
                values (:id, :kind, :value, :action, :reason, :expires, :by, :now)""")
                .param("id", id).param("kind", kind.name()).param("value", normalized).param("action", listAction.name())
                .param("reason", reason.strip()).param("expires", Db.ts(expiresAt)).param("by", Actors.currentOrSystem().id())
                .param("now", Db.ts(clock.instant()))
                .update();
        audit.record("risk.list.added", id, Map.of("kind", kind.name(), "action", listAction.name(), "reason", reason.strip()));
        return get(id);
    }

    @Transactional
    public void remove(ListKind kind, String id) {
        ListEntry entry = get(id);
        if (entry.kind() != kind) {
            throw new NotFound("list entry", id);
        }
        jdbc.sql("update risk_list_entry set removed_at = :now, removed_by = :by where id = :id")
                .param("now", Db.ts(clock.instant())).param("by", Actors.currentOrSystem().id()).param("id", id).update();
        audit.record("risk.list.removed", id, Map.of("kind", kind.name()));
    }

    public ListEntry get(String id) {
        return jdbc.sql("select * from risk_list_entry where id = :id and removed_at is null").param("id", id)
                .query(RiskLists::map).optional().orElseThrow(() -> new NotFound("list entry", id));
    }

    /** Entries in force, newest first, after the given id (cursor). */
    public List<ListEntry> entries(ListKind kind, String after, int limit) {
        return jdbc.sql("""
                select * from risk_list_entry
                where kind = :kind and removed_at is null and (expires_at is null or expires_at > :now)
                  and (cast(:after as varchar) is null or id < :after)
                order by id desc limit :limit""")
                .param("kind", kind.name()).param("now", Db.ts(clock.instant())).param("after", after).param("limit", limit)
                .query(RiskLists::map).list();
    }

    /**
     * What a payment attempt can be blocked by, exactly as risk matched it against the lists: its card
     * (fingerprint), the customer's phone (E.164) and e-mail (lower-case), and the client's address. A kind
     * the attempt did not have is absent; empty for a payment risk never saw.
     */
    public Map<ListKind, String> blockable(String paymentId) {
        Map<ListKind, String> values = new java.util.EnumMap<>(ListKind.class);
        jdbc.sql("select card_fp, phone, email, ip from risk_attempt where payment_id = :id").param("id", paymentId)
                .query(rs -> {
                    putIfPresent(values, ListKind.CARD, rs.getString("card_fp"));
                    putIfPresent(values, ListKind.PHONE, rs.getString("phone"));
                    putIfPresent(values, ListKind.EMAIL, rs.getString("email"));
                    putIfPresent(values, ListKind.IP, rs.getString("ip"));
                });
        return values;
    }

    private static void putIfPresent(Map<ListKind, String> values, ListKind kind, String value) {
        if (value != null && !value.isBlank()) {
            values.put(kind, value);
        }
    }

    /** The entry in force for a value as typed or as stored, if any; empty for a value that is no valid one of its kind. */
    public Optional<ListEntry> inForce(ListKind kind, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return active(kind, normalize(kind, value));
        } catch (InvalidInput notOfThisKind) {
            return Optional.empty();
        }
    }

    /** The entry in force for this value, if any; {@code value} as stored (already normalized). */
    Optional<ListEntry> active(ListKind kind, String value) {
        if (value == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select * from risk_list_entry
                where kind = :kind and item = :value and removed_at is null and (expires_at is null or expires_at > :now)""")
                .param("kind", kind.name()).param("value", value).param("now", Db.ts(clock.instant()))
                .query(RiskLists::map).optional();
    }

    /** The entries in force for any of the given (kind, normalized value) pairs, in one indexed query. */
    List<ListEntry> matching(Map<ListKind, String> values) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new java.util.HashMap<>();
        values.forEach((kind, value) -> {
            if (value != null) {
                conditions.add("(kind = '" + kind.name() + "' and item = :" + kind.name() + ")");
                params.put(kind.name(), value);
            }
        });
        if (conditions.isEmpty()) {
            return List.of();
        }
        params.put("now", Db.ts(clock.instant()));
        return jdbc.sql("select * from risk_list_entry where (" + String.join(" or ", conditions)
                        + ") and removed_at is null and (expires_at is null or expires_at > :now)")
                .params(params).query(RiskLists::map).list();
    }

    String normalize(ListKind kind, String value) {
        String trimmed = value.strip();
        return switch (kind) {
            case CARD -> {
                String lower = trimmed.toLowerCase(Locale.ROOT);
                if (!FINGERPRINT.matcher(lower).matches()) {
                    throw new InvalidInput("value", "must be a card fingerprint (64 hex characters, as GET /payments/{id} shows it)");
                }
                yield lower;
            }
            case PHONE -> phones.normalize(trimmed, "value");
            case EMAIL -> {
                String lower = trimmed.toLowerCase(Locale.ROOT);
                if (lower.length() > 320 || !EMAIL.matcher(lower).matches()) {
                    throw new InvalidInput("value", "must be an e-mail address");
                }
                yield lower;
            }
            case IP -> {
                String lower = trimmed.toLowerCase(Locale.ROOT);
                if (!IPV4.matcher(lower).matches() && !(lower.contains(":") && IPV6.matcher(lower).matches())) {
                    throw new InvalidInput("value", "must be an IPv4 or IPv6 address");
                }
                yield lower;
            }
        };
    }

    private static ListEntry map(ResultSet rs, int row) throws SQLException {
        return new ListEntry(rs.getString("id"), ListKind.valueOf(rs.getString("kind")), rs.getString("item"),
                RiskAction.valueOf(rs.getString("action")), rs.getString("reason"), Db.instant(rs, "expires_at"),
                rs.getString("created_by"), Db.instant(rs, "created_at"));
    }
}
