package io.telepay.trust.receipt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.telepay.audit.AuditTrail;
import io.telepay.customer.Contact;
import io.telepay.customer.CustomerDirectory;
import io.telepay.identity.StaffDirectory;
import io.telepay.identity.StaffUser;
import io.telepay.notify.Channel;
import io.telepay.notify.CustomerTexts;
import io.telepay.notify.Messages;
import io.telepay.notify.OutboundMessage;
import io.telepay.order.OrderPaymentSummary;
import io.telepay.order.OrderView;
import io.telepay.order.Orders;
import io.telepay.payment.OperationKind;
import io.telepay.payment.OperationStatus;
import io.telepay.payment.PaymentCaptured;
import io.telepay.payment.PaymentOperations;
import io.telepay.payment.PaymentView;
import io.telepay.payment.Payments;
import io.telepay.shared.Actor;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import io.telepay.shared.Money;
import io.telepay.shared.MoneyFormat;
import io.telepay.shared.NotFound;
import io.telepay.shared.Role;
import io.telepay.trust.report.ReportIntake;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import io.telepay.outbox.OutboxListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every captured payment gets a receipt — SMS to the customer's phone, e-mail too when there is one —
 * with the order, the amount, the card's brand and last 4, the agent's first name and a link to the
 * charge. On that page the cardholder can say "I did not authorize this": a fraud report linked to the
 * payment, its agent, customer and card ({@code FraudReported} for the risk module), and the payment
 * held out of settlement.
 *
 * <p>The link's token has 160 random bits and only its SHA-256 is stored; the link works for
 * {@code telepay.trust.receipt-validity}, after which the receipt is deleted.
 */
@Service
class Receipts {

    static final String PURPOSE = "PAYMENT_RECEIPT";

    private final JdbcClient jdbc;
    private final Payments payments;
    private final PaymentOperations operations;
    private final Orders orders;
    private final CustomerDirectory customers;
    private final StaffDirectory staff;
    private final Messages messages;
    private final ReportIntake intake;
    private final AuditTrail audit;
    private final Clock clock;
    private final String company;
    private final String publicUrl;
    private final Period validity;

    Receipts(JdbcClient jdbc, Payments payments, PaymentOperations operations, Orders orders, CustomerDirectory customers,
             StaffDirectory staff, Messages messages, ReportIntake intake, AuditTrail audit, Clock clock,
             @Value("${telepay.company-name}") String company, @Value("${telepay.public-url}") String publicUrl,
             @Value("${telepay.trust.receipt-validity}") Period validity) {
        this.jdbc = jdbc;
        this.payments = payments;
        this.operations = operations;
        this.orders = orders;
        this.customers = customers;
        this.staff = staff;
        this.messages = messages;
        this.intake = intake;
        this.audit = audit;
        this.clock = clock;
        this.company = company;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.validity = validity;
    }

    @OutboxListener
    void on(PaymentCaptured captured) {
        issue(captured);
    }

