package io.telepay.payment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.telepay.audit.AuditTrail;
import io.telepay.customer.Contact;
import io.telepay.customer.CustomerDirectory;
import io.telepay.notify.Channel;
import io.telepay.notify.Messages;
import io.telepay.notify.OutboundMessage;
import io.telepay.order.OrderStatus;
import io.telepay.order.OrderView;
import io.telepay.order.Orders;
import io.telepay.payment.internal.SessionRow;
import io.telepay.shared.Actor;
import io.telepay.shared.Actors;
import io.telepay.shared.Checks;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import io.telepay.shared.MoneyFormat;
import io.telepay.shared.NotFound;
import io.telepay.shared.Role;
import io.telepay.shared.RuleViolation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Payment sessions: made from a confirmed order (the amount is the order's, never the caller's),
 * single use, expiring, reached by the customer through a pay link with a 256-bit token (only its hash
 * is stored) or through the keypad. The agent follows the session's progress, never the card.
 */
@Service
public class PaymentSessions {

    static final Duration MAX_TTL = Duration.ofHours(24);
    static final String SELECT = "select * from payment_session ";

    private final JdbcClient jdbc;
    private final Orders orders;
    private final CustomerDirectory customers;
    private final Messages messages;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration defaultTtl;
    private final String publicUrl;
    private final String companyName;
    private final ObjectProvider<KeypadDialIn> dialIn;
    private final SecureRandom random = new SecureRandom();

    PaymentSessions(JdbcClient jdbc, Orders orders, CustomerDirectory customers, Messages messages,
                    ApplicationEventPublisher events, AuditTrail audit,
                    Clock clock, @Value("${telepay.payment.session-ttl:PT15M}") Duration defaultTtl,
                    @Value("${telepay.public-url}") String publicUrl, @Value("${telepay.company-name}") String companyName,
                    ObjectProvider<KeypadDialIn> dialIn) {
        if (defaultTtl.isNegative() || defaultTtl.isZero() || defaultTtl.compareTo(MAX_TTL) > 0) {
            throw new IllegalStateException("telepay.payment.session-ttl must be between 1 minute and 24 hours");
        }
        this.jdbc = jdbc;
        this.orders = orders;
        this.customers = customers;
        this.messages = messages;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
        this.defaultTtl = defaultTtl;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.companyName = companyName;
        this.dialIn = dialIn;
    }

    /** What the agent asks for. {@code sendTo} only with LINK; {@code expiresInMinutes} 1..1440, default the configured TTL. */
    public record NewSession(String channel, String sendTo, Integer expiresInMinutes) {
        public NewSession {
            Checks checks = Checks.start().require("channel", channel);
            if (channel != null) {
                checks.check(channel.equals("LINK") || channel.equals("IVR"), "channel", "must be LINK or IVR");
            }
            if (sendTo != null) {
                checks.check(sendTo.equals("SMS") || sendTo.equals("EMAIL"), "sendTo", "must be SMS or EMAIL");
                checks.check(!"IVR".equals(channel), "sendTo", "is only for LINK sessions: keypad capture happens on the call");
            }
            if (expiresInMinutes != null) {
                checks.check(expiresInMinutes >= 1 && expiresInMinutes <= MAX_TTL.toMinutes(), "expiresInMinutes",
                        "must be between 1 and " + MAX_TTL.toMinutes());
            }
            checks.orThrow();
        }
    }

