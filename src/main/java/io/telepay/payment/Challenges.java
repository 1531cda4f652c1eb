package io.telepay.payment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.telepay.audit.AuditTrail;
import io.telepay.customer.Contact;
import io.telepay.customer.CustomerDirectory;
import io.telepay.notify.Channel;
import io.telepay.notify.CustomerTexts;
import io.telepay.notify.Messages;
import io.telepay.notify.OutboundMessage;
import io.telepay.order.Orders;
import io.telepay.payment.internal.PaymentStore;
import io.telepay.shared.Actor;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import io.telepay.shared.Money;
import io.telepay.shared.MoneyFormat;
import io.telepay.shared.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * When risk answers CHALLENGE the card is authorized but not captured, and the customer is asked on the
 * phone number they registered — not one typed on the pay page — whether they made the payment: a link to
 * {@code /confirm/{token}}, valid as long as a pay session ({@code telepay.payment.session-ttl}). "Yes"
 * captures it; "it was not me" voids it. The page shows the merchant, the amount and the order, never the card.
 */
@Component
public class Challenges {

    /** What the confirmation page shows; {@code state}: OPEN, CONFIRMED, DENIED or EXPIRED. */
    public record Challenge(String paymentId, String orderId, Money amount, String state) {
    }

    public enum Answer { CONFIRM, DENY }

    private static final Actor CUSTOMER = new Actor("customer", "customer (confirmation link)", Role.ADMIN, null, null);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final CustomerDirectory customers;
    private final Orders orders;
    private final Messages messages;
    private final PaymentStore store;
    private final GatewayExchange exchange;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration ttl;
    private final String publicUrl;
    private final String companyName;

    Challenges(JdbcClient jdbc, TransactionTemplate tx, CustomerDirectory customers, Orders orders, Messages messages,
               PaymentStore store, GatewayExchange exchange, AuditTrail audit, Clock clock,
               @Value("${telepay.payment.session-ttl:PT15M}") Duration ttl,
               @Value("${telepay.public-url}") String publicUrl, @Value("${telepay.company-name}") String companyName) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.customers = customers;
        this.orders = orders;
        this.messages = messages;
        this.store = store;
        this.exchange = exchange;
        this.audit = audit;
        this.clock = clock;
        this.ttl = ttl;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.companyName = companyName;
    }

    /** In the transaction that records the authorization: the link, by SMS to the registered phone. */
    void open(Payment payment) {
        String token = Ids.randomToken(32);
        Instant now = clock.instant();
        String id = Ids.next("chl_");
        Contact contact = customers.contact(payment.customerId());
        Locale language = CustomerTexts.languageOf(contact.language(), contact.country(), contact.phone());
        String body = CustomerTexts.bilingual("challenge.body", language, companyName, MoneyFormat.text(payment.amount()),
                orders.read(payment.orderId()).displayReference(), publicUrl + "/confirm/" + token);
        String messageId = messages.queue(new OutboundMessage(Channel.SMS, contact.phone(), null, body, "PAYMENT_CHALLENGE",
                payment.id()));
        jdbc.sql("""
                insert into payment_challenge (id, payment_id, token_hash, status, message_id, expires_at, created_at)
                values (:id, :payment, :hash, 'OPEN', :message, :expires, :now)""")
                .param("id", id).param("payment", payment.id()).param("hash", PaymentSessions.hash(token))
                .param("message", messageId).param("expires", Db.ts(now.plus(ttl))).param("now", Db.ts(now)).update();
        audit.record("payment.challenge-sent", payment.id(), Map.of("challenge", id, "expiresAt", now.plus(ttl).toString()));
    }

    /** The challenge behind a link token, for the page; empty for an unknown token. */
    public Optional<Challenge> find(String token) {
        if (token == null || token.length() < 40 || token.length() > 80) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return jdbc.sql("""
                select c.status, c.expires_at, p.id, p.order_id, p.currency, p.amount_minor from payment_challenge c
                join payment p on p.id = c.payment_id where c.token_hash = :hash""")
                .param("hash", PaymentSessions.hash(token))
                .query((rs, n) -> {
                    String state = rs.getString("status");
                    if ("OPEN".equals(state) && !Db.instant(rs, "expires_at").isAfter(now)) {
                        state = "EXPIRED";
                    }
                    return new Challenge(rs.getString("id"), rs.getString("order_id"),
                            Money.ofMinor(rs.getLong("amount_minor"), Money.currency(rs.getString("currency"))), state);
                })
                .optional();
    }

    /**
     * The customer's answer: CONFIRM captures the payment, DENY voids it. Answers the challenge as it is
     * afterwards; a challenge already answered or expired is left as it is (the caller shows it as gone).
     */
    public Optional<Challenge> answer(String token, Answer answer) {
        Optional<Challenge> found = find(token);
        if (found.isEmpty() || !"OPEN".equals(found.get().state())) {
            return found;
        }
        Payment.Operation op = tx.execute(status -> {
            Payment payment = store.lock(found.get().paymentId());
            Instant now = clock.instant();
            int claimed = jdbc.sql("""
                    update payment_challenge set status = :status, answered_at = :now
                    where token_hash = :hash and status = 'OPEN' and expires_at > :now""")
                    .param("status", answer == Answer.CONFIRM ? "CONFIRMED" : "DENIED").param("now", Db.ts(now))
                    .param("hash", PaymentSessions.hash(token)).update();
            if (claimed == 0) {
                return null;
            }
            Payment.Operation started = payment.challengeAnswered(answer == Answer.CONFIRM, CUSTOMER, now).orElse(null);
            store.save(payment);
            return started;
        });
        if (op != null) {
            exchange.send(found.get().paymentId(), op);
        }
        return find(token);
    }
}
