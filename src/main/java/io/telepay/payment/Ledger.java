package io.telepay.payment;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.telepay.shared.Db;
import io.telepay.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the double-entry ledger of payment money (ADR 0050). Each posting moves an amount from one account to
 * another as two entries, −amount and +amount; a {@link Payment} registers its postings and
 * {@link io.telepay.payment.internal.PaymentStore} writes them with the payment, so the books and the
 * payment change together or not at all.
 */
@Component
public class Ledger {

    /** One entry, as the ledger endpoint lists it. */
    public record Entry(long id, String posting, String kind, String paymentId, String operationId, LedgerAccount account,
                        Money amount, Instant at) {
    }

    private final JdbcClient jdbc;

    Ledger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The payment's balance on each account it touched. */
    public Map<LedgerAccount, Money> balances(String paymentId) {
        Map<LedgerAccount, Money> balances = new EnumMap<>(LedgerAccount.class);
        jdbc.sql("select account, currency, sum(amount_minor) as total from ledger_entry where payment_id = :p group by account, currency")
                .param("p", paymentId)
                .query((rs, n) -> balances.put(LedgerAccount.valueOf(rs.getString("account")),
                        Money.ofMinor(rs.getLong("total"), Money.currency(rs.getString("currency")))))
                .list();
        return balances;
    }

    /** The payment's entries in the order they were written. */
    public List<Entry> entries(String paymentId) {
        return jdbc.sql("select * from ledger_entry where payment_id = :p order by id").param("p", paymentId)
                .query((rs, n) -> new Entry(rs.getLong("id"), rs.getString("posting"), rs.getString("kind"), rs.getString("payment_id"),
                        rs.getString("operation_id"), LedgerAccount.valueOf(rs.getString("account")),
                        Money.ofMinor(rs.getLong("amount_minor"), Money.currency(rs.getString("currency"))), Db.instant(rs, "created_at")))
                .list();
    }

    /** The sum of all entries per currency: zero for every currency, always. */
    public Map<String, Long> totalsByCurrency() {
        Map<String, Long> totals = new java.util.TreeMap<>();
        jdbc.sql("select currency, sum(amount_minor) as total from ledger_entry group by currency")
                .query((rs, n) -> totals.put(rs.getString("currency"), rs.getLong("total"))).list();
        return totals;
    }
}
