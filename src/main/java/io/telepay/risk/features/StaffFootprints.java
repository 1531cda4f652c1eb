package io.telepay.risk.features;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import io.telepay.customer.CustomerPhoneChanged;
import io.telepay.identity.StaffSeen;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Risk's copy of where staff work from and of customers' phone changes (issue 17, the harvesting hole): an agent
 * who changes the customer's phone to their own, sends the link and types a card read to them into the pay page
 * leaves both traces.
 *
 * <p>Addresses are kept with their network (/24 for IPv4, /48 for IPv6); loopback, private, link-local and
 * unique-local addresses are not kept nor matched: they say where a proxy stands, not a person (behind a load
 * balancer, set {@code TELEPAY_FORWARD_HEADERS} so the server sees clients' addresses). Footprints not seen for
 * {@code telepay.risk.staff-footprint-retention} (30 days by default) are deleted.
 */
@Component
public class StaffFootprints {

    private static final Logger log = LoggerFactory.getLogger(StaffFootprints.class);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration retention;
    private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.EPOCH);

    StaffFootprints(JdbcClient jdbc, Clock clock,
                    @Value("${telepay.risk.staff-footprint-retention:P30D}") Duration retention) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
    }

    /** What a pay page's origin shares with staff, as of a moment. */
    public record Match(boolean device, boolean address, boolean network, Set<String> staff) {
        static final Match NONE = new Match(false, false, false, Set.of());
    }

    @EventListener
    void on(StaffSeen seen) {
        try {
            Instant at = seen.at();
            String address = publicAddress(seen.address());
            if (address != null) {
                record("IP", address, seen.staffId(), at);
                record("NET", network(address), seen.staffId(), at);
            }
            if (seen.deviceId() != null) {
                record("DEVICE", seen.deviceId(), seen.staffId(), at);
            }
            purgeNowAndThen(at);
        } catch (RuntimeException e) {
            // a footprint lost is a signal weaker, never a staff request refused
            log.warn("staff footprint not recorded: {}", e.toString());
        }
    }

    @EventListener
    void on(CustomerPhoneChanged changed) {
        jdbc.sql("insert into risk_phone_change (id, customer_id, phone, changed_by, at) values (:id, :customer, :phone, :by, :at)")
                .param("id", Ids.next("rpc_")).param("customer", changed.customerId()).param("phone", changed.phone())
                .param("by", changed.changedBy()).param("at", Db.ts(changed.at())).update();
    }

    private void record(String kind, String item, String staffId, Instant at) {
        int updated = jdbc.sql("update risk_staff_footprint set last_seen = :at where kind = :kind and item = :item and staff_id = :staff")
                .param("at", Db.ts(at)).param("kind", kind).param("item", item).param("staff", staffId).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into risk_staff_footprint (kind, item, staff_id, first_seen, last_seen)
                    values (:kind, :item, :staff, :at, :at) on conflict do nothing""")
                    .param("kind", kind).param("item", item).param("staff", staffId).param("at", Db.ts(at)).update();
        }
    }

    private void purgeNowAndThen(Instant now) {
        Instant last = lastPurge.get();
        if (last.plus(PURGE_EVERY).isBefore(now) && lastPurge.compareAndSet(last, now)) {
            jdbc.sql("delete from risk_staff_footprint where last_seen < :cutoff").param("cutoff", Db.ts(now.minus(retention))).update();
        }
    }

    /** The staff whose device, address or network the pay page was opened from, as of {@code asOf}. */
    public Match match(String ip, String device, Instant asOf) {
        String address = publicAddress(ip);
        if (address == null && device == null) {
            return Match.NONE;
        }
        record Row(String kind, String staffId) {
        }
        List<Row> rows = jdbc.sql("""
                select kind, staff_id from risk_staff_footprint
                where first_seen <= :asOf and last_seen > :cutoff
                  and ((kind = 'IP' and item = :ip) or (kind = 'NET' and item = :net) or (kind = 'DEVICE' and item = :device))""")
                .params(Map.of("asOf", Db.ts(asOf), "cutoff", Db.ts(asOf.minus(retention)),
                        "ip", address == null ? "-" : address, "net", address == null ? "-" : network(address),
                        "device", device == null ? "-" : device))
                .query(Row.class).list();
        if (rows.isEmpty()) {
            return Match.NONE;
        }
        Set<String> staff = new LinkedHashSet<>();
        boolean byDevice = false;
        boolean byAddress = false;
        boolean byNetwork = false;
        for (Row row : rows) {
            staff.add(row.staffId());
            switch (row.kind()) {
                case "DEVICE" -> byDevice = true;
                case "IP" -> byAddress = true;
                default -> byNetwork = true;
            }
        }
        return new Match(byDevice, byAddress, byNetwork, staff);
    }

    /** A phone change to the number a pay link went to, before the link was sent: who and how long before. */
    public record PhoneChange(String changedBy, Duration beforeLink) {
    }

    /** The latest change of the customer's phone to {@code sentTo} before the order's pay link was sent, if any. */
    public PhoneChange phoneChangeBeforeLink(String orderId, String customerId, String sentTo, Instant asOf) {
        if (orderId == null || customerId == null || sentTo == null) {
            return null;
        }
        record Row(String changedBy, java.time.OffsetDateTime changedAt, java.time.OffsetDateTime openedAt) {
        }
        List<Row> rows = new ArrayList<>(jdbc.sql("""
                select c.changed_by, c.at as changed_at, s.opened_at from risk_session s
                join risk_phone_change c on c.customer_id = s.customer_id and c.phone = :phone and c.at <= s.opened_at
                where s.order_id = :order and s.customer_id = :customer and s.opened_at <= :asOf""")
                .param("phone", sentTo).param("order", orderId).param("customer", customerId).param("asOf", Db.ts(asOf))
                .query(Row.class).list());
        Row latest = null;
        for (Row row : rows) {
            if (latest == null || row.openedAt().isAfter(latest.openedAt())
                    || (row.openedAt().isEqual(latest.openedAt()) && row.changedAt().isAfter(latest.changedAt()))) {
                latest = row;
            }
        }
        return latest == null ? null : new PhoneChange(latest.changedBy(), Duration.between(latest.changedAt(), latest.openedAt()));
    }

    /** The address in canonical form, or null for none, an unparsable one or one that names no person's network. */
    static String publicAddress(String ip) {
        if (ip == null || ip.isBlank() || !ip.strip().matches("[0-9A-Fa-f:.]{2,45}")) {
            return null;
        }
        try {
            InetAddress address = InetAddress.getByName(ip.strip()); // a literal: no lookup
            if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                    || address.isAnyLocalAddress() || (address instanceof Inet6Address && (address.getAddress()[0] & 0xFE) == 0xFC)) {
                return null;
            }
            return address.getHostAddress().toLowerCase(java.util.Locale.ROOT);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The /24 of an IPv4 address, the /48 of an IPv6 one. */
    static String network(String canonical) {
        try {
            byte[] bytes = InetAddress.getByName(canonical).getAddress();
            if (bytes.length == 4) {
                return (bytes[0] & 0xFF) + "." + (bytes[1] & 0xFF) + "." + (bytes[2] & 0xFF) + ".0/24";
            }
            return String.format("%x:%x:%x::/48", ((bytes[0] & 0xFF) << 8) | (bytes[1] & 0xFF),
                    ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF), ((bytes[4] & 0xFF) << 8) | (bytes[5] & 0xFF));
        } catch (UnknownHostException e) {
            return canonical;
        }
    }
}
