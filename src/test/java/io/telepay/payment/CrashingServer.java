package io.telepay.payment;

import java.util.List;
import java.util.Map;

import io.telepay.TelepayApplication;
import io.telepay.gateway.AuthorizationRequest;
import io.telepay.gateway.GatewayOutcome;
import io.telepay.gateway.GatewayResult;
import io.telepay.gateway.GatewayStatus;
import io.telepay.gateway.PaymentGateway;
import io.telepay.identity.ApiKeys;
import io.telepay.identity.NewStaffUser;
import io.telepay.identity.StaffDirectory;
import io.telepay.identity.StaffUser;
import io.telepay.shared.Money;
import io.telepay.shared.Role;
import io.telepay.testing.Http;
import io.telepay.testing.Sales;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The server of {@link CrashRecoveryTest}'s child JVM: it makes a sale up to the pay step over HTTP, and
 * its gateway halts the JVM (no shutdown hooks, no commit) the moment the acquirer has approved the
 * charge — between the acquirer's commit and Telepay's.
 *
 * <p>Arguments: the JDBC URL, user and password, and the data directory.
 */
public final class CrashingServer {

    static final int HALTED = 137;

    /** A source of the child's application only: not a {@code @Configuration}, so no test context's scan picks it up. */
    static class HaltAfterApproval {
        @Bean
        @Primary
        PaymentGateway haltingGateway(@Qualifier("sandboxAcquirer") PaymentGateway acquirer,
                                      org.springframework.jdbc.core.simple.JdbcClient jdbc,
                                      @org.springframework.beans.factory.annotation.Value("${spring.datasource.url}") String url) {
            return new PaymentGateway() {
                @Override
                public GatewayResult authorize(AuthorizationRequest request) {
                    GatewayResult result = acquirer.authorize(request);
                    if (result.approved()) {
                        if (url.startsWith("jdbc:h2:")) {
                            // H2 keeps no redo log: it writes committed pages to the file up to half a second
                            // later. Flush what is committed, as PostgreSQL's log would hold it, so the test is
                            // about Telepay's recovery, not about H2's durability.
                            jdbc.sql("checkpoint sync").update();
                        }
                        System.out.println("CRASH: the acquirer approved " + request.reference() + "; halting before Telepay commits");
                        System.out.flush();
                        Runtime.getRuntime().halt(HALTED);
                    }
                    return result;
                }

                @Override
                public GatewayResult capture(String reference, String operationReference, Money amount) {
                    return acquirer.capture(reference, operationReference, amount);
                }

                @Override
                public GatewayResult voidAuthorization(String reference, String operationReference) {
                    return acquirer.voidAuthorization(reference, operationReference);
                }

                @Override
                public GatewayResult refund(String reference, String operationReference, Money amount) {
                    return acquirer.refund(reference, operationReference, amount);
                }

                @Override
                public GatewayStatus status(String reference) {
                    return acquirer.status(reference);
                }

                @Override
                public GatewayOutcome operationStatus(String operationReference) {
                    return acquirer.operationStatus(operationReference);
                }
            };
        }
    }

    private CrashingServer() {
    }

    public static void main(String[] args) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TelepayApplication.class, HaltAfterApproval.class)
                .profiles("test")
                .run(CrashRecoveryTest.arguments(args[0], args[1], args[2], args[3]));
        String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
        ApiKeys keys = context.getBean(ApiKeys.class);
        String unique = io.telepay.shared.Ids.randomToken(4);
        StaffUser agent = context.getBean(StaffDirectory.class)
                .create(new NewStaffUser("crash-agent-" + unique, "當機 測試", Role.AGENT, "crash-" + unique, "correct horse battery staple"));
        String sku = "CRASH-" + unique.toUpperCase(java.util.Locale.ROOT);
        String phone = io.telepay.customer.CustomerFixtures.taiwanMobile();
        Http admin = new Http(base, keys.create("crash admin", Role.ADMIN, null).key());
        Http asAgent = new Http(base, keys.create("crash agent", Role.AGENT, agent.id()).key());
        must(admin.post("/api/v1/products", Map.of("sku", sku, "name", "當機課程", "price",
                Map.of("amount", "1999.00", "currency", "TWD"), "fulfilment", "SERVICE")), 201);
        String customer = must(asAgent.post("/api/v1/customers", Map.of("name", "林志玲", "phone", phone)), 201)
                .json().get("id").asString();
        String order = must(asAgent.post("/api/v1/orders", Map.of("customerId", customer,
                "lines", List.of(Map.of("sku", sku, "quantity", 1)))), 201).json().get("id").asString();
        must(asAgent.post("/api/v1/orders/" + order + "/confirm", Map.of()), 200);
        String url = must(asAgent.post("/api/v1/orders/" + order + "/payment-sessions", Map.of("channel", "LINK")), 201)
                .json().get("payUrl").asString();
        System.out.println("ORDER " + order);
        System.out.flush();
        new Http(base, null).header("Accept", "application/json")
                .post("/pay/" + url.substring(url.lastIndexOf('/') + 1), Sales.card("4242 4242 4242 4242", "123"));
        // the gateway halts the JVM inside that call; reaching here means it did not
        System.out.println("NO CRASH");
        System.exit(1);
    }

    private static Http.Response must(Http.Response response, int status) {
        if (response.status() != status) {
            System.out.println("UNEXPECTED " + response);
            System.exit(2);
        }
        return response;
    }
}
