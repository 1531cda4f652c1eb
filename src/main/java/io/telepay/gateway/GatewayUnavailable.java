package io.telepay.gateway;

import java.util.List;

import io.telepay.shared.TelepayProblem;

/** The acquirer cannot take payments now (health {@code gateway} DOWN): nothing is started that would need it. */
public class GatewayUnavailable extends TelepayProblem {

    public GatewayUnavailable() {
        super(503, "gateway-unavailable", "Card payments are unavailable right now; please try again later", List.of());
    }
}
