package io.telepay.identity;

import java.time.Clock;

import io.telepay.shared.Db;
import io.telepay.shared.Deployment;
import io.telepay.shared.Ids;
import io.telepay.shared.Role;
import io.telepay.shared.StateConflict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The first way in. With {@code TELEPAY_BOOTSTRAP_TOKEN} set, an ADMIN API key with exactly that value
 * is created on the first start and never again (even after it is revoked). Without it, and with no
 * administrator yet, an {@code admin} user with a generated password is created and the password
 * printed once. The demo workspace brings its own accounts.
 */
@Component
@Order(0)
@ConditionalOnProperty(name = "telepay.command", havingValue = "server", matchIfMissing = true)
class Bootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);
    private static final String TOKEN_FACT = "bootstrap-token-used";

    private final String token;
    private final ApiKeys apiKeys;
    private final StaffDirectory staff;
    private final Deployment deployment;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    Bootstrap(@Value("${telepay.bootstrap-token}") String token, ApiKeys apiKeys, StaffDirectory staff,
              Deployment deployment, JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.token = token;
        this.apiKeys = apiKeys;
        this.staff = staff;
        this.deployment = deployment;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!token.isBlank()) {
            createBootstrapKeyOnce();
        } else if (!deployment.demo() && !staff.anyUserWithRole(Role.ADMIN)) {
            createFirstAdmin();
        }
    }

    private void createBootstrapKeyOnce() {
        if (token.length() < 32) {
            log.warn("TELEPAY_BOOTSTRAP_TOKEN is shorter than 32 characters; use a long random value (openssl rand -hex 32)");
        }
        try {
            tx.executeWithoutResult(status -> {
                // the fact row is claimed first: of several instances starting at once, one creates the key
                jdbc.sql("insert into identity_fact (name, created_at) values (:name, :now)")
                        .param("name", TOKEN_FACT).param("now", Db.ts(clock.instant())).update();
                apiKeys.createBootstrapKey(token);
            });
            log.info("Bootstrap: created an ADMIN API key from TELEPAY_BOOTSTRAP_TOKEN (once; later starts ignore it)");
        } catch (DuplicateKeyException alreadyUsed) {
            log.debug("bootstrap token was used before; ignored");
        }
    }

    private void createFirstAdmin() {
        String password = Ids.randomToken(15);
        try {
            staff.create(new NewStaffUser("admin", "Administrator", Role.ADMIN, null, password));
        } catch (StateConflict | DataIntegrityViolationException anotherInstanceWasFaster) {
            return;
        }
        log.warn("""

                ============================================================
                 First start: created administrator account
                   username: admin
                   password: {}
                 This is shown once. Sign in and enrol the second factor.
                ============================================================""", password);
    }
}
