package io.telepay.order;

import java.util.List;

/**
 * Implemented by the payment module so that an order can list its payments without the order module
 * depending on payments (payments depend on orders). Without an implementation the list is empty.
 */
public interface OrderPayments {

    /** The payments of the order, oldest first; never null. */
    List<OrderPaymentSummary> paymentsOf(String orderId);
}
