package io.telepay.console.payments;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.telepay.console.ConsoleDates;
import io.telepay.console.Names;
import io.telepay.console.Problem;
import io.telepay.customer.CustomerDirectory;
import io.telepay.customer.PhoneNumbers;
import io.telepay.idempotency.Idempotent;
import io.telepay.order.OrderReference;
import io.telepay.order.Orders;
import io.telepay.payment.OperationStatus;
import io.telepay.payment.OperationView;
import io.telepay.payment.PaymentOperations;
import io.telepay.payment.PaymentSearch;
import io.telepay.payment.PaymentStatus;
import io.telepay.payment.PaymentView;
import io.telepay.payment.RefundExceedsCapture;
import io.telepay.shared.Actors;
import io.telepay.shared.CardNumbers;
import io.telepay.shared.Ids;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.Money;
import io.telepay.shared.MoneyFormat;
import io.telepay.shared.NotFound;
import io.telepay.shared.Page;
import io.telepay.shared.Role;
import io.telepay.shared.StateConflict;
import io.telepay.shared.TelepayProblem;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Payments and orders: the list staff search (phone in any form people type it, card last 4, payment / order /
 * refund id, amount, dates, status), newest first; a payment's timeline; and the refund form, which calls the
 * API's refund service under an idempotency key of the form's own. Who sees what is the payment module's reach:
 * admins, risk analysts and auditors all, a supervisor their team's sales, an agent their own.
 */
@Controller
@RequestMapping("/console/payments")
@PreAuthorize("hasAnyRole('AGENT', 'SUPERVISOR', 'ADMIN', 'RISK_ANALYST', 'AUDITOR')")
class PaymentsPage {

    static final int PAGE = 50;
    /** As the payment module's limit on a refund's reason. */
    private static final int REASON_MAX = 500;
    /** Who may refund, as the API's {@code POST /payments/{id}/refunds}. */
    private static final List<Role> REFUNDERS = List.of(Role.AGENT, Role.SUPERVISOR, Role.ADMIN);
    /** Who may open the risk decision page. */
    private static final List<Role> DECISION_READERS = List.of(Role.RISK_ANALYST, Role.SUPERVISOR, Role.ADMIN);

    private final PaymentSearch search;
    private final PaymentOperations operations;
    private final CustomerDirectory customers;
    private final PhoneNumbers phones;
    private final Orders orders;
    private final Names names;
    private final ConsoleDates dates;
    private final Timeline timeline;
    private final MessageSource messages;
    private final BigDecimal approvalThreshold;

    PaymentsPage(PaymentSearch search, PaymentOperations operations, CustomerDirectory customers, PhoneNumbers phones,
                 Orders orders, Names names, ConsoleDates dates, Timeline timeline, MessageSource messages,
                 @Value("${telepay.payment.refund-approval-threshold:10000}") BigDecimal approvalThreshold) {
        this.search = search;
        this.orders = orders;
        this.operations = operations;
        this.customers = customers;
        this.phones = phones;
        this.names = names;
        this.dates = dates;
        this.timeline = timeline;
        this.messages = messages;
        this.approvalThreshold = approvalThreshold;
    }

    /** The order a customer quoted by its short reference, if the viewer may see it; else what matches nothing. */
    private String orderOf(String typed) {
        try {
            return orders.byReference(typed).id();
        } catch (NotFound outOfReach) {
            return "none";
        }
    }

    /** The search form as typed, shown again above the list (a card number typed by mistake is masked). */
    record Query(String phone, String last4, String reference, String amount, String from, String to, String status) {

        Query {
            phone = clean(phone);
            last4 = clean(last4);
            reference = clean(reference);
            amount = clean(amount);
            from = clean(from);
            to = clean(to);
            status = clean(status);
        }

        private static String clean(String text) {
            return text == null || text.isBlank() ? "" : CardNumbers.mask(text.strip());
        }

        public boolean any() {
            return !(phone + last4 + reference + amount + from + to + status).isEmpty();
        }
    }

    /** One row as shown: names for ids, the status and card in words. */
    record Row(PaymentSearch.Listing payment, String customer, String agent) {
    }

