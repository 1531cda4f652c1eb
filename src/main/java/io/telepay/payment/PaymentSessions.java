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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.telepay.audit.AuditTrail;
import io.telepay.customer.Contact;
import io.telepay.customer.CustomerDirectory;
import io.telepay.gateway.HostedCheckout;
import io.telepay.notify.Channel;
import io.telepay.notify.CustomerTexts;
import io.telepay.notify.Messages;
import io.telepay.notify.OutboundMessage;
import io.telepay.order.OrderStatus;
import io.telepay.order.OrderView;
import io.telepay.order.Orders;
import io.telepay.payment.internal.PaymentStore;
import io.telepay.payment.internal.SessionRow;
import io.telepay.risk.RiskEngine;
import io.telepay.shared.Actor;
import io.telepay.shared.Actors;
import io.telepay.shared.Checks;
import io.telepay.shared.Ids;
import io.telepay.shared.MoneyFormat;
import io.telepay.shared.NotFound;
import io.telepay.shared.Role;
import io.telepay.shared.RuleViolation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
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

    private final PaymentStore store;
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
    private final ObjectProvider<HostedCheckout> hosted;
    private final RiskEngine risk;
    private final boolean autoCapture;
    private final SecureRandom random = new SecureRandom();

    PaymentSessions(PaymentStore store, Orders orders, CustomerDirectory customers, Messages messages,
                    ApplicationEventPublisher events, AuditTrail audit,
                    Clock clock, @Value("${telepay.payment.session-ttl:PT15M}") Duration defaultTtl,
                    @Value("${telepay.public-url}") String publicUrl, @Value("${telepay.company-name}") String companyName,
                    ObjectProvider<KeypadDialIn> dialIn, ObjectProvider<HostedCheckout> hosted, RiskEngine risk,
                    @Value("${telepay.payment.auto-capture:true}") boolean autoCapture) {
        if (defaultTtl.isNegative() || defaultTtl.isZero() || defaultTtl.compareTo(MAX_TTL) > 0) {
            throw new IllegalStateException("telepay.payment.session-ttl must be between 1 minute and 24 hours");
        }
        this.store = store;
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
        this.hosted = hosted;
        this.risk = risk;
        this.autoCapture = autoCapture;
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
        List<SessionRow> earlier = store.lockSessionsOf(orderId);
        if (earlier.stream().anyMatch(s -> s.inFlightPayment() != null && s.status() == SessionStatus.OPEN)) {
            throw new OrderNotPayable("a payment for order " + orderId + " is being processed");
        }
        if (store.orderHasLivePayment(orderId)) {
            throw new OrderNotPayable("order " + orderId + " already has a payment");
        }
        Instant now = clock.instant();
        Contact contact = customers.contact(order.customerId());
        HostedCheckout platform = hosted.getIfAvailable();
        if (platform != null && "IVR".equals(request.channel())) {
            // keypad capture hands the card to Telepay, which this mode exists to avoid (PCI DSS SAQ A)
            throw new RuleViolation("Keypad (IVR) sessions are not available while the pay link is the payment platform's own page "
                    + "(TELEPAY_STRIPE_MODE=checkout); send a LINK");
        }
        if (platform != null) {
            // the card never reaches Telepay before the platform charges it: what risk can check without it, it checks now
            List<String> blocks = risk.blocksBeforeCard(contact.phone(), contact.email());
            if (!blocks.isEmpty()) {
                audit.record("payment-session.refused-by-risk", orderId, Map.of("reasons", String.join("; ", blocks), "by", actor.id()));
                throw new RuleViolation("The risk engine blocks a pay link for this customer; ask a risk analyst");
            }
            for (PaymentStore.HostedPage page : store.openHostedPagesOf(orderId)) {
                // the customer may have paid the earlier page a moment ago, before its webhook: a new page could charge twice
                if (paidOrUnknown(platform, page)) {
                    throw new OrderNotPayable("the customer may have paid the earlier link of order " + orderId
                            + " at the payment platform; it is being confirmed, try again in a minute");
                }
                platform.close(page.pageId());
            }
        }
        store.replaceOpenSessions(orderId, now);

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
        String created = "IVR".equals(request.channel()) ? "Waiting for the customer's keypad" : "Link created";
        String lifeNote = null;
        if (platform != null && (ttl.compareTo(platform.minimumLife()) < 0 || ttl.compareTo(platform.maximumLife()) > 0)) {
            // the platform's page lives between its shortest and longest life: the session lives as long as its page
            Duration asked = ttl;
            ttl = ttl.compareTo(platform.minimumLife()) < 0 ? platform.minimumLife() : platform.maximumLife();
            lifeNote = "it expires in " + ttl.toMinutes() + " minutes, not " + asked.toMinutes() + " (the payment platform's "
                    + (asked.compareTo(ttl) < 0 ? "shortest" : "longest") + ")";
            created = "Link created; " + lifeNote;
        }
        String id = Ids.next("ps_");
        String token = "LINK".equals(request.channel()) && platform == null ? Ids.randomToken(32) : null;
        Instant expiresAt = now.plus(ttl);
        store.insertSession(new SessionRow(id, orderId, order.customerId(), order.agentId(), request.channel(),
                request.sendTo(), address, SessionStatus.OPEN, order.total(), expiresAt, 0, null, null, SessionStep.CREATED,
                created, now, "IVR".equals(request.channel()) ? newKeypadCode() : null, null),
                token == null ? null : hash(token), now);
        String payUrl = token == null ? null : publicUrl + "/pay/" + token;
        if (platform != null) {
            String paymentId = Ids.next("pay_");
            HostedCheckout.HostedPage page = platform.open(new HostedCheckout.HostedPageRequest(id, paymentId, orderId, order.total(),
                    lines(order), expiresAt, autoCapture, contact.email()));
            store.insertHostedPage(new PaymentStore.HostedPage(id, paymentId, page.provider(), page.id(), page.url(), "OPEN", 0,
                    now.plus(MIN_FIRST_CHECK), expiresAt), now);
            payUrl = page.url();
        }
        if (address != null) {
            Locale language = CustomerTexts.languageOf(contact.language(), contact.country(), contact.phone());
            String messageId = messages.queue(new OutboundMessage(Channel.valueOf(request.sendTo()), address,
                    CustomerTexts.subject("pay-link.subject", language, companyName, null),
                    CustomerTexts.bilingual("pay-link.body", language, companyName, MoneyFormat.text(order.total()),
                            String.valueOf(ttl.toMinutes()), payUrl), "PAY_LINK", id));
            store.linkSent(id, messageId, "Link sent by " + request.sendTo() + (lifeNote == null ? "" : "; " + lifeNote));
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
        return store.sessionsOf(orderId).stream().map(s -> view(s, now)).toList();
    }

    /** For the pay page: the session behind a link token, whatever its state. */
    public Optional<SessionRow> byToken(String token) {
        if (token == null || token.length() < 40 || token.length() > 80) {
            return Optional.empty();
        }
        return store.findSessionByToken(hash(token));
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
        List<SessionRow> open = store.openKeypadSessions(code, now);
        // two open sessions drawing one code is a one-in-10^8 accident: reach neither rather than a stranger's
        return open.size() == 1 ? Optional.of(view(open.getFirst(), now)) : Optional.empty();
    }

    static final int KEYPAD_CODE_DIGITS = 8;

    private static boolean paidOrUnknown(HostedCheckout platform, PaymentStore.HostedPage page) {
        try {
            return !(platform.state(page.pageId()) instanceof HostedCheckout.HostedPageState.Open);
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** The reconciler's first question about a hosted page: its webhook normally comes within seconds. */
    static final Duration MIN_FIRST_CHECK = Duration.ofMinutes(1);

    /** The order's lines as the platform's page shows them; one line for the whole order when they do not add up to it. */
    private static List<HostedCheckout.Line> lines(OrderView order) {
        List<HostedCheckout.Line> lines = order.lines().stream()
                .map(line -> new HostedCheckout.Line(line.name(), line.unitPrice(), line.quantity())).toList();
        long sum = lines.stream().mapToLong(line -> line.unitAmount().minorUnits() * line.quantity()).sum();
        boolean sameCurrency = lines.stream().allMatch(line -> line.unitAmount().currencyCode().equals(order.total().currencyCode()));
        return !lines.isEmpty() && sameCurrency && sum == order.total().minorUnits() ? lines
                : List.of(new HostedCheckout.Line("Order " + order.id(), order.total(), 1));
    }

    // random, not sequential: a code must not tell the next session's; unique among the sessions still open
    private String newKeypadCode() {
        String code;
        do {
            code = String.format("%0" + KEYPAD_CODE_DIGITS + "d", random.nextInt(100_000_000));
        } while (store.keypadCodeOpen(code));
        return code;
    }

    Optional<SessionRow> find(String id) {
        return store.findSession(id);
    }

    SessionRow row(String id) {
        return find(id).orElseThrow(() -> new NotFound("payment session", id));
    }

    /** The customer opened the link: the agent sees it, and when. */
    @Transactional
    public void opened(SessionRow session) {
        if (session.status() == SessionStatus.OPEN && session.inFlightPayment() == null
                && (session.step() == SessionStep.CREATED || session.step() == SessionStep.LINK_SENT)) {
            store.opened(session.id(), "The customer opened the link", clock.instant());
        }
    }

    /** Records where the customer is; never with a digit of the card. */
    @Transactional
    public void progress(String sessionId, SessionStep step, String text) {
        store.progress(sessionId, step, text, clock.instant());
    }

    /** Marks sessions past their expiry, so agents' screens show it without anyone opening the link. */
    @Scheduled(fixedDelayString = "${telepay.payment.expiry-sweep:PT30S}", initialDelayString = "PT20S")
    @Transactional
    public int expireDue() {
        return store.expireDue(clock.instant());
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
