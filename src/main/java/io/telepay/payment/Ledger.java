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
 * The double-entry ledger of payment money (ADR 0050). Each posting moves an amount from one account to
 * another as two entries, −amount and +amount, written in the caller's transaction (the one that
 * records the acquirer's answer), so the books and the payment change together or not at all. A
 * posting has a key; writing it twice is refused by the database, which keeps a replayed answer from
 * counting twice.
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

    void authorized(String paymentId, Money amount, Instant at) {
        post("auth:" + paymentId, "AUTHORIZATION", paymentId, null, LedgerAccount.CUSTOMER_FUNDS, LedgerAccount.AUTHORIZED, amount, at);
    }

    void captured(String paymentId, String captureId, Money amount, Instant at) {
        post(captureId, "CAPTURE", paymentId, captureId, LedgerAccount.AUTHORIZED, LedgerAccount.CAPTURED, amount, at);
    }

    /** Releases what is left of the authorization. */
    void voided(String paymentId, String voidId, Money authorized, Instant at) {
        Money left = balances(paymentId).getOrDefault(LedgerAccount.AUTHORIZED, Money.zero(authorized.currency()));
        if (left.isPositive()) {
            post(voidId, "VOID", paymentId, voidId, LedgerAccount.AUTHORIZED, LedgerAccount.CUSTOMER_FUNDS, left, at);
        }
    }

    void refunded(String paymentId, String refundId, Money amount, Instant at) {
        post(refundId, "REFUND", paymentId, refundId, LedgerAccount.CAPTURED, LedgerAccount.REFUNDED, amount, at);
    }

    void chargedBack(String paymentId, String chargebackId, Money amount, Instant at) {
        post(chargebackId, "CHARGEBACK", paymentId, chargebackId, LedgerAccount.CAPTURED, LedgerAccount.CHARGED_BACK, amount, at);
    }

    private void post(String posting, String kind, String paymentId, String operationId, LedgerAccount from, LedgerAccount to,
                      Money amount, Instant at) {
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a posting moves a positive amount");
        }
        entry(posting, kind, paymentId, operationId, from, amount.negate(), at);
        entry(posting, kind, paymentId, operationId, to, amount, at);
    }

    private void entry(String posting, String kind, String paymentId, String operationId, LedgerAccount account, Money amount,
                       Instant at) {
        jdbc.sql("""
                insert into ledger_entry (posting, kind, payment_id, operation_id, account, currency, amount_minor, created_at)
                values (:posting, :kind, :payment, :op, :account, :currency, :amount, :at)""")
                .param("posting", posting).param("kind", kind).param("payment", paymentId).param("op", operationId)
                .param("account", account.name()).param("currency", amount.currencyCode()).param("amount", amount.minorUnits())
                .param("at", Db.ts(at)).update();
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
