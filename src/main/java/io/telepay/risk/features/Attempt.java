package io.telepay.risk.features;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import io.telepay.shared.Db;

/**
 * A payment attempt as the risk engine keeps it: everything a feature needs, so any feature can be
 * recomputed later as of the attempt's own time (backtests) from risk's tables alone.
 *
 * @param holderSimilarity 0..1 between the name on the card and the customer's, NaN when not comparable
 * @param sentToOther      the pay link went to an address that is not the customer's
 */
public record Attempt(String paymentId, String orderId, Instant at, String customerId, String agentId, String team,
                      String cardFingerprint, String cardBin, String binCountry, String customerCountry, String phone,
                      String email, String ip, String device, String sentTo, boolean sentToOther, String productSku,
                      String channel, String currency, long amountMinor, double holderSimilarity) {

    public Attempt {
        // the database keeps microseconds: a stored time rounded up would fall outside "at <= as-of" for itself
        at = at.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    static Attempt map(ResultSet rs, int row) throws SQLException {
        double similarity = rs.getDouble("holder_similarity");
        if (rs.wasNull()) {
            similarity = Double.NaN;
        }
        return new Attempt(rs.getString("payment_id"), rs.getString("order_id"), Db.instant(rs, "at"),
                rs.getString("customer_id"), rs.getString("agent_id"), rs.getString("team"), rs.getString("card_fp"),
                rs.getString("card_bin"), rs.getString("bin_country"), rs.getString("customer_country"),
                rs.getString("phone"), rs.getString("email"), rs.getString("ip"), rs.getString("device"),
                rs.getString("sent_to"), rs.getBoolean("sent_to_other"), rs.getString("product_sku"),
                rs.getString("channel"), rs.getString("currency"), rs.getLong("amount_minor"), similarity);
    }

    @Override
    public String toString() {
        return "Attempt[" + paymentId + "]";
    }
}
