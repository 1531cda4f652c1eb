package io.telepay.platform.demo;

import java.util.ArrayList;
import java.util.List;

import io.telepay.identity.NewStaffUser;
import io.telepay.identity.StaffDirectory;
import io.telepay.shared.Deployment;
import io.telepay.shared.Ids;
import io.telepay.shared.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo workspace on the first start of the embedded default: a staff account for every
 * role, printed once with the console address. Production never seeds (see {@link Deployment#demo()}).
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "telepay.command", havingValue = "server", matchIfMissing = true)
class DemoWorkspace implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoWorkspace.class);

    record DemoAccount(String username, String displayName, Role role, String team) {
    }

    static final List<DemoAccount> ACCOUNTS = List.of(
            new DemoAccount("admin", "系統管理員 Admin", Role.ADMIN, null),
            new DemoAccount("supervisor", "林雅婷 Lin Ya-ting", Role.SUPERVISOR, "台北一組"),
            new DemoAccount("agent", "陳志明 Chen Chih-ming", Role.AGENT, "台北一組"),
            new DemoAccount("agent2", "王芳 Wang Fang", Role.AGENT, "台北一組"),
            new DemoAccount("analyst", "張偉 Zhang Wei", Role.RISK_ANALYST, null),
            new DemoAccount("auditor", "李美玲 Lee Mei-ling", Role.AUDITOR, null));

    private final Deployment deployment;
    private final StaffDirectory staff;
    private final String consoleUrl;

    DemoWorkspace(Deployment deployment, StaffDirectory staff, @Value("${telepay.public-url}") String publicUrl) {
        this.deployment = deployment;
        this.staff = staff;
        this.consoleUrl = publicUrl + "/console";
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!deployment.demo() || staff.findByUsername("admin").isPresent()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        for (DemoAccount account : ACCOUNTS) {
            String password = "demo-" + Ids.randomToken(10);
            staff.create(new NewStaffUser(account.username(), account.displayName(), account.role(), account.team(), password));
            lines.add(String.format("   %-12s %-14s %s", account.username(), account.role(), password));
        }
        log.warn("""

                ================================================================
                 Telepay demo workspace is ready: {}
                 Staff accounts (shown once; delete {} to start over):
                   username     role           password
                {}
                ================================================================""",
                consoleUrl, deployment.dataDir(), String.join("\n", lines));
    }
}
