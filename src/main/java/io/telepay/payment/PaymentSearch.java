package io.telepay.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.telepay.identity.StaffDirectory;
import io.telepay.identity.StaffUser;
import io.telepay.order.Orders;
import io.telepay.payment.internal.PaymentRow;
import io.telepay.payment.internal.PaymentStore;
import io.telepay.shared.Actor;
import io.telepay.shared.Actors;
import io.telepay.shared.Db;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.Money;
import io.telepay.shared.NotFound;
import io.telepay.shared.Page;
import io.telepay.shared.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The payments list staff search (by customer, card last 4, payment / order / refund id, amount, time and
 * status), newest first, and one payment's whole history: its sessions, every attempt on them, its operations.
 * Reach as {@link Payments}: admins, risk analysts and auditors see all; a supervisor their own and their team's
 * agents' sales; an agent their own.
 */
@Service
public class PaymentSearch {

    /** Currencies whose minor unit is not the usual hundredth (JPY has none, BHD a thousandth). */
    private static final List<String> NO_MINOR_UNIT = currencies(0);
    private static final List<String> THOUSANDTHS = currencies(3);

    private final JdbcClient jdbc;
    private final PaymentStore store;
    private final Orders orders;
    private final StaffDirectory staff;
    private final Clock clock;

    PaymentSearch(JdbcClient jdbc, PaymentStore store, Orders orders, StaffDirectory staff, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.orders = orders;
        this.staff = staff;
        this.clock = clock;
    }

    /**
     * What to look for; every part optional (null), all given parts must hold.
     *
     * @param customerIds the customers whose payments (e.g. the one a phone number belongs to); an empty list finds nothing
     * @param reference   a payment id, an order id, or a refund's id (finds its payment)
     * @param amount      the payment's amount in its own currency ({@code 1999} finds NT$1,999.00 and ¥1,999)
     * @param from        created at or after; {@code to}: created before
     */
    public record Filter(List<String> customerIds, String last4, String reference, BigDecimal amount, Instant from,
                         Instant to, PaymentStatus status) {

        public static Filter none() {
            return new Filter(null, null, null, null, null, null, null);
        }
    }

    /** One row of the list. {@code card} as the reader's role may see it (no fingerprint for agents). */
    public record Listing(String id, String orderId, String customerId, String agentId, PaymentStatus status, Money amount,
                          Money refunded, PaymentView.Card card, Instant createdAt) {
    }