    /**
     * Opens a session for a confirmed order the actor may work on; earlier open sessions of the order
     * expire. A LINK session answers its {@code payUrl} here and never again.
     *
     * @throws OrderNotPayable when the order is not CONFIRMED, or a payment already holds money or is in flight
     */
    @Transactional
    public PaymentSessionView create(String orderId, NewSession request) {
        Actor actor = Actors.current();
        OrderView order = orders.get(orderId);
        if (order.status() != OrderStatus.CONFIRMED) {
            throw new OrderNotPayable("order " + orderId + " is " + order.status() + "; only a CONFIRMED order can be paid");
        }
        // lock the order's sessions so two agents' clicks cannot open two live sessions
        List<SessionRow> earlier = jdbc.sql(SELECT + "where order_id = :order for update").param("order", orderId)
                .query(SessionRow::map).list();
        if (earlier.stream().anyMatch(s -> s.inFlightPayment() != null && s.status() == SessionStatus.OPEN)) {
            throw new OrderNotPayable("a payment for order " + orderId + " is being processed");
        }
        Long holding = jdbc.sql("select count(*) from payment where order_id = :order and status in ('AUTHORIZED','REVIEW','CAPTURED','PARTIALLY_REFUNDED','UNKNOWN')")
                .param("order", orderId).query(Long.class).single();
        if (holding > 0) {
            throw new OrderNotPayable("order " + orderId + " already has a payment");
        }
        Instant now = clock.instant();
        jdbc.sql("update payment_session set status = 'EXPIRED', step = 'EXPIRED', progress = 'Replaced by a new session', updated_at = :now where order_id = :order and status = 'OPEN'")
                .param("now", Db.ts(now)).param("order", orderId).update();

        Contact contact = customers.contact(order.customerId());
        String address = null;
        if ("SMS".equals(request.sendTo())) {
            address = contact.phone();
        } else if ("EMAIL".equals(request.sendTo())) {
            if (contact.email() == null) {
                throw new RuleViolation("the customer has no e-mail address; send the link by SMS");
            }
            address = contact.email();
        }
        Duration ttl = request.expiresInMinutes() == null ? defaultTtl : Duration.ofMinutes(request.expiresInMinutes());
        String id = Ids.next("ps_");
        String token = "LINK".equals(request.channel()) ? Ids.randomToken(32) : null;
        Instant expiresAt = now.plus(ttl);
        jdbc.sql("""
                insert into payment_session (id, order_id, customer_id, agent_id, channel, send_to, sent_to_address, token_hash,
                    status, amount_minor, currency, expires_at, declines, step, progress, created_at, updated_at)
                values (:id, :order, :customer, :agent, :channel, :sendTo, :address, :tokenHash, 'OPEN', :amount, :currency,
                    :expires, 0, 'CREATED', :progress, :now, :now)""")
                .param("id", id).param("order", orderId).param("customer", order.customerId()).param("agent", order.agentId())
                .param("channel", request.channel()).param("sendTo", request.sendTo()).param("address", address)
                .param("tokenHash", token == null ? null : hash(token)).param("amount", order.total().minorUnits())
                .param("currency", order.total().currencyCode()).param("expires", Db.ts(expiresAt))
                .param("progress", "IVR".equals(request.channel()) ? "Waiting for the customer's keypad" : "Link created")
                .param("now", Db.ts(now))
                .update();
        if ("IVR".equals(request.channel())) {
            assignKeypadCode(id);
        }
        String payUrl = token == null ? null : publicUrl + "/pay/" + token;
        if (address != null) {
            String messageId = messages.queue(new OutboundMessage(Channel.valueOf(request.sendTo()), address,
                    companyName + " 付款連結 Payment link", linkText(order, payUrl, ttl), "PAY_LINK", id));
            jdbc.sql("update payment_session set message_id = :message, step = 'LINK_SENT', progress = :progress where id = :id")
                    .param("message", messageId).param("progress", "Link sent by " + request.sendTo()).param("id", id).update();
        }
        events.publishEvent(new PaymentSessionCreated(id, orderId, order.customerId(), order.agentId(), request.channel(),
                request.sendTo(), order.total()));
        audit.record("payment-session.created", id, Map.of("order", orderId, "channel", request.channel(),
                "sendTo", request.sendTo() == null ? "" : request.sendTo(), "amount", order.total().toString(),
                "by", actor.id()));
        return view(row(id), now).withPayUrl(payUrl);
    }

    /**
     * The session if the actor may follow it: the order's agent, their supervisor, an admin, or the
     * telephony bridge (keypad sessions).
     */
    @Transactional(readOnly = true)
    public PaymentSessionView get(String id) {
        SessionRow session = find(id).orElseThrow(() -> new NotFound("payment session", id));
        Actor actor = Actors.current();
        if (actor.is(Role.TELEPHONY)) {
            if (!"IVR".equals(session.channel())) {
                throw new NotFound("payment session", id);
            }
        } else {
            orders.get(session.orderId());
        }
        return view(session, clock.instant());
    }

    /** The sessions of an order the actor may see, newest first. */
    @Transactional(readOnly = true)
    public List<PaymentSessionView> ofOrder(String orderId) {
        orders.get(orderId);
        Instant now = clock.instant();
        return jdbc.sql(SELECT + "where order_id = :order order by created_at desc").param("order", orderId)
                .query(SessionRow::map).list().stream().map(s -> view(s, now)).toList();
    }

