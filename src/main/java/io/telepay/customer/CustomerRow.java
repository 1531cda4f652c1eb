package io.telepay.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import io.telepay.shared.Db;

/** A customer as stored, unmasked: never leaves the module. */
record CustomerRow(String id, String name, String phone, String email, String country, String ownerId,
                   Consent consent, boolean doNotCall, Instant doNotCallAt, String doNotCallReason, int orderCount,
                   Instant createdAt, Instant updatedAt, String language) {

    static final String COLUMNS = "c.id, c.name, c.phone, c.email, c.country, c.owner_id, c.marketing_consent, "
            + "c.consent_channel, c.consent_at, c.do_not_call, c.do_not_call_at, c.do_not_call_reason, c.order_count, "
            + "c.created_at, c.updated_at, c.language";

    static CustomerRow map(ResultSet rs, int row) throws SQLException {
        String channel = rs.getString("consent_channel");
        Consent consent = new Consent(rs.getBoolean("marketing_consent"),
                channel == null ? null : ConsentChannel.valueOf(channel), Db.instant(rs, "consent_at"));
        return new CustomerRow(rs.getString("id"), rs.getString("name"), rs.getString("phone"), rs.getString("email"),
                rs.getString("country"), rs.getString("owner_id"), consent, rs.getBoolean("do_not_call"),
                Db.instant(rs, "do_not_call_at"), rs.getString("do_not_call_reason"), rs.getInt("order_count"),
                Db.instant(rs, "created_at"), Db.instant(rs, "updated_at"), rs.getString("language"));
    }

    CustomerView view(boolean contactVisible) {
        return new CustomerView(id, name, contactVisible ? phone : PhoneNumbers.mask(phone),
                contactVisible ? email : Emails.mask(email), contactVisible, country, consent, doNotCall, doNotCallAt,
                doNotCallReason, ownerId, orderCount, createdAt, updatedAt, language);
    }

    @Override
    public String toString() {
        return "CustomerRow[id=" + id + ", ownerId=" + ownerId + "]";
    }
}
