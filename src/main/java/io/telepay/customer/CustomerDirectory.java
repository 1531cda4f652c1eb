package io.telepay.customer;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.telepay.audit.AuditTrail;
import io.telepay.customer.lead.LeadQueue;
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
import org.springframework.dao.DuplicateKeyException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The customers of the company: create, find, change, do-not-call, and the facts other modules report
 * about them (call outcomes, orders) that drive the lead queue.
 *
 * <p>Methods that take no actor act for {@link Actors#current()} and apply its reach: an object out of
 * reach is a {@link NotFound}, exactly as an unknown id. Methods marked "for other modules" do no
 * access check; their callers (call, order) have checked that the actor may work on the customer,
 * typically by calling {@link #get(String)} first.
 */
@Service
public class CustomerDirectory {

    static final int MAX_REASON = 500;

    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final PhoneNumbers phones;
    private final Reach reach;
    private final StaffDirectory staff;
    private final AuditTrail audit;
    private final LeadQueue leads;
    private final Clock clock;

    CustomerDirectory(JdbcClient jdbc, TransactionTemplate transactions, PhoneNumbers phones, Reach reach,
                      StaffDirectory staff, AuditTrail audit, LeadQueue leads, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.transactions = transactions;
        this.phones = phones;
        this.reach = reach;
        this.staff = staff;
        this.audit = audit;
        this.leads = leads;
        this.clock = clock;
    }

    /**
     * Creates a customer owned by the acting agent (or, for a supervisor or admin, by {@code ownerId}).
     *
     * @throws PhoneAlreadyRegistered when the number belongs to a customer already — visible or not
     * @throws InvalidInput naming {@code phone} for a number that is not a valid phone number
     */
    public CustomerView create(NewCustomer customer) {
        Actor actor = Actors.current();
        PhoneNumbers.Parsed phone = phones.parse(customer.phone(), "phone");
        String owner = ownerFor(actor, customer.ownerId(), "ownerId");
        String country = customer.country() != null ? customer.country()
                : NewCustomer.COUNTRIES.contains(phone.region()) ? phone.region() : null;
        String id = Ids.next("cus_");
        try {
            transactions.executeWithoutResult(status -> {
                idForPhone(phone.e164()).ifPresent(existing -> {
                    throw new PhoneAlreadyRegistered(existing);
                });
                Instant now = now();
                boolean consentGiven = customer.marketingConsent() != null;
                jdbc.sql("""
                        insert into customer (id, name, phone, email, country, owner_id, marketing_consent, consent_channel,
                                              consent_at, created_by, created_at, updated_at, language)
                        values (:id, :name, :phone, :email, :country, :owner, :marketing, :channel, :consentAt, :by, :now, :now,
                                :language)""")
                        .param("id", id).param("name", customer.name()).param("phone", phone.e164())
                        .param("language", customer.language())
                        .param("email", customer.email()).param("country", country).param("owner", owner)
                        .param("marketing", consentGiven && customer.marketingConsent())
                        .param("channel", consentGiven ? customer.consentChannel().name() : null)
                        .param("consentAt", consentGiven ? Db.ts(now) : null)
                        .param("by", actor.id()).param("now", Db.ts(now))
                        .update();
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("ownerId", owner == null ? "" : owner);
                details.put("country", country == null ? "" : country);
                if (consentGiven) {
                    details.put("marketingConsent", customer.marketingConsent());
                    details.put("consentChannel", customer.consentChannel().name());
                }
                audit.record("customer.created", id, details);
            });
        } catch (DuplicateKeyException race) {
            // another request registered the number between our check and our insert
            throw new PhoneAlreadyRegistered(idForPhone(phone.e164()).orElseThrow(() -> race));
        }
        return get(id);
    }

    /**
     * The customer as the current actor may see them.
     *
     * @throws NotFound when there is no such customer or it is out of the actor's reach
     */
    public CustomerView get(String id) {
        Actor actor = Actors.current();
        CustomerRow row = row("c.id = :value", id).orElseThrow(() -> new NotFound("customer", id));
        Reach.Access access = reach.of(actor, row);
        if (!access.visible()) {
            throw new NotFound("customer", id);
        }
        return row.view(access.contactVisible());
    }

    /** The customer with this number if the current actor may see them; empty otherwise. */
    public Optional<CustomerView> findByPhone(String phone) {
        String e164 = phones.normalize(phone, "phone");
        Actor actor = Actors.current();
        return row("c.phone = :value", e164).flatMap(row -> {
            Reach.Access access = reach.of(actor, row);
            return access.visible() ? Optional.of(row.view(access.contactVisible())) : Optional.empty();
        });
    }

    /**
     * Customers within the actor's reach, newest first.
     *
     * @param query   part of the name (any case), of the phone number as written locally or internationally, or
     *                the whole e-mail address; null for all
     * @param ownerId only this agent's customers; null for all
     * @param cursor  the {@code nextCursor} of the previous page; null for the first
     */
    public Page<CustomerView> list(String query, String ownerId, String cursor, int limit) {
        Actor actor = Actors.current();
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        switch (actor.role()) {
            case ADMIN, RISK_ANALYST -> { }
            case SUPERVISOR -> {
                List<String> team = reach.teamMemberIds(actor);
                if (team.isEmpty()) {
                    return new Page<>(List.of(), null);
                }
                where.append(" and c.owner_id in (:team)");
                params.put("team", team);
            }
            case AGENT -> {
                where.append(" and (c.owner_id = :me or c.id in (select l.customer_id from lead l"
                        + " where l.reserved_by = :me and l.reserved_until > :now))");
                params.put("me", actor.id());
                params.put("now", Db.ts(clock.instant()));
            }
            default -> {
                return new Page<>(List.of(), null);
            }
        }
        if (query != null && !query.isBlank()) {
            Checks.start().optionalText("q", query, 200).orThrow();
            String text = query.strip().toLowerCase(java.util.Locale.ROOT);
            // "0933-000-103", "0933 000 103" as said locally: the trunk 0 is not in the stored +886 933 000 103
            String digits = text.startsWith("+") ? text.replaceAll("[^0-9]", "") : text.replaceAll("[^0-9]", "").replaceFirst("^0+", "");
            where.append(" and (lower(c.name) like :name escape '\\'");
            params.put("name", "%" + escapeLike(text) + "%");
            if (text.contains("@")) {
                where.append(" or lower(c.email) = :email");
                params.put("email", text);
            }
            // a phone as people write one (digits and + ( ) - . spaces); digits inside a name or a reference are no phone
            if (digits.length() >= 3 && text.matches("[+0-9()\\-.\\s]+")) {
                where.append(" or c.phone like :digits");
                params.put("digits", "%" + digits + "%");
            }
            where.append(')');
        }
        if (ownerId != null && !ownerId.isBlank()) {
            where.append(" and c.owner_id = :owner");
            params.put("owner", ownerId.strip());
        }
        if (cursor != null) {
            Cursor after = Cursor.parse(cursor);
            where.append(" and (c.created_at < :afterAt or (c.created_at = :afterAt and c.id < :afterId))");
            params.put("afterAt", Db.ts(after.createdAt()));
            params.put("afterId", after.id());
        }
        List<CustomerRow> rows = jdbc.sql("select " + CustomerRow.COLUMNS + " from customer c where " + where
                        + " order by c.created_at desc, c.id desc limit :limit")
                .params(params).param("limit", limit)
                .query(CustomerRow::map).list();
        List<CustomerView> views = new ArrayList<>(rows.size());
        for (CustomerRow row : rows) {
            views.add(row.view(reach.of(actor, row).contactVisible()));
        }
        String next = rows.size() == limit ? new Cursor(rows.getLast().createdAt(), rows.getLast().id()).toString() : null;
        return new Page<>(views, next);
    }

    /**
     * Applies a partial change. A new phone number is normalized and must not belong to another customer.
     *
     * @throws NotFound when out of reach or read-only for the actor
     * @throws PhoneAlreadyRegistered when the new number is another customer's
     */
    public CustomerView update(String id, CustomerChanges changes) {
        Actor actor = Actors.current();
        CustomerRow current = changeable(id, actor);
        String phone = changes.phone() == null ? null : phones.normalize(changes.phone(), "phone");
        if (changes.isEmpty()) {
            return get(id);
        }
        try {
            transactions.executeWithoutResult(status -> {
                if (phone != null && !phone.equals(current.phone())) {
                    idForPhone(phone).ifPresent(existing -> {
                        throw new PhoneAlreadyRegistered(existing);
                    });
                }
                Instant now = now();
                Boolean marketing = changes.marketingConsent();
                jdbc.sql("""
                        update customer set
                            name = coalesce(:name, name),
                            phone = coalesce(:phone, phone),
                            email = case when :clearEmail then null else coalesce(:email, email) end,
                            country = case when :clearCountry then null else coalesce(:country, country) end,
                            language = case when :clearLanguage then null else coalesce(:language, language) end,
                            marketing_consent = coalesce(:marketing, marketing_consent),
                            consent_channel = coalesce(:channel, consent_channel),
                            consent_at = coalesce(:consentAt, consent_at),
                            updated_at = :now
                        where id = :id""")
                        .param("name", changes.name()).param("phone", phone)
                        .param("clearEmail", "".equals(changes.email()))
                        .param("email", "".equals(changes.email()) ? null : changes.email())
                        .param("clearCountry", "".equals(changes.country()))
                        .param("country", "".equals(changes.country()) ? null : changes.country())
                        .param("clearLanguage", "".equals(changes.language()))
                        .param("language", "".equals(changes.language()) ? null : changes.language())
                        .param("marketing", marketing)
                        .param("channel", marketing == null ? null : changes.consentChannel().name())
                        .param("consentAt", marketing == null ? null : Db.ts(now))
                        .param("now", Db.ts(now)).param("id", id)
                        .update();
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("fields", changedFields(changes));
                if (marketing != null) {
                    details.put("marketingConsent", marketing);
                    details.put("consentChannel", changes.consentChannel().name());
                }
                audit.record("customer.updated", id, details);
                if (phone != null && !phone.equals(current.phone())) {
                    events.publishEvent(new CustomerPhoneChanged(id, phone, actor.userId() != null ? actor.userId() : actor.id(), now));
                }
            });
        } catch (DuplicateKeyException race) {
            throw new PhoneAlreadyRegistered(idForPhone(phone).orElseThrow(() -> race));
        }
        return get(id);
    }

    /**
     * Gives the customer to another agent (supervisor: an agent of their team; admin: any agent).
     * An open lead follows its customer.
     */
    @Transactional
    public CustomerView assign(String id, String agentId) {
        Actor actor = Actors.current();
        if (!actor.isAny(Role.SUPERVISOR, Role.ADMIN)) {
            throw new NotFound("customer", id);
        }
        if (agentId == null || agentId.isBlank()) {
            throw new InvalidInput("agentId", "is required");
        }
        CustomerRow current = changeable(id, actor);
        String owner = ownerFor(actor, agentId.strip(), "agentId");
        jdbc.sql("update customer set owner_id = :owner, updated_at = :now where id = :id")
                .param("owner", owner).param("now", Db.ts(now())).param("id", id).update();
        leads.ownerChanged(id, owner);
        audit.record("customer.assigned", id, Map.of("from", current.ownerId() == null ? "" : current.ownerId(), "to", owner));
        return get(id);
    }

    /** Sets the do-not-call flag for a customer within the actor's reach (agents may set it, not lift it). */
    @Transactional
    public CustomerView setDoNotCall(String id, String reason) {
        changeable(id, Actors.current());
        markDoNotCall(id, reason);
        return get(id);
    }

    /** Lifts the do-not-call flag; only supervisors (their team's customers) and admins, with a reason. */
    @Transactional
    public CustomerView liftDoNotCall(String id, String reason) {
        Actor actor = Actors.current();
        if (!actor.isAny(Role.SUPERVISOR, Role.ADMIN)) {
            throw new NotFound("customer", id);
        }
        CustomerRow current = changeable(id, actor);
        Checks.start().text("reason", reason, MAX_REASON).orThrow();
        if (current.doNotCall()) {
            jdbc.sql("""
                    update customer set do_not_call = false, do_not_call_at = null, do_not_call_reason = null, updated_at = :now
                    where id = :id""").param("now", Db.ts(now())).param("id", id).update();
            audit.record("customer.do-not-call-lifted", id, Map.of("reason", reason.strip()));
        }
        return get(id);
    }

    /**
     * The acting agent reports what came of the lead they hold, without the call module (a wrong number,
     * a callback agreed by SMS): the same effects as {@link #recordCallOutcome}, ended now. Use one or the
     * other for a call, not both.
     *
     * @throws NotFound when the agent does not hold this lead
     */
    @Transactional
    public void completeLead(String leadId, String disposition, Instant callbackAt) {
        Actor actor = Actors.current();
        LeadQueue.Disposition.parse(disposition);
        String customerId = leads.held(actor, leadId);
        recordCallOutcome(customerId, actor.id(), disposition, callbackAt, clock.instant());
    }

    // ---- for other modules: no access check (see the class comment) ----

    /**
     * For other modules: the customer's unmasked contact details, for messages sent on the customer's
     * behalf and for risk checks. No access check; never show the result to staff.
     *
     * @throws NotFound when no such customer exists
     */
    public Contact contact(String id) {
        CustomerRow row = row("c.id = :value", id).orElseThrow(() -> new NotFound("customer", id));
        return new Contact(row.id(), row.name(), row.phone(), row.email(), row.country(), row.language());
    }

    /**
     * For other modules: the id of the customer with this number, whoever owns them (inbound call routing).
     * Returns only the id; reading the customer goes through {@link #get(String)} and its reach.
     *
     * @param phone any form libphonenumber reads; an invalid number finds nothing
     */
    public Optional<String> idForPhone(String phone) {
        String e164;
        try {
            e164 = phones.normalize(phone, "phone");
        } catch (InvalidInput e) {
            return Optional.empty();
        }
        return jdbc.sql("select id from customer where phone = :phone").param("phone", e164).query(String.class).optional();
    }

    /**
     * For other modules: whether calling this customer is forbidden.
     *
     * @throws NotFound when there is no such customer
     */
    public boolean doNotCall(String id) {
        return jdbc.sql("select do_not_call from customer where id = :id").param("id", id)
                .query(Boolean.class).optional().orElseThrow(() -> new NotFound("customer", id));
    }

    /**
     * For other modules: sets the do-not-call flag (when now, why {@code reason}) and takes the customer's
     * lead out of the queue. Setting it again keeps the first time and reason. Joins the caller's transaction.
     *
     * @param reason why, as the customer put it; null records "customer request"
     * @throws NotFound when there is no such customer
     */
    @Transactional
    public void markDoNotCall(String id, String reason) {
        Checks.start().optionalText("reason", reason, MAX_REASON).orThrow();
        String why = reason == null || reason.isBlank() ? "customer request" : reason.strip();
        int changed = jdbc.sql("""
                update customer set do_not_call = true, do_not_call_at = :now, do_not_call_reason = :reason, updated_at = :now
                where id = :id and do_not_call = false""")
                .param("now", Db.ts(now())).param("reason", why).param("id", id).update();
        if (changed == 0) {
            doNotCall(id);
            return;
        }
        leads.closeForDoNotCall(id);
        audit.record("customer.do-not-call-set", id, Map.of("reason", why));
    }

    /**
     * For the call module: what a call with the customer came to. Counts the attempt for the lead score,
     * gives an unowned customer to the agent, and by disposition:
     * {@code CALLBACK} schedules a callback at {@code callbackAt} that comes first in that agent's queue once due;
     * {@code NO_ANSWER} puts the lead back for a later try ({@code callbackAt} if given), until the attempts run out;
     * {@code SALE} and {@code NO_SALE} close the lead; {@code DO_NOT_CALL} also sets the customer's flag.
     * Joins the caller's transaction.
     *
     * @param disposition one of SALE, NO_SALE, CALLBACK, NO_ANSWER, DO_NOT_CALL
     * @param callbackAt  required for CALLBACK, optional for NO_ANSWER, ignored otherwise
     * @param endedAt     when the call ended; never null
     * @throws InvalidInput for an unknown disposition or a CALLBACK without {@code callbackAt}
     * @throws NotFound     when there is no such customer
     */
    @Transactional
    public void recordCallOutcome(String customerId, String agentId, String disposition, Instant callbackAt, Instant endedAt) {
        LeadQueue.Disposition parsed = LeadQueue.Disposition.parse(disposition);
        if (agentId == null || endedAt == null) {
            throw new IllegalArgumentException("agentId and endedAt are required");
        }
        doNotCall(customerId);
        jdbc.sql("update customer set owner_id = :agent, updated_at = :now where id = :id and owner_id is null")
                .param("agent", agentId).param("now", Db.ts(now())).param("id", customerId).update();
        leads.recordOutcome(customerId, agentId, parsed, callbackAt, endedAt);
        if (parsed == LeadQueue.Disposition.DO_NOT_CALL) {
            markDoNotCall(customerId, "asked on a call");
        }
    }

    /**
     * For the order module: the customer placed an order of {@code total} (past orders raise the lead score,
     * and the first order converts the customer's lead for its campaign's and source's conversion rate).
     * Not deduplicated: listeners that may see an order twice use {@link #recordOrder(String, String, Money)}.
     */
    @Transactional
    public void recordOrder(String customerId, Money total) {
        recordOrder(customerId, Ids.next("ord_unnamed_"), total);
    }

    /**
     * As {@link #recordOrder(String, Money)}, once per {@code orderId}: a second call with the same order id
     * changes nothing. Joins the caller's transaction.
     *
     * @throws NotFound when there is no such customer
     */
    @Transactional
    public void recordOrder(String customerId, String orderId, Money total) {
        doNotCall(customerId);
        boolean known = jdbc.sql("select count(*) from customer_order where order_id = :order").param("order", orderId)
                .query(Long.class).single() > 0;
        if (known) {
            return;
        }
        Instant now = now();
        jdbc.sql("insert into customer_order (order_id, customer_id, amount, currency, recorded_at) values (:order, :customer, :amount, :currency, :now)")
                .param("order", orderId).param("customer", customerId).param("amount", total.amount())
                .param("currency", total.currencyCode()).param("now", Db.ts(now)).update();
        jdbc.sql("update customer set order_count = order_count + 1, last_order_at = :now, updated_at = :now where id = :id")
                .param("now", Db.ts(now)).param("id", customerId).update();
        leads.recordOrder(customerId, now);
        audit.record("customer.order-recorded", customerId, Map.of("orderId", orderId, "total", total.toString()));
    }

    /**
     * The order recorded with {@link #recordOrder(String, String, Money)} was paid: the learned lead model's label.
     * Once; a later capture or an unknown order changes nothing. Joins the caller's transaction.
     */
    @Transactional
    public void recordPaid(String orderId, Instant paidAt) {
        jdbc.sql("update customer_order set paid_at = :at where order_id = :order and paid_at is null")
                .param("at", Db.ts(paidAt)).param("order", orderId).update();
    }

    // ---- internals ----

    private CustomerRow changeable(String id, Actor actor) {
        CustomerRow row = row("c.id = :value", id).orElseThrow(() -> new NotFound("customer", id));
        if (!reach.of(actor, row).changeable()) {
            throw new NotFound("customer", id);
        }
        return row;
    }

    private Optional<CustomerRow> row(String condition, String value) {
        return jdbc.sql("select " + CustomerRow.COLUMNS + " from customer c where " + condition)
                .param("value", value).query(CustomerRow::map).optional();
    }

    /** Agents own what they create; supervisors and admins name an agent (supervisors one of their team). */
    private String ownerFor(Actor actor, String requested, String field) {
        return switch (actor.role()) {
            case AGENT -> {
                if (requested != null && !requested.equals(actor.id())) {
                    throw new InvalidInput(field, "agents own the customers they create; leave it out");
                }
                yield actor.id();
            }
            case SUPERVISOR -> {
                if (requested == null) {
                    throw new InvalidInput(field, "is required: the agent of your team who owns the customer");
                }
                StaffUser agent = agent(requested, field);
                if (actor.team() == null || !actor.team().equals(agent.team())) {
                    throw new InvalidInput(field, "must be an agent of your team");
                }
                yield agent.id();
            }
            case ADMIN -> requested == null ? null : agent(requested, field).id();
            default -> throw new AccessDeniedException("this role does not own customers");
        };
    }

    private StaffUser agent(String id, String field) {
        return staff.find(id).filter(user -> user.role() == Role.AGENT && user.enabled())
                .orElseThrow(() -> new InvalidInput(field, "must be an enabled agent"));
    }

    private static List<String> changedFields(CustomerChanges changes) {
        List<String> fields = new ArrayList<>();
        if (changes.name() != null) {
            fields.add("name");
        }
        if (changes.phone() != null) {
            fields.add("phone");
        }
        if (changes.email() != null) {
            fields.add("email");
        }
        if (changes.country() != null) {
            fields.add("country");
        }
        if (changes.language() != null) {
            fields.add("language");
        }
        if (changes.marketingConsent() != null) {
            fields.add("consent");
        }
        return fields;
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Position in the newest-first list: creation time and id of the last customer of the page. */
    record Cursor(Instant createdAt, String id) {

        static Cursor parse(String text) {
            int separator = text.indexOf('_');
            try {
                long micros = Long.parseLong(text.substring(0, separator));
                String id = text.substring(separator + 1);
                if (!id.startsWith("cus_") || id.length() > 40) {
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