    /**
     * Sends the payment's receipt unless it has one (a capture heard twice sends one receipt). A later partial
     * capture of the same payment raises the receipt to the total captured and tells the customer of the further
     * charge, once (a redelivered capture finds the total already there).
     */
    @Transactional
    void issue(PaymentCaptured captured) {
        Contact contact = customers.contact(captured.customerId());
        String agentName = staff.find(captured.agentId()).map(StaffUser::firstName).orElse("-");
        String token = Ids.randomToken(20);
        String id = Ids.next("rcp_");
        Instant now = clock.instant();
        int inserted = jdbc.sql("""
                insert into trust_receipt (id, token_hash, payment_id, order_id, customer_id, agent_id, agent_name, amount_minor,
                    currency, card_brand, card_last4, card_fingerprint, captured_at, expires_at)
                values (:id, :hash, :payment, :order, :customer, :agent, :agentName, :amount, :currency, :brand, :last4,
                    :fingerprint, :now, :expires) on conflict do nothing""")
                .param("id", id).param("hash", hash(token)).param("payment", captured.paymentId())
                .param("order", captured.orderId()).param("customer", captured.customerId()).param("agent", captured.agentId())
                .param("agentName", agentName).param("amount", captured.amount().minorUnits())
                .param("currency", captured.amount().currencyCode()).param("brand", captured.cardBrand())
                .param("last4", captured.cardLast4()).param("fingerprint", captured.cardFingerprint()).param("now", Db.ts(now))
                .param("expires", Db.ts(now.atOffset(ZoneOffset.UTC).plus(validity).toInstant()))
                .update();
        if (inserted == 0) {
            // the payment has its receipt: this is a later partial capture, or the same one heard again
            furtherCapture(captured);
            return;
        }
        Locale language = CustomerTexts.languageOf(contact.language(), contact.country(), contact.phone());
        // the short reference, which the customer can read back to the company; the id stays with staff
        String reference = orders.read(captured.orderId()).displayReference();
        String body = CustomerTexts.bilingual("receipt.body", language, company, MoneyFormat.text(captured.amount()),
                captured.cardBrand() + " ****" + captured.cardLast4(), reference, agentName,
                publicUrl + "/receipts/" + token);
        messages.queue(new OutboundMessage(Channel.SMS, contact.phone(), null, body, PURPOSE, captured.paymentId()));
        if (contact.email() != null) {
            messages.queue(new OutboundMessage(Channel.EMAIL, contact.email(),
                    CustomerTexts.subject("receipt.subject", language, company, reference), body, PURPOSE, captured.paymentId()));
        }
        audit.record("trust.receipt.sent", id, Map.of("paymentId", captured.paymentId(), "orderId", captured.orderId(),
                "email", contact.email() != null));
    }

    private void furtherCapture(PaymentCaptured captured) {
        Money total = asSystem(() -> payments.get(captured.paymentId())).capturedAmount();
        int raised = jdbc.sql("update trust_receipt set amount_minor = :total where payment_id = :payment and amount_minor < :total")
                .param("total", total.minorUnits()).param("payment", captured.paymentId()).update();
        if (raised == 0) {
            return;
        }
        Contact contact = customers.contact(captured.customerId());
        Locale language = CustomerTexts.languageOf(contact.language(), contact.country(), contact.phone());
        String body = CustomerTexts.bilingual("receipt.further.body", language, company, MoneyFormat.text(captured.amount()),
                orders.read(captured.orderId()).displayReference(), MoneyFormat.text(total));
        messages.queue(new OutboundMessage(Channel.SMS, contact.phone(), null, body, PURPOSE, captured.paymentId()));
        audit.record("trust.receipt.updated", captured.paymentId(), Map.of("capture", captured.captureId(), "total", total.toString()));
    }

    /** The receipt behind a link, while the link is valid. */
    @Transactional(readOnly = true)
    Optional<ReceiptView> byToken(String token) {
        return row(token, false).map(this::view);
    }

    /**
     * "I did not authorize this", with what the cardholder says happened and, if they wrote any, their own words
     * (redacted on the way into the report, as every report's description is). Saying it twice answers the first
     * report again.
     *
     * @throws NotFound when the link is unknown or no longer valid
     */
    @Transactional
    Disputed dispute(String token, WhatHappened what, String inTheirWords) {
        Row row = row(token, true).orElseThrow(() -> new NotFound("receipt", "for this link"));
        if (row.reportId() != null) {
            return new Disputed(row.reportId(), payments.settlementHeld(row.paymentId()), row.disputedAt());
        }
        Contact contact = customers.contact(row.customerId());
        var received = intake.disputedCharge(new ReportIntake.DisputedCharge(row.paymentId(), row.agentId(), row.customerId(),
                row.fingerprint(), contact.phone(), "The cardholder reported this charge as not authorized from its receipt: order "
                + row.orderId() + ", " + MoneyFormat.text(row.amount()) + ", " + row.brand() + " ****" + row.last4() + ". They say they "
                + what.forStaff() + "." + (inTheirWords == null || inTheirWords.isBlank() ? "" : " In their words: " + inTheirWords.strip())));
        String status = payments.paymentsOf(row.orderId()).stream().filter(p -> p.id().equals(row.paymentId()))
                .map(OrderPaymentSummary::status).findFirst().orElse("");
        // money already given back needs no hold; anything else stays out of settlement until someone reviews it
        boolean hold = !status.equals("REFUNDED") && !status.equals("VOIDED");
        if (hold) {
            payments.holdSettlement(row.paymentId(), "cardholder reported the charge as not authorized (" + received.reference() + ")");
        }
        Instant now = clock.instant();
        jdbc.sql("update trust_receipt set report_id = :report, disputed_at = :now where id = :id")
                .param("report", received.reference()).param("now", Db.ts(now)).param("id", row.id()).update();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("paymentId", row.paymentId());
        details.put("reportId", received.reference());
        details.put("settlementHeld", hold);
        details.put("whatHappened", what.name());
        audit.record("trust.receipt.disputed", row.id(), details);
        return new Disputed(received.reference(), hold, now);
    }

