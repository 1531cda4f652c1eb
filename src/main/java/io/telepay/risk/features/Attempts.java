package io.telepay.risk.features;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.telepay.risk.RiskAction;
import io.telepay.shared.Db;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Risk's record of payment attempts and what became of them. */
@Component
public class Attempts {

    private final JdbcClient jdbc;
    private final AgentCards agentCards;

    Attempts(JdbcClient jdbc, AgentCards agentCards) {
        this.jdbc = jdbc;
        this.agentCards = agentCards;
    }

    /**
     * Written at assess time, in the payment's transaction, before the features are read (they count it).
     * {@code sent_elsewhere} is decided now, as of the attempt: the pay link went to an address not the
     * customer's, or to one other customers' links went to before.
     */
    public void record(Attempt a) {
        jdbc.sql("""
                insert into risk_attempt (payment_id, order_id, at, customer_id, agent_id, team, card_fp, card_bin, bin_country,
                    customer_country, phone, email, ip, device, sent_to, sent_to_other, sent_elsewhere, product_sku, channel,
                    currency, amount_minor, holder_similarity, action, outcome)
                values (:id, :order, :at, :customer, :agent, :team, :card, :bin, :binCountry, :customerCountry, :phone, :email,
                    :ip, :device, :sentTo, :sentToOther,
                    :sentToOther or exists (select 1 from risk_attempt b where b.sent_to = :sentTo and b.customer_id <> :otherThan
                        and b.at <= :at),
                    :sku, :channel, :currency, :amount, :similarity, 'ALLOW', 'PENDING')""")
                .param("id", a.paymentId()).param("order", a.orderId()).param("at", Db.ts(a.at()))
                .param("customer", a.customerId()).param("agent", a.agentId()).param("team", a.team())
                .param("card", a.cardFingerprint()).param("bin", a.cardBin()).param("binCountry", a.binCountry())
                .param("customerCountry", a.customerCountry()).param("phone", a.phone()).param("email", a.email())
                .param("ip", a.ip()).param("device", a.device()).param("sentTo", a.sentTo()).param("sentToOther", a.sentToOther())
                .param("otherThan", a.customerId() == null ? "" : a.customerId())
                .param("sku", a.productSku()).param("channel", a.channel()).param("currency", a.currency())
                .param("amount", a.amountMinor()).param("similarity", Double.isNaN(a.holderSimilarity()) ? null : a.holderSimilarity())
                .update();
        agentCards.seen(a.agentId(), a.team(), a.cardFingerprint(), a.at());
    }

    /** The decided action; a BLOCK is a decline known at once. ALLOW is what {@link #record} wrote already. */
    public void decided(String paymentId, RiskAction action, Instant at) {
        if (action == RiskAction.ALLOW) {
            return;
        }
        jdbc.sql("""
                update risk_attempt set action = :action,
                    outcome = case when :blocked then 'DECLINED' else outcome end,
                    declined_at = case when :blocked then :at else declined_at end
                where payment_id = :id""")
                .param("action", action.name()).param("blocked", action == RiskAction.BLOCK).param("at", Db.ts(at))
                .param("id", paymentId).update();
    }

    public void declined(String paymentId, Instant at) {
        jdbc.sql("update risk_attempt set outcome = 'DECLINED', declined_at = coalesce(declined_at, :at) where payment_id = :id")
                .param("at", Db.ts(at)).param("id", paymentId).update();
    }

    /** Captured: counted once in its product's day (a redelivered event finds captured_at set). */
    /** Captured: in the payment's transaction. */
    public void captured(String paymentId, Instant at) {
        jdbc.sql("update risk_attempt set outcome = 'CAPTURED', captured_at = :at where payment_id = :id and captured_at is null")
                .param("at", Db.ts(at)).param("id", paymentId).update();
    }