    /** For the pay page: the session behind a link token, whatever its state. */
    public Optional<SessionRow> byToken(String token) {
        if (token == null || token.length() < 40 || token.length() > 80) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + "where token_hash = :hash").param("hash", hash(token)).query(SessionRow::map).optional();
    }

    /** The view of a row as staff and the telephony bridge see it: with the keypad code when the SIP endpoint is on. */
    public PaymentSessionView view(SessionRow row, Instant now) {
        PaymentSessionView view = row.view(now);
        KeypadDialIn line = dialIn.getIfAvailable();
        return line == null || row.keypadCode() == null ? view : view.withKeypad(row.keypadCode(), line.sipUri(row.keypadCode()));
    }

    /**
     * For the telephony module: the OPEN, unexpired IVR session that answers to a keypad code, regardless
     * of who asks (the caller is on a trusted phone line, not a staff member).
     */
    @Transactional(readOnly = true)
    public Optional<PaymentSessionView> byKeypadCode(String code) {
        if (code == null || !code.matches("[0-9]{" + KEYPAD_CODE_DIGITS + "}")) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<SessionRow> open = jdbc.sql(SELECT + "where keypad_code = :code and status = 'OPEN' and channel = 'IVR' and expires_at > :now")
                .param("code", code).param("now", Db.ts(now)).query(SessionRow::map).list();
        // two open sessions drawing one code is a one-in-10^8 accident: reach neither rather than a stranger's
        return open.size() == 1 ? Optional.of(view(open.getFirst(), now)) : Optional.empty();
    }

    static final int KEYPAD_CODE_DIGITS = 8;

    // random, not sequential: a code must not tell the next session's; unique among the sessions still open
    private void assignKeypadCode(String id) {
        String code;
        do {
            code = String.format("%0" + KEYPAD_CODE_DIGITS + "d", random.nextInt(100_000_000));
        } while (jdbc.sql("select count(*) from payment_session where keypad_code = :code and status = 'OPEN'")
                .param("code", code).query(Long.class).single() > 0);
        jdbc.sql("update payment_session set keypad_code = :code where id = :id").param("code", code).param("id", id).update();
    }

    Optional<SessionRow> find(String id) {
        return jdbc.sql(SELECT + "where id = :id").param("id", id).query(SessionRow::map).optional();
    }

    SessionRow row(String id) {
        return find(id).orElseThrow(() -> new NotFound("payment session", id));
    }

    /** The customer opened the link: the agent sees it. */
    @Transactional
    public void opened(SessionRow session) {
        if (session.status() == SessionStatus.OPEN && session.inFlightPayment() == null
                && (session.step() == SessionStep.CREATED || session.step() == SessionStep.LINK_SENT)) {
            progress(session.id(), SessionStep.LINK_OPENED, "The customer opened the link");
        }
    }

    /** Records where the customer is; never with a digit of the card. */
    @Transactional
    public void progress(String sessionId, SessionStep step, String text) {
        jdbc.sql("update payment_session set step = :step, progress = :progress, updated_at = :now where id = :id and status = 'OPEN'")
                .param("step", step.name()).param("progress", text).param("now", Db.ts(clock.instant())).param("id", sessionId)
                .update();
    }

    /** Marks sessions past their expiry, so agents' screens show it without anyone opening the link. */
    @Scheduled(fixedDelayString = "${telepay.payment.expiry-sweep:PT30S}", initialDelayString = "PT20S")
    @Transactional
    public int expireDue() {
        Instant now = clock.instant();
        return jdbc.sql("""
                update payment_session set status = 'EXPIRED', step = 'EXPIRED', progress = 'The link has expired', updated_at = :now
                where status = 'OPEN' and expires_at <= :now and in_flight_payment is null""")
                .param("now", Db.ts(now)).update();
    }

    private String linkText(OrderView order, String payUrl, Duration ttl) {
        String amount = MoneyFormat.text(order.total());
        return companyName + "：您的訂單應付 " + amount + "，請於 " + ttl.toMinutes() + " 分鐘內在此付款 " + payUrl
                + " 我們絕不會索取 PIN、卡片密碼或簡訊驗證碼。"
                + "\n" + companyName + ": pay " + amount + " within " + ttl.toMinutes() + " minutes at " + payUrl
                + " We never ask for your PIN, card password or SMS code.";
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
