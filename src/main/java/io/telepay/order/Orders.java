package io.telepay.order;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.telepay.audit.AuditTrail;
import io.telepay.call.CallSummary;
import io.telepay.call.Calls;
import io.telepay.catalog.Catalog;
import io.telepay.catalog.Fulfilment;
import io.telepay.catalog.Product;
import io.telepay.customer.CustomerDirectory;
import io.telepay.customer.PhoneNumbers;
import io.telepay.identity.StaffDirectory;
import io.telepay.identity.StaffUser;
import io.telepay.shared.Actor;
import io.telepay.shared.Actors;
import io.telepay.shared.Checks;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.Money;
import io.telepay.shared.NotFound;
import io.telepay.shared.Page;
import io.telepay.shared.Role;
import io.telepay.shared.TelepayProblem.FieldError;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Orders from draft to fulfilled or refunded. Staff commands ({@link #create}, {@link #change},
 * {@link #confirm}, {@link #cancel}) act for {@link Actors#current()} within its reach; the payment and
 * fulfilment modules report what happened to an order with {@link #markPaid}, {@link #markRefunded} and
 * {@link #recordFulfilment}. Every change is one transaction with its audit entry and its event
 * (Spring Modulith's publication registry keeps the event with the order, or neither).
 */
@Service
public class Orders {

    /** Larger totals are refused: far above any phone sale, and safely inside the bigint and numeric columns. */
    static final long MAX_TOTAL_MINOR = 999_999_999_999_999L;
    static final int REASON_MAX = 500;
    private static final Pattern FULFILMENT_STATUS = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");

    private final OrderRows rows;
    private final OrderReach reach;
    private final Catalog catalog;
    private final CustomerDirectory customers;
    private final PhoneNumbers phones;
    private final StaffDirectory staff;
    private final ObjectProvider<Calls> calls;
    private final ObjectProvider<OrderPayments> payments;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Orders(OrderRows rows, OrderReach reach, Catalog catalog, CustomerDirectory customers, PhoneNumbers phones,
           StaffDirectory staff, ObjectProvider<Calls> calls, ObjectProvider<OrderPayments> payments, AuditTrail audit,
           ApplicationEventPublisher events, Clock clock) {
        this.rows = rows;
        this.reach = reach;
        this.catalog = catalog;
        this.customers = customers;
        this.phones = phones;
        this.staff = staff;
        this.calls = calls;
        this.payments = payments;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    // ---- the contract with the payment and fulfilment modules ----

    /**
     * The order if the current actor may see it (an agent their own, a supervisor their team's, ADMIN all;
     * risk analysts and auditors read all).
     *
     * @throws NotFound when missing or out of reach
     */
    public OrderView get(String id) {
        return readable(id, Actors.current()).view();
    }

    /**
     * The order regardless of who asks: for work done on the system's behalf (the pay page the customer
     * opens, the reconciler, fulfilment). Never expose its result to a staff member without {@link #get}.
     *
     * @throws NotFound when missing
     */
    public OrderView read(String id) {
        return row(id).view();
    }

    /**
     * The shipping address in full, regardless of who asks: for the fulfilment module to ship the goods.
     * Empty when the order ships nothing.
     *
     * @throws NotFound when missing
     */
    public Optional<ShippingAddress> shippingAddress(String orderId) {
        return Optional.ofNullable(row(orderId).shippingAddress());
    }

    /**
     * CONFIRMED → PAID in the caller's transaction, publishing {@link OrderPaid}. Idempotent: an order
     * already PAID (or later) by the same payment is left as it is.
     *
     * @throws io.telepay.shared.StateConflict when the order is not CONFIRMED
     */
    @Transactional
    public void markPaid(String orderId, String paymentId) {
        Objects.requireNonNull(paymentId, "paymentId");
        OrderRow order = rows.lock(orderId, false).orElseThrow(() -> new NotFound("order", orderId));
        if (paymentId.equals(order.paymentId())) {
            return;
        }
        order.next(OrderCommand.MARK_PAID);
        paid(order, paymentId);
    }

    /**
     * A payment captured money for the order, in the caller's transaction: a CONFIRMED order becomes PAID
     * (as {@link #markPaid}); any other is left as it is — already paid (a later partial capture), or cancelled
     * while the bank answered, which the caller must act on. Answers the status the order had.
     *
     * @throws NotFound when missing
     */
    @Transactional
    public OrderStatus paymentCaptured(String orderId, String paymentId) {
        OrderRow order = rows.lock(orderId, false).orElseThrow(() -> new NotFound("order", orderId));
        if (order.status() == OrderStatus.CONFIRMED) {
            order.next(OrderCommand.MARK_PAID);
            paid(order, paymentId);
        }
        return order.status();
    }

    private void paid(OrderRow order, String paymentId) {
        Instant now = now();
        rows.markPaid(order.id(), paymentId, now);
        customers.recordPaid(order.id(), now);
        audit.record("order.paid", order.id(), Map.of("paymentId", paymentId, "total", order.total().toString()));
        events.publishEvent(new OrderPaid(order.id(), paymentId, order.customerId(), order.agentId(), order.total()));
    }

    /**
     * After a refund: PAID or FULFILLED (or PARTIALLY_REFUNDED) → PARTIALLY_REFUNDED, or → REFUNDED when
     * {@code fully}. In the caller's transaction. Reporting a full refund of a REFUNDED order changes nothing.
     *
     * @throws io.telepay.shared.StateConflict when the order was never paid, or is REFUNDED and {@code fully} is false
     */
    @Transactional
    public void markRefunded(String orderId, boolean fully) {
        OrderRow order = rows.lock(orderId, false).orElseThrow(() -> new NotFound("order", orderId));
        OrderStatus to = order.next(fully ? OrderCommand.REFUND_FULLY : OrderCommand.REFUND_PARTIALLY);
        if (order.status() == OrderStatus.REFUNDED) {
            return;
        }
        rows.refunded(orderId, order.status(), to, now());
        audit.record(fully ? "order.refunded" : "order.partially-refunded", orderId,
                Map.of("from", order.status().name(), "to", to.name()));
    }

    /**
     * Records the fulfilment's progress for {@code GET /orders/{id}} ({@code fulfilment: {status, reference}});
     * status {@code COMPLETED} moves PAID → FULFILLED. In the caller's transaction. Reporting the same
     * progress again changes nothing.
     *
     * @param fulfilmentStatus upper-case word such as {@code SHIPPED} or {@code COMPLETED}
     * @param reference        tracking number or task id, at most 200 characters; may be null
     * @throws io.telepay.shared.StateConflict when the order was never paid (or was cancelled)
     * @throws InvalidInput for a malformed status or reference
     */
    @Transactional
    public void recordFulfilment(String orderId, String fulfilmentStatus, String reference) {
        String status = fulfilmentStatus == null ? null : fulfilmentStatus.strip();
        String ref = NewOrder.blankToNull(reference);
        Checks.start()
                .matches("fulfilmentStatus", status, FULFILMENT_STATUS, "must be an upper-case word such as SHIPPED or COMPLETED")
                .optionalText("reference", ref, 200)
                .orThrow();
        OrderRow order = rows.lock(orderId, false).orElseThrow(() -> new NotFound("order", orderId));
        OrderStatus to = order.next(OrderDetails.Fulfilment.COMPLETED.equals(status)
                ? OrderCommand.COMPLETE_FULFILMENT : OrderCommand.RECORD_FULFILMENT);
        if (to == order.status() && status.equals(order.fulfilment().status()) && Objects.equals(ref, order.fulfilment().reference())) {
            return;
        }
        rows.fulfilment(orderId, order.status(), to, status, ref, now());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("fulfilmentStatus", status);
        details.put("reference", ref == null ? "" : ref);
        details.put("to", to.name());
        audit.record(to == OrderStatus.FULFILLED && order.status() != OrderStatus.FULFILLED
                ? "order.fulfilled" : "order.fulfilment-recorded", orderId, details);
    }

    // ---- staff commands ----

    /**
     * Creates a draft: lines priced from the catalog in the products' one currency, linked to the customer
     * (who must be within the actor's reach), the agent and optionally the call.
     *
     * @throws NotFound     when the customer is unknown or out of reach
     * @throws OrderRefused naming {@code lines[i].sku}, {@code shippingAddress}, {@code callId} or {@code agentId}
     */
    @Transactional
    public OrderDetails create(NewOrder order) {
        Actor actor = Actors.current();
        String agentId = agentFor(actor, order.agentId());
        customers.get(order.customerId());
        Priced priced = price(order.lines());
        ShippingAddress address = normalized(order.shippingAddress());
        requireAddressWhenShipping(priced.lines(), address);
        checkCall(order.callId(), order.customerId(), agentId);
        String id = Ids.next("ord_");
        Instant now = now();
        OrderRow created = new OrderRow(id, rows.freeReference(), OrderStatus.DRAFT, order.customerId(), order.callId(), agentId, priced.lines(),
                priced.total(), address, null, null, null, null, OrderDetails.Fulfilment.notStarted(), actor.id(), now, now);
        rows.insert(created);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("customerId", order.customerId());
        details.put("agentId", agentId);
        details.put("callId", order.callId() == null ? "" : order.callId());
        details.put("lines", summary(priced.lines()));
        details.put("total", priced.total().toString());
        details.put("shippingAddress", address == null ? "none" : address.country());
        audit.record("order.created", id, details);
        // a new order has no payments yet, and whoever created it may see it: no need to read it back
        return created.details(shown(created, actor), List.of());
    }

    /**
     * Replaces the lines (re-priced from the catalog) and/or the shipping address of a draft.
     *
     * @throws OrderStateConflict when the order is no longer a draft
     */
    @Transactional
    public OrderDetails change(String id, OrderChange change) {
        Actor actor = Actors.current();
        OrderRow order = changeable(id, actor, true);
        order.next(OrderCommand.CHANGE_LINES);
        boolean linesChanged = change.lines() != null;
        List<OrderLine> lines = order.lines();
        Money total = order.total();
        if (linesChanged) {
            Priced priced = price(change.lines());
            lines = priced.lines();
            total = priced.total();
        }
        ShippingAddress address = change.shippingAddress() != null ? normalized(change.shippingAddress()) : order.shippingAddress();
        requireAddressWhenShipping(lines, address);
        rows.replace(id, lines, total, address, linesChanged, now());
        Map<String, Object> details = new LinkedHashMap<>();
        if (linesChanged) {
            details.put("lines", Map.of("from", summary(order.lines()), "to", summary(lines)));
            details.put("total", Map.of("from", order.total().toString(), "to", total.toString()));
        }
        if (change.shippingAddress() != null) {
            details.put("shippingAddress", "changed");
        }
        audit.record("order.changed", id, details);
        return details(id);
    }

    /**
     * The customer agreed on the call: records who confirmed, when, on which call and the read-back in
     * {@code language}; publishes {@link OrderConfirmed}; tells the customer module of the order. From now on
     * lines and total are final.
     *
     * @throws OrderStateConflict when the order is not a draft
     * @throws OrderTotalChanged  when {@code expectedTotal} is given and is not the order's total
     * @throws OrderRefused       naming {@code callId}, or {@code lines[i].sku} of a product taken off sale since
     */
    @Transactional
    public OrderDetails confirm(String id, ConfirmOrder confirmation, ReadBackLanguage language) {
        Actor actor = Actors.current();
        OrderRow order = changeable(id, actor, true);
        order.next(OrderCommand.CONFIRM);
        if (confirmation.expectedTotal() != null && !confirmation.expectedTotal().equals(order.total())) {
            throw new OrderTotalChanged(id, confirmation.expectedTotal(), order.total());
        }
        if (confirmation.callId() != null) {
            checkCall(confirmation.callId(), order.customerId(), order.agentId());
        }
        String callId = confirmation.callId() != null ? confirmation.callId() : order.callId();
        requireStillOnSale(order.lines());
        ReadBack readBack = ReadBack.of(order.details(order.shippingAddress(), null), language);
        Instant now = now();
        rows.confirm(id, now, actor.id(), callId, readBack.text(), language.tag());
        customers.recordOrder(order.customerId(), id, order.total());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("callId", callId == null ? "" : callId);
        details.put("lines", summary(order.lines()));
        details.put("total", order.total().toString());
        details.put("readBackLanguage", language.tag());
        audit.record("order.confirmed", id, details);
        events.publishEvent(new OrderConfirmed(id, order.customerId(), order.agentId(), callId, order.total()));
        return details(id);
    }

    /**
     * Calls the order off before payment. A paid order is refunded instead.
     *
     * @param reason why, in the agent's words; may be null
     * @throws OrderStateConflict when the order is paid, refunded or already cancelled
     */
    @Transactional
    public OrderDetails cancel(String id, String reason) {
        String why = NewOrder.blankToNull(reason);
        Checks.start().optionalText("reason", why, REASON_MAX).orThrow();
        Actor actor = Actors.current();
        OrderRow order = changeable(id, actor, false);
        order.next(OrderCommand.CANCEL);
        rows.cancel(id, order.status(), now(), actor.id(), why);
        audit.record("order.cancelled", id, Map.of("from", order.status().name(), "reason", why == null ? "" : why));
        events.publishEvent(new OrderCancelled(id, order.customerId(), order.agentId()));
        return details(id);
    }

    // ---- staff reads ----

    /**
     * The order with its payments and fulfilment, if the current actor may see it. The shipping phone is
     * shown in full only to the order's agent.
     *
     * @throws NotFound when missing or out of reach
     */
    public OrderDetails details(String id) {
        Actor actor = Actors.current();
        OrderRow order = readable(id, actor);
        OrderPayments source = payments.getIfAvailable();
        return order.details(shown(order, actor), source == null ? List.of() : source.paymentsOf(id));
    }

    /**
     * The order a customer quotes by its short reference, typed as people do ({@code k7m2-qx9p}).
     *
     * @throws io.telepay.shared.InvalidInput naming {@code reference} when it cannot be one
     * @throws NotFound when no order the actor may see has it
     */
    public OrderDetails byReference(String typed) {
        String reference = OrderReference.parse(typed).orElse(null);
        io.telepay.shared.Checks.start().check(reference != null, "reference",
                "must be the order's 8-character reference, e.g. K7M2 QX9P").orThrow();
        return details(rows.idByReference(reference).orElseThrow(() -> new NotFound("order", reference)));
    }

    /** The read-back of an order the current actor may see, in {@code language}. */
    public ReadBack readBack(String id, ReadBackLanguage language) {
        OrderRow order = readable(id, Actors.current());
        return ReadBack.of(order.details(order.shippingAddress(), null), language);
    }

    /**
     * The agents whose orders the current actor reads, for other modules' lists of what hangs off an order;
     * empty when the actor reads every order. A TELEPHONY key reads none (an empty list).
     */
    public Optional<List<String>> agentsInReach() {
        Actor actor = Actors.current();
        if (actor.is(Role.TELEPHONY)) {
            return Optional.of(List.of());
        }
        return reach.readsAll(actor) ? Optional.empty() : Optional.of(reach.agentsReadBy(actor));
    }

    /** Orders within the current actor's reach, newest first, with lines but without payments. */
    public Page<OrderDetails> list(OrderQuery query) {
        Actor actor = Actors.current();
        if (actor.is(Role.TELEPHONY)) {
            return new Page<>(List.of(), null);
        }
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (!reach.readsAll(actor)) {
            where.append(" and agent_id in (:reach)");
            params.put("reach", reach.agentsReadBy(actor));
        }
        if (query.customerId() != null) {
            where.append(" and customer_id = :customer");
            params.put("customer", query.customerId());
        }
        if (query.agentId() != null) {
            where.append(" and agent_id = :agent");
            params.put("agent", query.agentId());
        }
        if (query.callId() != null) {
            where.append(" and call_id = :call");
            params.put("call", query.callId());
        }
        if (!query.statuses().isEmpty()) {
            where.append(" and status in (:statuses)");
            params.put("statuses", query.statuses().stream().map(Enum::name).toList());
        }
        if (query.cursor() != null) {
            Cursor after = Cursor.parse(query.cursor());
            where.append(" and (created_at < :afterAt or (created_at = :afterAt and id < :afterId))");
            params.put("afterAt", Db.ts(after.createdAt()));
            params.put("afterId", after.id());
        }
        List<OrderRow> page = rows.list(where.toString(), params, query.limit());
        List<OrderDetails> items = page.stream().map(order -> order.details(shown(order, actor), null)).toList();
        String next = page.size() == query.limit() ? new Cursor(page.getLast().createdAt(), page.getLast().id()).toString() : null;
        return new Page<>(items, next);
    }

    // ---- internals ----

    /** Lines priced from the catalog, and their total in the one currency of the order. */
    record Priced(List<OrderLine> lines, Money total) {
    }

    private Priced price(List<RequestedLine> requested) {
        Map<String, Product> products = catalog.findActiveBySkus(requested.stream().map(RequestedLine::sku).toList());
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            if (!products.containsKey(requested.get(i).sku())) {
                errors.add(new FieldError("lines[" + i + "].sku", "is not a product on sale (unknown or inactive SKU)"));
            }
        }
        if (!errors.isEmpty()) {
            throw new OrderRefused(errors);
        }
        String currency = products.get(requested.getFirst().sku()).price().currencyCode();
        for (int i = 1; i < requested.size(); i++) {
            String other = products.get(requested.get(i).sku()).price().currencyCode();
            if (!other.equals(currency)) {
                errors.add(new FieldError("lines[" + i + "].sku", "is priced in " + other + ", but the order is in "
                        + currency + " (from lines[0]): an order holds one currency; take a separate order"));
            }
        }
        if (!errors.isEmpty()) {
            throw new OrderRefused(errors);
        }
        Money first = products.get(requested.getFirst().sku()).price();
        List<OrderLine> lines = new ArrayList<>(requested.size());
        BigDecimal total = BigDecimal.ZERO;
        for (RequestedLine line : requested) {
            Product product = products.get(line.sku());
            // exact decimals, never a double; minor units are taken only after the total is known to fit
            Money lineTotal = product.price().times(line.quantity());
            total = total.add(lineTotal.amount());
            lines.add(new OrderLine(product.sku(), product.id(), product.name(), line.quantity(), product.price(),
                    lineTotal, product.fulfilment().name()));
        }
        if (total.movePointRight(first.amount().scale()).compareTo(BigDecimal.valueOf(MAX_TOTAL_MINOR)) > 0) {
            throw new OrderRefused("lines", "add up to more than an order may total (" + MAX_TOTAL_MINOR
                    + " minor units of " + currency + ")");
        }
        return new Priced(List.copyOf(lines), new Money(total, first.currency()));
    }

    private void requireStillOnSale(List<OrderLine> lines) {
        Map<String, Product> products = catalog.findActiveBySkus(lines.stream().map(OrderLine::sku).toList());
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!products.containsKey(lines.get(i).sku())) {
                errors.add(new FieldError("lines[" + i + "].sku", "was taken off sale since the order was made; change the lines"));
            }
        }
        if (!errors.isEmpty()) {
            throw new OrderRefused(errors);
        }
    }

    private ShippingAddress normalized(ShippingAddress address) {
        return address == null ? null : address.withPhone(phones.normalize(address.phone(), "shippingAddress.phone"));
    }

    private static void requireAddressWhenShipping(List<OrderLine> lines, ShippingAddress address) {
        if (address != null) {
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            if (Fulfilment.SHIPMENT.name().equals(lines.get(i).fulfilment())) {
                throw new OrderRefused("shippingAddress", "is required: " + lines.get(i).sku() + " (lines[" + i + "]) is shipped");
            }
        }
    }

    /** A call named on an order must be a call of the same customer by the order's agent. */
    private void checkCall(String callId, String customerId, String agentId) {
        if (callId == null) {
            return;
        }
        Calls source = calls.getIfAvailable();
        Optional<CallSummary> call = source == null ? Optional.empty() : source.summary(callId);
        boolean sameSale = call.isPresent() && customerId.equals(call.get().customerId())
                && agentId.equals(call.get().agentId());
        if (!sameSale) {
            // one answer for unknown calls and other people's calls: the id reveals nothing
            throw new OrderRefused("callId", "must be a call with this customer by the order's agent");
        }
    }

    /** Agents take orders for themselves; a supervisor may name an agent of their team, an admin any agent. */
    private String agentFor(Actor actor, String requested) {
        if (!actor.isAny(Role.AGENT, Role.SUPERVISOR, Role.ADMIN)) {
            throw new AccessDeniedException("this role does not take orders");
        }
        if (requested == null || requested.equals(actor.id())) {
            return actor.id();
        }
        if (actor.is(Role.AGENT)) {
            throw new OrderRefused("agentId", "agents take orders for themselves; leave it out");
        }
        Optional<StaffUser> agent = staff.find(requested).filter(user -> user.role() == Role.AGENT && user.enabled());
        if (agent.isEmpty() || (actor.is(Role.SUPERVISOR) && (actor.team() == null || !actor.team().equals(agent.get().team())))) {
            throw new OrderRefused("agentId", actor.is(Role.SUPERVISOR) ? "must be an enabled agent of your team" : "must be an enabled agent");
        }
        return agent.get().id();
    }

    private OrderRow row(String id) {
        return rows.find(id).orElseThrow(() -> new NotFound("order", id));
    }

    private OrderRow readable(String id, Actor actor) {
        OrderRow order = row(id);
        if (!reach.canRead(actor, order.agentId())) {
            throw new NotFound("order", id);
        }
        return order;
    }

    private OrderRow changeable(String id, Actor actor, boolean withLines) {
        OrderRow order = rows.lock(id, withLines).orElseThrow(() -> new NotFound("order", id));
        if (!reach.canChange(actor, order.agentId())) {
            if (reach.canRead(actor, order.agentId())) {
                throw new AccessDeniedException("this role reads orders but does not change them");
            }
            throw new NotFound("order", id);
        }
        return order;
    }

    /** The address as this actor may see it: the phone in full only for the agent who took the order. */
    private static ShippingAddress shown(OrderRow order, Actor actor) {
        ShippingAddress address = order.shippingAddress();
        if (address == null || actor.id().equals(order.agentId())) {
            return address;
        }
        return address.withPhone(PhoneNumbers.mask(address.phone()));
    }

    private static String summary(List<OrderLine> lines) {
        return lines.stream().map(line -> line.sku() + " x" + line.quantity()).collect(Collectors.joining(", "));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Position in the newest-first list: creation time and id of the last order of the page. */
    record Cursor(Instant createdAt, String id) {

        static Cursor parse(String text) {
            int separator = text.indexOf('_');
            try {
                long micros = Long.parseLong(text.substring(0, separator));
                String id = text.substring(separator + 1);
                if (!id.startsWith("ord_") || id.length() > 40) {
                    throw new IllegalArgumentException();
                }
                return new Cursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id);
            } catch (RuntimeException e) {
                throw new InvalidInput("cursor", "is not a cursor this endpoint gave out");
            }
        }

        @Override
        public String toString() {
            return ChronoUnit.MICROS.between(Instant.EPOCH, createdAt) + "_" + id;
        }
    }
}
