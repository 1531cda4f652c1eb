package io.telepay.console.desk;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.telepay.call.CallDetail;
import io.telepay.call.CallQuery;
import io.telepay.call.CallView;
import io.telepay.call.Callback;
import io.telepay.call.Calls;
import io.telepay.call.Direction;
import io.telepay.call.Disposition;
import io.telepay.call.EndCall;
import io.telepay.call.NoteView;
import io.telepay.call.StartCall;
import io.telepay.catalog.Catalog;
import io.telepay.catalog.Product;
import io.telepay.catalog.ProductQuery;
import io.telepay.console.ConsoleDates;
import io.telepay.console.Problem;
import io.telepay.customer.CustomerChanges;
import io.telepay.customer.CustomerDirectory;
import io.telepay.customer.CustomerView;
import io.telepay.customer.lead.LeadQueue;
import io.telepay.customer.lead.ReservedLead;
import io.telepay.order.ConfirmOrder;
import io.telepay.order.NewOrder;
import io.telepay.order.OrderChange;
import io.telepay.order.OrderDetails;
import io.telepay.order.OrderLine;
import io.telepay.order.OrderQuery;
import io.telepay.order.OrderStatus;
import io.telepay.order.Orders;
import io.telepay.order.ReadBackLanguage;
import io.telepay.order.RequestedLine;
import io.telepay.order.ShippingAddress;
import io.telepay.payment.PaymentSessionView;
import io.telepay.payment.PaymentSessions;
import io.telepay.shared.Actors;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.Money;
import io.telepay.shared.NotFound;
import io.telepay.shared.TelepayProblem;
import io.telepay.trust.caller.CallCodes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The agent desk: the whole sale on one screen — next lead or search, the customer's card, the call with
 * its notes and the product's script, the order with its read-back, and the pay link followed live.
 *
 * <p>The page's state is its address ({@code ?customer=&order=}) plus the agent's active call, so a
 * reload or a second tab shows the same sale. Every action answers the whole desk; htmx swaps its
 * {@code #view} and puts the new address in the history ({@code HX-Push-Url}). Without JavaScript the
 * forms post and redirect to the same address. The agent never sees a digit of the card: the payment
 * part shows the session's steps only.
 */
@Controller
@RequestMapping("/console/desk")
@PreAuthorize("hasRole('AGENT')")
class DeskController {

    private static final int HISTORY = 5;

    private final LeadQueue leads;
    private final CustomerDirectory customers;
    private final Calls calls;
    private final Catalog catalog;
    private final Orders orders;
    private final PaymentSessions sessions;
    private final CallCodes callCodes;
    private final ConsoleDates dates;
    private final Clock clock;

    DeskController(LeadQueue leads, CustomerDirectory customers, Calls calls, Catalog catalog, Orders orders,
                   PaymentSessions sessions, CallCodes callCodes, ConsoleDates dates, Clock clock) {
        this.leads = leads;
        this.customers = customers;
        this.calls = calls;
        this.catalog = catalog;
        this.orders = orders;
        this.sessions = sessions;
        this.callCodes = callCodes;
        this.dates = dates;
        this.clock = clock;
    }

    /** What an action changes besides the address: a message, the lead handed out, the note just stored. */
    private record Outcome(String notice, Problem problem, ReservedLead lead, NoteView note, String focus) {
        static final Outcome NONE = new Outcome(null, null, null, null, null);

        static Outcome notice(String key, String focus) {
            return new Outcome(key, null, null, null, focus);
        }

        static Outcome problem(TelepayProblem problem) {
            return new Outcome(null, Problem.of(problem), null, null, null);
        }
    }

    /**
     * The desk. {@code caller}: the number of a call ringing at the agent (a phone system's screen pop opens
     * {@code /console/desk?caller=+886912345678}): the customer with that number, in reach, with an inbound call ready
     * to start; otherwise the search for the number.
     */
    @GetMapping
    String desk(@RequestParam(required = false) String customer, @RequestParam(required = false) String order,
                @RequestParam(required = false) String q, @RequestParam(required = false) String product,
                @RequestParam(required = false) String caller, Model model) {
        if (caller != null && !caller.isBlank() && (customer == null || customer.isBlank())) {
            Optional<String> known = customers.idForPhone(caller).filter(this::inReach);
            model.addAttribute("inbound", known.isPresent());
            return known.isPresent() ? show(model, known.get(), null, null, product, Outcome.NONE)
                    : show(model, null, null, caller, product, Outcome.NONE);
        }
        return show(model, customer, order, q, product, Outcome.NONE);
    }

    private boolean inReach(String customerId) {
        try {
            customers.get(customerId);
            return true;
        } catch (NotFound outOfReach) {
            return false;
        }
    }

    @PostMapping("/next")
    String next(Model model, HttpServletRequest request, HttpServletResponse response) {
        Optional<ReservedLead> lead = leads.next(Actors.current());
        if (lead.isEmpty()) {
            return answer(model, request, response, null, null, Outcome.notice("desk.queue.empty", "q"));
        }
        return answer(model, request, response, lead.get().customerId(), null,
                new Outcome(null, null, lead.get(), null, "start"));
    }

    /** The language the customer asked to get SMS and e-mails in; blank: by country and phone again. */
    @PostMapping("/customers/{customerId}/language")
    String language(@PathVariable String customerId, @RequestParam(defaultValue = "") String language,
                    Model model, HttpServletRequest request, HttpServletResponse response) {
        try {
            customers.update(customerId, new CustomerChanges(null, null, null, null, null, null, language.strip()));
            return answer(model, request, response, customerId, null, Outcome.notice("desk.language.saved", null));
        } catch (TelepayProblem problem) {
            return answer(model, request, response, customerId, null, Outcome.problem(problem));
        }
    }

    @PostMapping("/calls")
    String startCall(@RequestParam String customer, @RequestParam(defaultValue = "OUTBOUND") Direction direction,
                     Model model, HttpServletRequest request, HttpServletResponse response) {
        try {
            calls.start(new StartCall(customer, direction, null));
            return answer(model, request, response, customer, null, Outcome.notice("desk.call.started", "note"));
        } catch (TelepayProblem problem) {
            return answer(model, request, response, customer, null, Outcome.problem(problem));
        }
    }

    @PostMapping("/calls/{callId}/notes")
    String note(@PathVariable String callId, @RequestParam(defaultValue = "") String text,
                @RequestParam(required = false) String customer, @RequestParam(required = false) String order,
                Model model, HttpServletRequest request, HttpServletResponse response) {
        try {
            NoteView note = calls.addNote(callId, text);
            return answer(model, request, response, customer, order, new Outcome(null, null, null, note, "note"));
        } catch (TelepayProblem problem) {
            return answer(model, request, response, customer, order, Outcome.problem(problem));
        }
    }

    @PostMapping("/calls/{callId}/end")
    String endCall(@PathVariable String callId, @RequestParam(required = false) Disposition disposition,
                   @RequestParam(required = false) String callbackAt, @RequestParam(required = false) String customer,
                   @RequestParam(required = false) String order,
                   Model model, HttpServletRequest request, HttpServletResponse response) {
        try {
            Instant callback = disposition == Disposition.CALLBACK ? localTime("callbackAt", callbackAt) : null;
            calls.end(callId, new EndCall(disposition, callback, null));
            return answer(model, request, response, customer, order, Outcome.notice("desk.call.ended", "next"));
        } catch (TelepayProblem problem) {
            return answer(model, request, response, customer, order, Outcome.problem(problem));
        }
    }

    /** Adds a product to the draft (making the draft on the first line), or changes its quantity. */
    @PostMapping("/orders/lines")
    String addLine(@RequestParam String customer, @RequestParam(required = false) String order,
                   @RequestParam(defaultValue = "") String sku, @RequestParam(defaultValue = "1") String quantity,
                   AddressForm address, Model model, HttpServletRequest request, HttpServletResponse response) {
        try {
            RequestedLine line = new RequestedLine(sku, quantity(quantity));
            ShippingAddress shipping = address.toAddress();
            String orderId;
            if (order == null || order.isBlank()) {
                String callId = calls.active().filter(c -> c.customerId().equals(customer)).map(CallView::id).orElse(null);
                orderId = orders.create(new NewOrder(customer, callId, null, List.of(line), shipping)).id();
            } else {
                OrderDetails draft = orders.details(order);
                List<RequestedLine> lines = new ArrayList<>();
                for (OrderLine existing : draft.lines()) {
                    if (!existing.sku().equals(line.sku())) {
                        lines.add(new RequestedLine(existing.sku(), existing.quantity()));
                    }
                }
                lines.add(line);
                orders.change(order, new OrderChange(lines, shipping != null ? shipping : null));
                orderId = order;
            }
            return answer(model, request, response, customer, orderId, Outcome.notice(null, "confirm"));
        } catch (TelepayProblem problem) {
            return answer(model, request, response, customer, order, Outcome.problem(problem));
        }
    }

    @PostMapping("/orders/{orderId}/lines/remove")
    String removeLine(@PathVariable String orderId, @RequestParam String customer, @RequestParam String sku,
                      Model model, HttpServletRequest request, HttpServletResponse response) {
        try {
            List<RequestedLine> lines = orders.details(orderId).lines().stream()
                    .filter(line -> !line.sku().equals(sku))
                    .map(line -> new RequestedLine(line.sku(), line.quantity())).toList();
            if (lines.isEmpty()) {
                orders.cancel(orderId, "every line removed at the desk");
                return answer(model, request, response, customer, null, Outcome.notice("desk.order.dropped", "sku"));
            }
            orders.change(orderId, new OrderChange(lines, null));
            return answer(model, request, response, customer, orderId, Outcome.NONE);
        } catch (TelepayProblem problem) {
            return answer(model, request, response, customer, orderId, Outcome.problem(problem));
        }
    }

    /** The customer agreed to what the agent read: confirms at exactly the total that was read. */
    @PostMapping("/orders/{orderId}/confirm")
    String confirm(@PathVariable String orderId, @RequestParam String customer, @RequestParam String amount,
                   @RequestParam String currency, Model model, HttpServletRequest request, HttpServletResponse response) {
        try {
            String callId = calls.active().filter(c -> c.customerId().equals(customer)).map(CallView::id).orElse(null);
            orders.confirm(orderId, new ConfirmOrder(callId, Money.of(amount, currency)), language());
            return answer(model, request, response, customer, orderId, Outcome.notice("desk.order.confirmed", "pay"));
        } catch (TelepayProblem problem) {
            return answer(model, request, response, customer, orderId, Outcome.problem(problem));
        }
    }

    /** Sends the pay link by SMS or e-mail, or opens keypad capture (IVR). */
    @PostMapping("/orders/{orderId}/pay")
    String pay(@PathVariable String orderId, @RequestParam String customer, @RequestParam(defaultValue = "SMS") String via,
               Model model, HttpServletRequest request, HttpServletResponse response) {
        try {
            PaymentSessions.NewSession session = switch (via) {
                case "IVR" -> new PaymentSessions.NewSession("IVR", null, null);
                case "EMAIL" -> new PaymentSessions.NewSession("LINK", "EMAIL", null);
                default -> new PaymentSessions.NewSession("LINK", "SMS", null);
            };
            sessions.create(orderId, session);
            return answer(model, request, response, customer, orderId, Outcome.notice("IVR".equals(via) ? "desk.pay.ivr" : "desk.pay.sent", null));
        } catch (TelepayProblem problem) {
            return answer(model, request, response, customer, orderId, Outcome.problem(problem));
        }
    }

    // ---- rendering ----

    /** An action's answer: the desk at its new address (htmx), or a redirect there (a plain form post). */
    private String answer(Model model, HttpServletRequest request, HttpServletResponse response, String customer, String order,
                          Outcome outcome) {
        String address = address(customer, order);
        boolean htmx = request.getHeader("HX-Request") != null;
        if (!htmx && outcome.problem() == null && outcome.lead() == null && outcome.note() == null) {
            return "redirect:" + address;
        }
        if (outcome.problem() != null) {
            response.setStatus(outcome.problem().status());
        } else {
            response.setHeader("HX-Push-Url", request.getContextPath() + address);
        }
        return show(model, customer, order, null, null, outcome);
    }

    static String address(String customer, String order) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/console/desk");
        if (customer != null && !customer.isBlank()) {
            uri.queryParam("customer", customer);
        }
        if (order != null && !order.isBlank()) {
            uri.queryParam("order", order);
        }
        return uri.build().encode().toUriString();
    }

    private String show(Model model, String customerId, String orderId, String q, String productId, Outcome outcome) {
        Optional<CallView> active = calls.active();
        if ((customerId == null || customerId.isBlank()) && active.isPresent()) {
            customerId = active.get().customerId();
        }
        Problem problem = outcome.problem();
        CustomerView customer = null;
        List<CallView> history = List.of();
        List<OrderDetails> recentOrders = List.of();
        CallDetail call = null;
        CallView lastCall = null;
        OrderDetails order = null;
        if (customerId != null && !customerId.isBlank()) {
            try {
                customer = customers.get(customerId);
            } catch (NotFound gone) {
                problem = problem != null ? problem : Problem.of(gone);
            }
        }
        if (customer != null) {
            history = calls.list(new CallQuery(customer.id(), null, null, null, HISTORY)).items();
            recentOrders = orders.list(new OrderQuery(customer.id(), null, null, Set.of(), null, HISTORY)).items();
            String id = customer.id();
            if (active.isPresent() && active.get().customerId().equals(id)) {
                call = calls.get(active.get().id());
            } else if (!history.isEmpty()) {
                lastCall = history.getFirst();
            }
            if (orderId == null || orderId.isBlank()) {
                // after a reload: the order being worked on is the newest draft or unpaid order of this customer
                // (or, during a call, the call's newest order whatever became of it: PAID shows until the call ends)
                String callOfOrder = call == null ? null : call.call().id();
                orderId = recentOrders.stream()
                        .filter(o -> o.status() == OrderStatus.DRAFT || o.status() == OrderStatus.CONFIRMED
                                || (callOfOrder != null && o.status() != OrderStatus.CANCELLED && callOfOrder.equals(o.callId())))
                        .map(OrderDetails::id).findFirst().orElse(null);
            }
            if (orderId != null) {
                try {
                    order = orders.details(orderId);
                    if (!order.customerId().equals(id)) {
                        order = null;
                    }
                } catch (NotFound gone) {
                    order = null;
                }
            }
        }
        List<Product> products = catalog.list(new ProductQuery(true, null, null, 200));
        Product script = scriptProduct(products, order, productId);
        PaymentSessionView session = order == null ? null : sessions.ofOrder(order.id()).stream().findFirst().orElse(null);
        var readBack = order == null ? null : orders.readBack(order.id(), language());
        List<CustomerView> results = q == null || q.isBlank() ? List.of() : search(q);
        String callCode = call == null ? null : callCodes.displayCode(call.call().id()).orElse(null);
        Desk desk = new Desk(q, results, dueCallbacks(), outcome.lead(), customer, history, recentOrders, call, callCode, lastCall,
                products, script, order, readBack, session, problem, outcome.notice(),
                outcome.focus() != null ? outcome.focus() : focus(customer, call, order, session));
        model.addAttribute("desk", desk);
        model.addAttribute("lastNote", outcome.note());
        model.addAttribute("callbackDefault", dates.input(clock.instant().plusSeconds(3600)));
        return "console/desk/desk";
    }

    private List<CustomerView> search(String q) {
        try {
            return customers.list(q.strip(), null, null, 10).items();
        } catch (InvalidInput tooLong) {
            return List.of();
        }
    }

    private List<Desk.DueCallback> dueCallbacks() {
        List<Desk.DueCallback> due = new ArrayList<>();
        for (Callback callback : calls.callbacks(true, null, null, 10).items()) {
            String name = customers.contact(callback.customerId()).name();
            due.add(new Desk.DueCallback(callback.callId(), callback.customerId(), name, callback.callbackAt()));
        }
        return due;
    }

    private static Product scriptProduct(List<Product> products, OrderDetails order, String productId) {
        String wanted = productId != null && !productId.isBlank() ? productId
                : order != null && !order.lines().isEmpty() ? order.lines().getFirst().productId() : null;
        if (wanted == null) {
            return products.stream().filter(p -> p.script() != null).findFirst().orElse(null);
        }
        return products.stream().filter(p -> p.id().equals(wanted)).findFirst().orElse(null);
    }

    /** The control for the next step of the sale. */
    private static String focus(CustomerView customer, CallDetail call, OrderDetails order, PaymentSessionView session) {
        if (customer == null) {
            return "next";
        }
        if (order != null && order.status() == OrderStatus.CONFIRMED && session == null) {
            return "pay";
        }
        if (order != null && order.status() == OrderStatus.DRAFT) {
            return "confirm";
        }
        if (call == null) {
            return "start";
        }
        if (order != null && order.status() == OrderStatus.PAID) {
            return "disposition";
        }
        return order == null ? "sku" : "note";
    }

    static ReadBackLanguage language() {
        Locale locale = LocaleContextHolder.getLocale();
        return ReadBackLanguage.named(locale.toLanguageTag(), "lang");
    }

    private static int quantity(String text) {
        try {
            int quantity = Integer.parseInt(text.strip());
            if (quantity < 1 || quantity > RequestedLine.MAX_QUANTITY) {
                throw new InvalidInput("quantity", "must be from 1 to " + RequestedLine.MAX_QUANTITY);
            }
            return quantity;
        } catch (NumberFormatException e) {
            throw new InvalidInput("quantity", "must be a whole number from 1 to " + RequestedLine.MAX_QUANTITY);
        }
    }

    private Instant localTime(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInput(field, "is required for a callback: when to call back");
        }
        try {
            return LocalDateTime.parse(text.strip()).atZone(dates.zone()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "must be a date and time");
        }
    }

    /** The shipping address fields of the order form; all blank means none. */
    record AddressForm(String recipient, String phone, String line1, String line2, String postalCode, String country) {

        ShippingAddress toAddress() {
            if (blank(recipient) && blank(line1) && blank(line2) && blank(postalCode)) {
                return null;
            }
            List<String> lines = new ArrayList<>();
            if (!blank(line1)) {
                lines.add(line1.strip());
            }
            if (!blank(line2)) {
                lines.add(line2.strip());
            }
            return new ShippingAddress(recipient, phone, lines, postalCode, blank(country) ? "TW" : country);
        }

        private static boolean blank(String text) {
            return text == null || text.isBlank();
        }
    }
}
