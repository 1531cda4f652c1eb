package io.telepay.gateway.stripe;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where Stripe's Checkout page sends the customer after paying ({@code success_url}). Says only that the payment
 * is being confirmed: the outcome reaches Telepay by Stripe's webhook, never by this page's address.
 */
@RestController
@ConditionalOnProperty(name = "telepay.gateway.provider", havingValue = "stripe")
class StripeCheckoutPages {

    static final String DONE = "/pay/checkout/done";

    @GetMapping(path = DONE, produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
    String done() {
        return """
                <!doctype html><html lang="zh-Hant"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
                <title>付款處理中 Payment received</title></head><body>
                <h1>謝謝，我們正在確認您的付款。</h1><p>Thank you: your payment is being confirmed. The receipt follows by SMS or e-mail.</p>
                <p>我們絕不會索取 PIN、卡片密碼或簡訊驗證碼。 We never ask for your PIN, card password or SMS code.</p>
                </body></html>""";
    }
}