    /** Deletes receipts whose link expired, daily. */
    @Scheduled(fixedDelayString = "${telepay.trust.purge-interval}", initialDelayString = "PT3M")
    @SchedulerLock(name = "trust-receipt-expiry", lockAtMostFor = "PT30M")
    void forgetExpired() {
        jdbc.sql("delete from trust_receipt where expires_at < :now").param("now", Db.ts(clock.instant())).update();
    }

    private ReceiptView view(Row row) {
        OrderView order = orders.read(row.orderId());
        List<ReceiptView.Item> items = order.lines().stream().map(l -> new ReceiptView.Item(l.name(), l.quantity())).toList();
        // what was given back, once the acquirer confirmed it: a refund waiting for approval or an answer is no refund yet
        List<ReceiptView.Refund> refunds = asSystem(() -> operations.of(row.paymentId())).stream()
                .filter(op -> op.kind() == OperationKind.REFUND && op.status() == OperationStatus.SUCCEEDED)
                .map(op -> new ReceiptView.Refund(op.amount(), op.updatedAt())).toList();
        return new ReceiptView(company, row.orderId(), order.displayReference(), items, row.amount(), row.brand(), row.last4(),
                row.agentName(), row.capturedAt(), row.expiresAt(), row.reportId() != null, row.reportId(), row.disputedAt(), refunds);
    }

    private Optional<Row> row(String token, boolean lock) {
        if (token == null || !token.matches("[a-z2-7]{32}")) {
            return Optional.empty();
        }
        return jdbc.sql("select * from trust_receipt where token_hash = :hash and expires_at > :now" + (lock ? " for update" : ""))
                .param("hash", hash(token)).param("now", Db.ts(clock.instant()))
                .query((rs, n) -> new Row(rs.getString("id"), rs.getString("payment_id"), rs.getString("order_id"),
                        rs.getString("customer_id"), rs.getString("agent_id"), rs.getString("agent_name"),
                        Money.ofMinor(rs.getLong("amount_minor"), Money.currency(rs.getString("currency"))),
                        rs.getString("card_brand"), rs.getString("card_last4"), rs.getString("card_fingerprint"),
                        Db.instant(rs, "captured_at"), Db.instant(rs, "expires_at"), rs.getString("report_id"),
                        Db.instant(rs, "disputed_at")))
                .optional();
    }

    private record Row(String id, String paymentId, String orderId, String customerId, String agentId, String agentName,
                       Money amount, String brand, String last4, String fingerprint, Instant capturedAt, Instant expiresAt,
                       String reportId, Instant disputedAt) {
    }

    /**
     * Reads the payment as the system: the payment module's reader answers only to a person allowed to see
     * it, and a receipt is sent on no person's behalf — for the cardholder, by the system.
     */
    private static <T> T asSystem(java.util.function.Supplier<T> read) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext system = SecurityContextHolder.createEmptyContext();
        system.setAuthentication(new UsernamePasswordAuthenticationToken(Actor.SYSTEM, null,
                List.of(new SimpleGrantedAuthority(Role.ADMIN.authority()))));
        SecurityContextHolder.setContext(system);
        try {
            return read.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