    @GetMapping
    String list(@RequestParam(required = false) String phone, @RequestParam(required = false) String last4,
                @RequestParam(required = false) String reference, @RequestParam(required = false) String amount,
                @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                @RequestParam(required = false) String status, @RequestParam(required = false) String cursor,
                Model model, HttpServletResponse response) {
        Query query = new Query(phone, last4, reference, amount, from, to, status);
        model.addAttribute("query", query);
        model.addAttribute("statuses", PaymentStatus.values());
        List<TelepayProblem.FieldError> errors = new ArrayList<>();
        // the number as typed: a phone number that happens to read like a card is only masked where it is shown again
        PaymentSearch.Filter filter = filter(query, phone == null ? "" : phone.strip(), errors);
        if (!errors.isEmpty()) {
            response.setStatus(400);
            model.addAttribute("problem", new Problem(400, text("payments.search.invalid"), errors));
            model.addAttribute("rows", List.of());
            return "console/payments/list";
        }
        Page<PaymentSearch.Listing> page;
        try {
            page = search.search(filter, cursor, PAGE);
        } catch (InvalidInput invalid) {
            response.setStatus(400);
            model.addAttribute("problem", new Problem(400, text("payments.search.invalid"),
                    List.of(new TelepayProblem.FieldError("cursor", text("payments.search.cursor")))));
            model.addAttribute("rows", List.of());
            return "console/payments/list";
        }
        Map<String, String> customerNames = new HashMap<>();
        Map<String, String> agentNames = new HashMap<>();
        model.addAttribute("rows", page.items().stream().map(p -> new Row(p,
                customerNames.computeIfAbsent(p.customerId(), this::customerName),
                agentNames.computeIfAbsent(p.agentId(), id -> names.staff(id, text("payments.integration"))))).toList());
        model.addAttribute("next", page.nextCursor());
        return "console/payments/list";
    }

