package io.telepay.console.desk;

import java.util.List;

import io.telepay.call.CallDetail;
import io.telepay.call.CallView;
import io.telepay.catalog.Product;
import io.telepay.console.Problem;
import io.telepay.customer.CustomerView;
import io.telepay.customer.lead.ReservedLead;
import io.telepay.order.OrderDetails;
import io.telepay.order.ReadBack;
import io.telepay.payment.PaymentSessionView;

/**
 * Everything the agent desk shows at one moment of a sale. Any part may be null or empty: the page
 * says what to do next instead.
 *
 * @param lead      the lead just handed out by "next lead", with its score; null on any other answer
 * @param call      the agent's active call (with notes), or null
 * @param callCode  the active call's code that the customer can check on /verify ({@code 4821 0937}), or null
 * @param lastCall  the customer's most recent call when none is active (to show how it ended)
 * @param order     the order being built or paid, with payments
 * @param readBack  what to read to the customer, in the page's language; null without an order
 * @param session   the order's latest payment session, or null
 * @param script    the product whose script is shown beside the notes, or null
 * @param focus     the name of the control the keyboard goes to next
 */
record Desk(String query, List<CustomerView> results, List<DueCallback> callbacks, ReservedLead lead,
            CustomerView customer, List<CallView> history, List<OrderDetails> orders, CallDetail call, String callCode, CallView lastCall,
            List<Product> products, Product script, OrderDetails order, ReadBack readBack, PaymentSessionView session,
            Problem problem, String notice, String focus) {

    /** A callback that is due, with the customer's name. */
    record DueCallback(String callId, String customerId, String customerName, java.time.Instant callbackAt) {
    }

    /** The products that can go on the order: once it has lines, those in its currency only. */
    public List<Product> offered() {
        if (order == null || order.lines().isEmpty()) {
            return products;
        }
        String currency = order.total().currencyCode();
        return products.stream().filter(p -> p.price().currencyCode().equals(currency)).toList();
    }

    public boolean paying() {
        return session != null && session.status() == io.telepay.payment.SessionStatus.OPEN;
    }
}