    /**
     * Counts a captured attempt in its product's day, once however often it is heard. Outside the payment's
     * transaction: every capture of a product in a day adds to one row, which would make the day's payments of
     * that product wait for each other's commits.
     */
    public void countCapture(String paymentId, java.time.ZoneId zone) {
        int first = jdbc.sql("""
                update risk_attempt set product_counted = true
                where payment_id = :id and captured_at is not null and product_counted = false""")
                .param("id", paymentId).update();
        if (first == 0) {
            return;
        }
        record Captured(String sku, String currency, long amountMinor, Instant at) {
        }
        jdbc.sql("select product_sku, currency, amount_minor, captured_at from risk_attempt where payment_id = :id and product_sku is not null")
                .param("id", paymentId)
                .query((rs, row) -> new Captured(rs.getString("product_sku"), rs.getString("currency"), rs.getLong("amount_minor"),
                        Db.instant(rs, "captured_at")))
                .optional().ifPresent(a -> {
                    java.time.LocalDate day = a.at().atZone(zone).toLocalDate();
                    jdbc.sql("""
                            insert into risk_product_day (product_sku, currency, business_day, captures, amount_minor)
                            values (:sku, :currency, :day, 0, 0) on conflict do nothing""")
                            .param("sku", a.sku()).param("currency", a.currency()).param("day", day).update();
                    jdbc.sql("""
                            update risk_product_day set captures = captures + 1, amount_minor = amount_minor + :amount
                            where product_sku = :sku and currency = :currency and business_day = :day""")
                            .param("amount", a.amountMinor()).param("sku", a.sku()).param("currency", a.currency()).param("day", day)
                            .update();
                });
    }

    public void voided(String paymentId) {
        jdbc.sql("update risk_attempt set outcome = 'VOIDED' where payment_id = :id and outcome <> 'REFUNDED'")
                .param("id", paymentId).update();
    }

    /** Refunded, and how long after the capture (the first refund counts), for "refunds soon after capture". */
    public void refunded(String paymentId, Instant at) {
        Instant captured = jdbc.sql("select captured_at from risk_attempt where payment_id = :id").param("id", paymentId)
                .query((rs, row) -> Optional.ofNullable(Db.instant(rs, "captured_at"))).optional().flatMap(o -> o).orElse(null);
        Duration delay = captured == null ? null : Duration.between(captured, at);
        jdbc.sql("""
                update risk_attempt set outcome = 'REFUNDED', refunded_at = coalesce(refunded_at, :at),
                    refund_delay_s = coalesce(refund_delay_s, :delay) where payment_id = :id""")
                .param("at", Db.ts(at)).param("delay", delay == null ? null : delay.toSeconds()).param("id", paymentId).update();
    }

    /** How long after its capture the payment was first refunded; empty when it was not (or never captured). */
    public Optional<Duration> refundDelay(String paymentId) {
        return jdbc.sql("select refund_delay_s from risk_attempt where payment_id = :id").param("id", paymentId)
                .query((rs, row) -> Optional.ofNullable((Long) rs.getObject("refund_delay_s", Long.class)))
                .optional().flatMap(delay -> delay).map(Duration::ofSeconds);
    }

    public void chargedBack(String paymentId, Instant at) {
        jdbc.sql("update risk_attempt set outcome = 'CHARGED_BACK', charged_back_at = coalesce(charged_back_at, :at) where payment_id = :id")
                .param("at", Db.ts(at)).param("id", paymentId).update();
    }

    public Optional<Attempt> find(String paymentId) {
        return jdbc.sql("select * from risk_attempt where payment_id = :id").param("id", paymentId).query(Attempt::map).optional();
    }

    /** Attempts in [from, to), oldest first, after the given payment id at the same time (keyset paging). */
    public List<Attempt> between(Instant from, Instant to, int limit, Instant afterAt, String afterId) {
        return jdbc.sql("""
                select * from risk_attempt where at >= :from and at < :to
                  and (cast(:afterAt as timestamp with time zone) is null or at > :afterAt or (at = :afterAt and payment_id > :afterId))
                order by at, payment_id limit :limit""")
                .param("from", Db.ts(from)).param("to", Db.ts(to)).param("afterAt", Db.ts(afterAt))
                .param("afterId", afterId == null ? "" : afterId).param("limit", limit)
                .query(Attempt::map).list();
    }

    public void sessionOpened(String sessionId, String orderId, String agentId, String customerId, Instant at) {
        jdbc.sql("""
                insert into risk_session (session_id, order_id, agent_id, customer_id, opened_at)
                values (:id, :order, :agent, :customer, :at) on conflict do nothing""")
                .param("id", sessionId).param("order", orderId).param("agent", agentId).param("customer", customerId)
                .param("at", Db.ts(at)).update();
    }
}