    /** The filter the form asks for; each part that cannot be read adds what to fix, in the reader's language. */
    private PaymentSearch.Filter filter(Query query, String phone, List<TelepayProblem.FieldError> errors) {
        List<String> customerIds = null;
        if (!phone.isEmpty()) {
            try {
                String e164 = phones.normalize(phone, "phone");
                customerIds = customers.idForPhone(e164).map(List::of).orElse(List.of());
            } catch (InvalidInput notAPhone) {
                errors.add(error("phone", "payments.search.phone"));
            }
        }
        String last4 = null;
        if (!query.last4().isEmpty()) {
            last4 = query.last4().replaceAll("[\\s·*.•-]", "");
            if (!last4.matches("[0-9]{4}")) {
                errors.add(error("last4", "payments.search.last4"));
            }
        }
        BigDecimal amount = null;
        if (!query.amount().isEmpty()) {
            amount = amount(query.amount());
            if (amount == null || amount.signum() <= 0 || amount.scale() > 3) {
                errors.add(error("amount", "payments.search.amount"));
            }
        }
        LocalDate fromDay = day(query.from(), "from", errors);
        LocalDate toDay = day(query.to(), "to", errors);
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            errors.add(error("to", "payments.search.toBeforeFrom"));
        }
        PaymentStatus status = null;
        if (!query.status().isEmpty()) {
            try {
                status = PaymentStatus.valueOf(query.status());
            } catch (IllegalArgumentException e) {
                errors.add(error("status", "payments.search.status"));
            }
        }
        String reference = query.reference().isEmpty() ? null : query.reference();
        if (reference != null && OrderReference.parse(reference).isPresent()) {
            reference = orderOf(reference);
        } else if (reference != null && (reference.length() > 60 || !reference.matches("[A-Za-z0-9_]+"))) {
            errors.add(error("reference", "payments.search.reference"));
        }
        return new PaymentSearch.Filter(customerIds, last4, reference, amount,
                fromDay == null ? null : fromDay.atStartOfDay(dates.zone()).toInstant(),
                toDay == null ? null : toDay.plusDays(1).atStartOfDay(dates.zone()).toInstant(), status);
    }

    /** "1,999", "1999.50", "NT$1,999": the number in it, or null ("-5" too: a sign is never dropped). */
    private static BigDecimal amount(String text) {
        String number = text.replaceAll("[\\s,]", "").replaceFirst("^[^0-9.+-]*", "");
        if (!number.matches("[0-9]{1,15}(\\.[0-9]{1,4})?")) {
            return null;
        }
        return new BigDecimal(number).stripTrailingZeros();
    }

    private LocalDate day(String text, String field, List<TelepayProblem.FieldError> errors) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(error(field, "payments.search.date"));
            return null;
        }
    }

    private String customerName(String id) {
        String name = names.customer(id);
        // out of the reader's reach the directory gives the id back: say so in words, never show the id
        return name.equals(id) ? text("payments.customerHidden") : name;
    }

    /** What the refund form holds: as typed, to show again with what to fix. */
    record RefundForm(String amount, String reason, boolean confirmed, String idempotencyKey) {

        RefundForm {
            amount = amount == null ? "" : CardNumbers.mask(amount.strip());
            reason = reason == null ? "" : CardNumbers.mask(reason);
        }
    }

    @GetMapping("/{id}")
    String payment(@PathVariable String id, Model model) {
        PaymentSearch.History history = search.history(id);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new RefundForm(history.refundable().amount().toPlainString(), "", false, newKey()));
        }
        show(history, model);
        return "console/payments/payment";
    }

    private void show(PaymentSearch.History history, Model model) {
        PaymentView payment = history.payment();
        Role role = Actors.current().role();
        model.addAttribute("history", history);
        model.addAttribute("payment", payment);
        model.addAttribute("customer", customerName(history.customerId()));
        model.addAttribute("agent", names.staff(history.agentId(), text("payments.integration")));
        model.addAttribute("events", timeline.of(history, DECISION_READERS.contains(role)));
        model.addAttribute("decisionLinked", DECISION_READERS.contains(role));
        // the block forms live with the decision, where the values risk matched are
        model.addAttribute("blockLinked", role == Role.RISK_ANALYST || role == Role.ADMIN);
        boolean refundable = REFUNDERS.contains(role) && history.refundable().isPositive()
                && (payment.status() == PaymentStatus.CAPTURED || payment.status() == PaymentStatus.PARTIALLY_REFUNDED);
        model.addAttribute("refundable", refundable);
        model.addAttribute("threshold", MoneyFormat.text(new Money(approvalThreshold.setScale(
                Math.max(payment.amount().currency().getDefaultFractionDigits(), 0), java.math.RoundingMode.DOWN),
                payment.amount().currency())));
        model.addAttribute("pendingRefunds", history.operations().stream()
                .filter(op -> op.status() == OperationStatus.PENDING_APPROVAL).toList());
    }

    /**
     * The refund: the same service as the API's, idempotent by the form's key (a second submit of the same form
     * shows the first answer, never a second refund). Above the approval threshold it waits for a second person.
     */
    @PostMapping("/{id}/refunds")
    @PreAuthorize("hasAnyRole('AGENT', 'SUPERVISOR', 'ADMIN')")
    @Idempotent(required = true)
    String refund(@PathVariable String id, @RequestParam(defaultValue = "") String amount,
                  @RequestParam(defaultValue = "") String reason, @RequestParam(required = false) String confirm,
                  Model model, HttpServletResponse response, RedirectAttributes redirect) {
        PaymentSearch.History history = search.history(id);
        Money refundable = history.refundable();
        List<TelepayProblem.FieldError> errors = new ArrayList<>();
        Money money = null;
        BigDecimal number = amount(amount);
        int digits = Math.max(refundable.currency().getDefaultFractionDigits(), 0);
        if (amount.isBlank()) {
            errors.add(error("amount", "payments.refund.amountRequired"));
        } else if (number == null || number.scale() > digits) {
            errors.add(new TelepayProblem.FieldError("amount", text("payments.refund.amountFormat", digits)));
        } else if (number.signum() <= 0) {
            errors.add(error("amount", "payments.refund.amountPositive"));
        } else {
            money = new Money(number, refundable.currency());
        }
        if (reason.isBlank()) {
            errors.add(error("reason", "payments.refund.reasonRequired"));
        } else if (reason.strip().length() > REASON_MAX) {
            errors.add(error("reason", "payments.refund.reasonLong"));
        } else if (CardNumbers.contains(reason)) {
            // the reason is stored, audited and sent in events: never with a card number in it
            errors.add(error("reason", "payments.refund.reasonCard"));
        }
        if (confirm == null) {
            errors.add(error("confirm", "payments.refund.confirmRequired"));
        }
        if (money != null && money.isGreaterThan(refundable)) {
            errors.add(new TelepayProblem.FieldError("amount", text("payments.refund.tooMuch", MoneyFormat.text(refundable))));
        }
        if (errors.isEmpty()) {
            try {
                OperationView refund = operations.refund(id, money, reason);
                redirect.addFlashAttribute("refundNotice", text("payments.refund.done." + refund.status().name(),
                        MoneyFormat.text(refund.amount())));
                redirect.addFlashAttribute("refundTone", switch (refund.status()) {
                    case SUCCEEDED -> "success";
                    case FAILED, REJECTED -> "error";
                    default -> "warn";
                });
                return "redirect:/console/payments/" + id;
            } catch (RefundExceedsCapture over) {
                // someone else refunded meanwhile: what is left is less than the form said
                errors.add(new TelepayProblem.FieldError("amount", text("payments.refund.tooMuch",
                        MoneyFormat.text(search.history(id).refundable()))));
            } catch (InvalidInput invalid) {
                // the checks above are the service's own; should it refuse something they let through, say what it said
                errors.addAll(invalid.errors());
            } catch (StateConflict conflict) {
                response.setStatus(409);
                model.addAttribute("problem", new Problem(409, text("payments.refund.notNow"), List.of()));
            }
        }
        if (!errors.isEmpty()) {
            response.setStatus(422);
            // the heading of a form to correct ("Please check what you entered"), whatever the status says
            model.addAttribute("problem", new Problem(400, text("payments.refund.check"), errors));
        }
        model.addAttribute("form", new RefundForm(amount, reason, confirm != null, newKey()));
        show(search.history(id), model);
        return "console/payments/payment";
    }

    private static String newKey() {
        return "console-refund-" + Ids.randomToken(16);
    }

    private TelepayProblem.FieldError error(String field, String key) {
        return new TelepayProblem.FieldError(field, text(key));
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
