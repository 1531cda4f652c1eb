package io.telepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.telepay.gateway.AuthorizationRequest;
import io.telepay.gateway.GatewayResult;
import io.telepay.gateway.PaymentGateway;
import io.telepay.shared.Db;
import io.telepay.shared.Ids;
import io.telepay.shared.Money;
import io.telepay.testing.Http;
import io.telepay.testing.Sales;
import io.telepay.testing.SystemTest;
import io.telepay.vault.CardVault;
import io.telepay.vault.PresentedCard;
import io.telepay.vault.StoredCard;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Payments in the states the money operations start from. A captured payment goes through the pay
 * link as a customer would. An authorized (or held) one is what the pay step leaves when risk does not
 * allow an immediate capture: the card is authorized at the sandbox acquirer without capture and the
 * payment recorded UNKNOWN with its authorization, then {@link GatewayExchange#record} applies the acquirer's answer,
 * as after the pay call.
 */
final class PaymentFixtures {

    record Paid(Sales.Sale sale, String paymentId) {
    }

    private final SystemTest test;
    private final Sales sales;
    private final JdbcClient jdbc;
    private final PaymentGateway gateway;
    private final CardVault vault;
    private final GatewayExchange exchange;
    private final java.time.Clock clock;
    private final Http anonymous;

    PaymentFixtures(SystemTest test, Http anonymous, JdbcClient jdbc, PaymentGateway gateway, CardVault vault, GatewayExchange exchange,
                    java.time.Clock clock) {
        this.test = test;
        this.sales = new Sales(test);
        this.jdbc = jdbc;
        this.gateway = gateway;
        this.vault = vault;
        this.exchange = exchange;
        this.clock = clock;
        this.anonymous = anonymous;
    }

    Sales sales() {
        return sales;
    }

    /** A payment captured in full through the pay link. */
    Paid captured(String amount, String currency) {
        return captured(sales.confirmedOrder(amount, currency));
    }

    Paid captured(Sales.Sale sale) {
        String token = sales.payToken(sale);
        Http.Response result = anonymous.header("Accept", "application/json")
                .post("/pay/" + token, Sales.card("4242 4242 4242 4242", "123"));
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        assertThat(result.json().get("status").asString()).isEqualTo("SUCCEEDED");
        return new Paid(sale, result.json().get("paymentId").asString());
    }

    /** A payment authorized and not captured: AUTHORIZED, or REVIEW when {@code riskAction} is REVIEW. */
    Paid authorized(String amount, String currency, String riskAction) {
        Sales.Sale sale = sales.confirmedOrder(amount, currency);
        var session = sale.asAgent().post("/api/v1/orders/" + sale.orderId() + "/payment-sessions", Map.of("channel", "LINK"));
        assertThat(session.status()).as(session.toString()).isEqualTo(201);
        String sessionId = session.json().get("id").asString();
        Money money = Money.of(amount, currency);
        PresentedCard card = PresentedCard.parse("4242424242424242", "12/39", "123", null, clock);
        StoredCard stored = vault.tokenize(card);
        String paymentId = Ids.next("pay_");
        var now = clock.instant();
        jdbc.sql("""
                insert into payment (id, session_id, order_id, customer_id, agent_id, status, currency, amount_minor,
                    card_token, card_fingerprint, card_brand, card_bin, card_last4, card_exp_month, card_exp_year,
                    risk_action, risk_score, risk_reasons, channel, capture_requested, created_at, updated_at)
                values (:id, :session, :order, :customer, :agent, 'UNKNOWN', :currency, :amount, :token, :fingerprint,
                    :brand, :bin, :last4, 12, 2039, :risk, 50, 'test: held', 'LINK', false, :now, :now)""")
                .param("id", paymentId).param("session", sessionId).param("order", sale.orderId())
                .param("customer", sale.customerId()).param("agent", sale.agent().id()).param("currency", currency)
                .param("amount", money.minorUnits()).param("token", stored.token()).param("fingerprint", stored.fingerprint())
                .param("brand", stored.brand().name()).param("bin", stored.bin()).param("last4", stored.last4())
                .param("risk", riskAction).param("now", Db.ts(now)).update();
        String authorization = authorization(jdbc, paymentId, money, false, now);
        GatewayResult result = gateway.authorize(new AuthorizationRequest(paymentId, money, card, false));
        assertThat(result.approved()).isTrue();
        exchange.record(paymentId, authorization, result);
        return new Paid(sale, paymentId);
    }

    /** Records the payment's authorization (or sale) UNKNOWN, as the pay step does before it calls the acquirer. */
    static String authorization(JdbcClient jdbc, String paymentId, Money amount, boolean sale, java.time.Instant now) {
        String id = (sale ? "sal_" : "aut_") + paymentId.substring(4);
        jdbc.sql("""
                insert into payment_operation (id, payment_id, kind, status, currency, amount_minor, acquirer_reference,
                    requested_by, requested_by_name, next_reconcile_at, attempted_at, created_at, updated_at)
                values (:id, :payment, :kind, 'UNKNOWN', :currency, :amount, :payment, 'system', 'sale', :later, :now, :now, :now)""")
                .param("id", id).param("payment", paymentId).param("kind", sale ? "SALE" : "AUTHORIZE")
                .param("currency", amount.currencyCode()).param("amount", amount.minorUnits())
                .param("later", Db.ts(now.plusSeconds(60))).param("now", Db.ts(now)).update();
        return id;
    }
}
