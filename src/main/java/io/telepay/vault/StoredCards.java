package io.telepay.vault;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.telepay.shared.Db;
import io.telepay.vault.crypto.SealedCard;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code vault_card} table: one row per tokenization, the number only as ciphertext. */
@Repository
class StoredCards {

    private final JdbcClient jdbc;

    StoredCards(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    StoredCard insert(SealedCard sealed, CardNumber number, Expiry expiry, Instant now) {
        jdbc.sql("""
                insert into vault_card (token, ciphertext, key_id, fingerprint, brand, bin, last4, exp_month, exp_year, created_at)
                values (:token, :ciphertext, :keyId, :fingerprint, :brand, :bin, :last4, :expMonth, :expYear, :now)""")
                .param("token", sealed.token()).param("ciphertext", sealed.ciphertext()).param("keyId", sealed.keyId())
                .param("fingerprint", sealed.fingerprint()).param("brand", number.brand().name())
                .param("bin", number.bin()).param("last4", number.last4())
                .param("expMonth", expiry.month()).param("expYear", expiry.year()).param("now", Db.ts(now))
                .update();
        return new StoredCard(sealed.token(), sealed.fingerprint(), number.brand(), number.bin(), number.last4(),
                expiry.month(), expiry.year(), now);
    }

    Optional<StoredCard> find(String token) {
        return jdbc.sql("""
                select token, fingerprint, brand, bin, last4, exp_month, exp_year, created_at
                from vault_card where token = :token""")
                .param("token", token).query(StoredCards::card).optional();
    }

    Optional<Sealed> sealed(String token) {
        return jdbc.sql("select token, ciphertext, key_id from vault_card where token = :token")
                .param("token", token).query(StoredCards::sealed).optional();
    }

    /** Cards sealed by a key other than {@code keyId}, in token order after {@code afterToken}. */
    List<Sealed> sealedByOtherKey(long keyId, String afterToken, int limit) {
        return jdbc.sql("""
                select token, ciphertext, key_id from vault_card
                where key_id <> :keyId and token > :after
                order by token limit :limit""")
                .param("keyId", keyId).param("after", afterToken).param("limit", limit)
                .query(StoredCards::sealed).list();
    }

    /** Replaces the ciphertext if the card is still sealed by {@code previousKeyId}; false if another run moved it. */
    boolean replace(SealedCard resealed, long previousKeyId) {
        return jdbc.sql("""
                update vault_card set ciphertext = :ciphertext, key_id = :keyId
                where token = :token and key_id = :previous""")
                .param("ciphertext", resealed.ciphertext()).param("keyId", resealed.keyId())
                .param("token", resealed.token()).param("previous", previousKeyId)
                .update() == 1;
    }

    long countSealedByOtherKey(long keyId) {
        return jdbc.sql("select count(*) from vault_card where key_id <> :keyId")
                .param("keyId", keyId).query(Long.class).single();
    }

    private static StoredCard card(ResultSet rs, int row) throws SQLException {
        return new StoredCard(rs.getString("token"), rs.getString("fingerprint"), CardBrand.valueOf(rs.getString("brand")),
                rs.getString("bin"), rs.getString("last4"), rs.getInt("exp_month"), rs.getInt("exp_year"),
                Db.instant(rs, "created_at"));
    }

    private static Sealed sealed(ResultSet rs, int row) throws SQLException {
        return new Sealed(rs.getString("token"), rs.getBytes("ciphertext"), rs.getLong("key_id"));
    }

    record Sealed(String token, byte[] ciphertext, long keyId) {
    }
}
