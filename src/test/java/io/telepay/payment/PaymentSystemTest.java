package io.telepay.payment;

import io.telepay.gateway.PaymentGateway;
import io.telepay.testing.SystemTest;
import io.telepay.vault.CardVault;
import org.springframework.beans.factory.annotation.Autowired;

/** A system test of the payment module: what it needs to put payments in the states its operations start from. */
abstract class PaymentSystemTest extends SystemTest {

    @Autowired
    protected PaymentGateway gateway;

    @Autowired
    protected CardVault vault;

    @Autowired
    protected GatewayExchange exchange;

    protected PaymentFixtures fixtures() {
        return new PaymentFixtures(this, http(), jdbc, gateway, vault, exchange, clock);
    }
}
