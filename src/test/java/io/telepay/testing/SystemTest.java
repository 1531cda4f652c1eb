package io.telepay.testing;

import io.telepay.TelepayApplication;
import io.telepay.identity.ApiKeys;
import io.telepay.identity.NewStaffUser;
import io.telepay.identity.StaffDirectory;
import io.telepay.identity.StaffUser;
import io.telepay.shared.Ids;
import io.telepay.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole server on a random port, over HTTP. All system tests share one application context and
 * one database, so each test makes its own users and data with unique names.
 */
@SpringBootTest(classes = TelepayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(SystemTest.Clocks.class)
public abstract class SystemTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected StaffDirectory staff;

    @Autowired
    protected ApiKeys apiKeys;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected TestClock clock;

    /** The sandbox with faults; absent in a context whose provider is not the sandbox (the Stripe tests'). */
    @Autowired(required = false)
    protected GatewayFaults gatewayFaults;

    @TestConfiguration(proxyBeanMethods = false)
    public static class Clocks {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }

        @Bean
        @Primary
        @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "telepay.gateway.provider", havingValue = "sandbox",
                matchIfMissing = true)
        GatewayFaults gatewayFaults(@org.springframework.beans.factory.annotation.Qualifier("sandboxAcquirer")
                                    io.telepay.gateway.PaymentGateway sandboxAcquirer) {
            return new GatewayFaults(sandboxAcquirer);
        }
    }

    protected String base() {
        return "http://localhost:" + port;
    }

    /** An anonymous client. */
    protected Http http() {
        return new Http(base(), null);
    }

    /** A client with a fresh API key of an integration (no user) in this role. */
    protected Http as(Role role) {
        return new Http(base(), apiKeys.create("test " + role, role, null).key());
    }

    /** A client acting as the user, through a key bound to them. */
    protected Http as(StaffUser user) {
        return new Http(base(), apiKeys.create("test key of " + user.username(), user.role(), user.id()).key());
    }

    public static final String PASSWORD = "correct horse battery staple";

    /** The user signed in to the console, landed on their role's main page. */
    protected ConsoleSession signedIn(StaffUser user) {
        ConsoleSession session = new ConsoleSession(base());
        org.assertj.core.api.Assertions.assertThat(session.signIn(user.username(), PASSWORD).header("Location"))
                .endsWith(ConsoleSession.home(user));
        return session;
    }

    protected StaffUser newUser(Role role) {
        return newUser(role, "team-" + Ids.randomToken(3));
    }

    protected StaffUser newUser(Role role, String team) {
        String username = role.name().toLowerCase().replace('_', '-') + "-" + Ids.randomToken(4);
        return staff.create(new NewStaffUser(username, "測試 " + username, role, team, PASSWORD));
    }
}
