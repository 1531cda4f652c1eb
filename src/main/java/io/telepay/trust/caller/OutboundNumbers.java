package io.telepay.trust.caller;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import java.util.Map;

import io.telepay.audit.AuditTrail;
import io.telepay.customer.PhoneNumbers;
import io.telepay.shared.Actors;
import io.telepay.shared.Checks;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.NotFound;
import io.telepay.shared.Page;
import io.telepay.shared.StateConflict;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The numbers the company calls from, as administrators register them. A consumer who was called
 * from one of them hears "yes, that is us"; from any other, "no".
 */
@Service
public class OutboundNumbers {

    private static final String COLUMNS = "id, phone, label, created_by, created_at";

    private final JdbcClient jdbc;
    private final PhoneNumbers phones;
    private final AuditTrail audit;
    private final Clock clock;

    OutboundNumbers(JdbcClient jdbc, PhoneNumbers phones, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.phones = phones;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @throws InvalidInput  naming {@code phone} or {@code label}
     * @throws StateConflict when the number is registered already
     */
    @Transactional
    public OutboundNumber register(String phone, String label) {
        Checks.start().text("label", label, 200).orThrow();
        String e164 = phones.normalize(phone, "phone");
        if (registered(e164)) {
            throw new StateConflict("the number " + e164 + " is registered already");
        }
        String id = Ids.next("obn_");
        try {
            jdbc.sql("""
                    insert into trust_outbound_number (id, phone, active_phone, label, created_by, created_at)
                    values (:id, :phone, :phone, :label, :by, :now)""")
                    .param("id", id).param("phone", e164).param("label", label.strip())
                    .param("by", Actors.currentOrSystem().id()).param("now", Db.ts(clock.instant())).update();
        } catch (DuplicateKeyException race) {
            throw new StateConflict("the number " + e164 + " is registered already");
        }
        audit.record("trust.outbound-number.registered", id, Map.of("phone", e164, "label", label.strip()));
        return get(id);
    }

    @Transactional
    OutboundNumber relabel(String id, String label) {
        Checks.start().text("label", label, 200).orThrow();
        get(id);
        jdbc.sql("update trust_outbound_number set label = :label where id = :id and removed_at is null")
                .param("label", label.strip()).param("id", id).update();
        audit.record("trust.outbound-number.relabelled", id, Map.of("label", label.strip()));
        return get(id);
    }

    @Transactional
    public void remove(String id) {
        OutboundNumber number = get(id);
        jdbc.sql("""
                update trust_outbound_number set active_phone = null, removed_by = :by, removed_at = :now
                where id = :id and removed_at is null""")
                .param("by", Actors.currentOrSystem().id()).param("now", Db.ts(clock.instant())).param("id", id).update();
        audit.record("trust.outbound-number.removed", id, Map.of("phone", number.phone()));
    }

    /** @throws NotFound when unknown or removed */
    public OutboundNumber get(String id) {
        return jdbc.sql("select " + COLUMNS + " from trust_outbound_number where id = :id and removed_at is null")
                .param("id", id).query(OutboundNumbers::map).optional().orElseThrow(() -> new NotFound("outbound number", id));
    }

    /** Registered numbers, newest first; {@code cursor} is the id of the last one of the previous page. */
    public Page<OutboundNumber> list(String cursor, int limit) {
        List<OutboundNumber> rows = jdbc.sql("select " + COLUMNS + """
                 from trust_outbound_number
                where removed_at is null
                  and (cast(:cursor as varchar) is null
                       or created_at < (select created_at from trust_outbound_number where id = :cursor)
                       or (created_at = (select created_at from trust_outbound_number where id = :cursor) and id < :cursor))
                order by created_at desc, id desc limit :limit""")
                .param("cursor", cursor).param("limit", limit + 1).query(OutboundNumbers::map).list();
        boolean more = rows.size() > limit;
        List<OutboundNumber> page = more ? rows.subList(0, limit) : rows;
        return new Page<>(List.copyOf(page), more ? page.getLast().id() : null);
    }

    /**
     * The numbers the company calls from, as a phone shows them: national format for the company's own region
     * ({@code 02 2345 6789}), international for the others. At most {@code limit}.
     */
    public List<String> shown(int limit) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        return jdbc.sql("select active_phone from trust_outbound_number where active_phone is not null order by active_phone limit :limit")
                .param("limit", limit).query(String.class).list().stream().map(e164 -> {
                    try {
                        var number = util.parse(e164, null);
                        boolean home = phones.defaultRegion().equals(util.getRegionCodeForNumber(number));
                        return util.format(number, home ? PhoneNumberFormat.NATIONAL : PhoneNumberFormat.INTERNATIONAL);
                    } catch (NumberParseException stored) {
                        return e164;
                    }
                }).toList();
    }

    /** Whether the E.164 number is one the company calls from. */
    boolean registered(String e164) {
        return jdbc.sql("select count(*) from trust_outbound_number where active_phone = :phone")
                .param("phone", e164).query(Long.class).single() > 0;
    }

    private static OutboundNumber map(ResultSet rs, int row) throws SQLException {
        return new OutboundNumber(rs.getString("id"), rs.getString("phone"), rs.getString("label"),
                rs.getString("created_by"), Db.instant(rs, "created_at"));
    }
}