    /**
     * @throws InvalidInput naming {@code last4}, {@code amount} or {@code cursor}
     */
    @Transactional(readOnly = true)
    public Page<Listing> search(Filter filter, String cursor, int limit) {
        Actor actor = Actors.current();
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (!actor.isAny(Role.ADMIN, Role.RISK_ANALYST, Role.AUDITOR)) {
            where.append(" and p.agent_id in (:agents)");
            params.put("agents", reachOf(actor));
        }
        if (filter.customerIds() != null) {
            if (filter.customerIds().isEmpty()) {
                return new Page<>(List.of(), null);
            }
            where.append(" and p.customer_id in (:customers)");
            params.put("customers", filter.customerIds());
        }
        if (filter.last4() != null) {
            if (!filter.last4().matches("[0-9]{4}")) {
                throw new InvalidInput("last4", "must be the last 4 digits of the card");
            }
            where.append(" and p.card_last4 = :last4");
            params.put("last4", filter.last4());
        }
        if (filter.reference() != null) {
            String ref = filter.reference().strip();
            if (ref.length() > 60) {
                throw new InvalidInput("reference", "is not a payment, order or refund id");
            }
            where.append(" and (p.id = :ref or p.order_id = :ref"
                    + " or p.id in (select o.payment_id from payment_operation o where o.id = :ref))");
            params.put("ref", ref);
        }
        if (filter.amount() != null) {
            amount(filter.amount(), where, params);
        }
        if (filter.from() != null) {
            where.append(" and p.created_at >= :from");
            params.put("from", Db.ts(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" and p.created_at < :to");
            params.put("to", Db.ts(filter.to()));
        }
        if (filter.status() != null) {
            where.append(" and p.status = :status");
            params.put("status", filter.status().name());
        }
        if (cursor != null && !cursor.isBlank()) {
            Position after = Position.parse(cursor);
            where.append(" and (p.created_at < :afterAt or (p.created_at = :afterAt and p.id < :afterId))");
            params.put("afterAt", Db.ts(after.at()));
            params.put("afterId", after.id());
        }
        int size = Math.clamp(limit, 1, Page.MAX_LIMIT);
        List<PaymentRow> rows = jdbc.sql("select p.* from payment p where " + where
                        + " order by p.created_at desc, p.id desc limit :limit")
                .params(params).param("limit", size + 1)
                .query(PaymentRow::map).list();
        boolean more = rows.size() > size;
        List<PaymentRow> shown = more ? rows.subList(0, size) : rows;
        Role role = actor.role();
        List<Listing> items = shown.stream().map(row -> new Listing(row.id(), row.orderId(), row.customerId(), row.agentId(),
                row.status(), row.amount(), row.refunded(), card(row.card()).visibleTo(role), row.createdAt())).toList();
        String next = more ? new Position(shown.getLast().createdAt(), shown.getLast().id()).toString() : null;
        return new Page<>(items, next);
    }

    /** An attempt to pay in one of the order's sessions: approved, held, declined (with the acquirer's code) … */
    public record Attempt(String paymentId, PaymentStatus status, Money amount, PaymentView.Card card, String declineCode,
                          PaymentView.Risk risk, Instant at) {
    }

    /**
     * A payment with everything that happened around it.
     *
     * @param sessions   the order's payment sessions, oldest first
     * @param attempts   every payment made in those sessions (this one included), oldest first
     * @param operations this payment's authorization, captures, voids, refunds and chargebacks, oldest first
     * @param refundable what may still be refunded: captured, less refunds and chargebacks done, waiting or being confirmed
     */
    public record History(PaymentView payment, String customerId, String agentId, List<PaymentSessionView> sessions,
                          List<Attempt> attempts, List<OperationView> operations, Money refundable) {
    }

    /**
     * @throws NotFound when the payment is missing or out of the actor's reach
     */
    @Transactional(readOnly = true)
    public History history(String paymentId) {
        Actor actor = Actors.current();
        PaymentRow row = jdbc.sql("select * from payment where id = :id").param("id", paymentId).query(PaymentRow::map)
                .optional().orElseThrow(() -> new NotFound("payment", paymentId));
        if (!actor.isAny(Role.RISK_ANALYST, Role.ADMIN, Role.AUDITOR)) {
            orders.get(row.orderId());
        }
        Payment payment = store.find(paymentId).orElseThrow(() -> new NotFound("payment", paymentId));
        Instant now = clock.instant();
        List<PaymentSessionView> sessions = store.sessionsOf(row.orderId()).stream().map(s -> s.view(now))
                .sorted(Comparator.comparing(PaymentSessionView::createdAt)).toList();
        Role role = actor.role();
        List<Attempt> attempts = jdbc.sql("select * from payment where order_id = :order order by created_at, id")
                .param("order", row.orderId()).query(PaymentRow::map).list().stream()
                .map(p -> new Attempt(p.id(), p.status(), p.amount(), card(p.card()).visibleTo(role), p.declineCode(),
                        new PaymentView.Risk(p.risk().action(), p.risk().score(), p.risk().reasons()), p.createdAt()))
                .toList();
        List<OperationView> operations = new ArrayList<>();
        Money spoken = Money.zero(row.amount().currency());
        for (Payment.Operation op : payment.operations()) {
            operations.add(new OperationView(op.id(), paymentId, row.orderId(), op.kind(), op.status(), op.amount(), op.reason(),
                    op.declineCode(), op.requestedBy(), op.requestedByName(), op.decidedBy(), op.decidedByName(), op.decidedAt(),
                    op.decisionNote(), op.createdAt(), op.updatedAt()));
            if ((op.kind() == OperationKind.REFUND || op.kind() == OperationKind.CHARGEBACK) && op.status().holdsAmount()) {
                spoken = spoken.plus(op.amount());
            }
        }
        Money refundable = row.captured().minus(spoken);
        return new History(row.view(), row.customerId(), row.agentId(), sessions, attempts, List.copyOf(operations),
                refundable.isNegative() ? Money.zero(row.amount().currency()) : refundable);
    }

    private List<String> reachOf(Actor actor) {
        List<String> agents = new ArrayList<>(List.of(actor.id()));
        if (actor.is(Role.SUPERVISOR) && actor.team() != null) {
            agents.addAll(staff.team(actor.team()).stream().map(StaffUser::id).toList());
        }
        return agents;
    }

    /** The amount in each currency's minor units; a branch whose currency cannot hold the amount's decimals is left out. */
    private static void amount(BigDecimal amount, StringBuilder where, Map<String, Object> params) {
        if (amount.signum() <= 0 || amount.scale() > 3 || amount.precision() - amount.scale() > 15) {
            throw new InvalidInput("amount", "must be an amount such as 1999 or 1999.50");
        }
        List<String> branches = new ArrayList<>();
        minor(amount, 0).ifPresent(m -> {
            branches.add("(p.currency in (:zeroDigit) and p.amount_minor = :m0)");
            params.put("zeroDigit", NO_MINOR_UNIT);
            params.put("m0", m);
        });
        minor(amount, 3).ifPresent(m -> {
            branches.add("(p.currency in (:threeDigit) and p.amount_minor = :m3)");
            params.put("threeDigit", THOUSANDTHS);
            params.put("m3", m);
        });
        minor(amount, 2).ifPresent(m -> {
            branches.add("(p.currency not in (:notTwoDigit) and p.amount_minor = :m2)");
            List<String> others = new ArrayList<>(NO_MINOR_UNIT);
            others.addAll(THOUSANDTHS);
            params.put("notTwoDigit", others);
            params.put("m2", m);
        });
        where.append(" and (").append(String.join(" or ", branches)).append(')');
    }

    private static java.util.Optional<Long> minor(BigDecimal amount, int digits) {
        BigDecimal moved = amount.movePointRight(digits);
        try {
            return java.util.Optional.of(moved.stripTrailingZeros().longValueExact());
        } catch (ArithmeticException notWhole) {
            return java.util.Optional.empty();
        }
    }

    private static List<String> currencies(int digits) {
        return Currency.getAvailableCurrencies().stream().filter(c -> c.getDefaultFractionDigits() == digits)
                .map(Currency::getCurrencyCode).sorted().toList();
    }

    private static PaymentView.Card card(Payment.Card card) {
        return new PaymentView.Card(card.brand(), card.bin(), card.last4(), card.expMonth(), card.expYear(), card.fingerprint());
    }

    /** A place in the list: {@code <microseconds since 1970>_<payment id>}. */
    record Position(Instant at, String id) {

        static Position parse(String text) {
            try {
                int separator = text.indexOf('_');
                long micros = Long.parseLong(text.substring(0, separator));
                String id = text.substring(separator + 1);
                if (!id.startsWith("pay_") || id.length() > 60) {
                    throw new IllegalArgumentException();
                }
                return new Position(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id);
            } catch (RuntimeException e) {
                throw new InvalidInput("cursor", "is not a cursor this list gave out");
            }
        }

        @Override
        public String toString() {
            return ChronoUnit.MICROS.between(Instant.EPOCH, at) + "_" + id;
        }
    }
}
