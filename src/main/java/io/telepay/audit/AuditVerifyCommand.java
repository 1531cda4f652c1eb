package io.telepay.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** {@code java -jar telepay.jar audit verify}: checks the chain and exits 0 when intact, 1 when not. */
@Component
@ConditionalOnProperty(name = "telepay.command", havingValue = "audit-verify")
class AuditVerifyCommand implements ApplicationRunner, ExitCodeGenerator {

    private static final Logger log = LoggerFactory.getLogger(AuditVerifyCommand.class);

    private final AuditLog auditLog;
    private int exitCode = 1;

    AuditVerifyCommand(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @Override
    public void run(ApplicationArguments args) {
        ChainVerification result = auditLog.verify();
        if (result.ok()) {
            log.info("audit chain intact: {} entries, head {}", result.entries(), result.head());
            exitCode = 0;
        } else {
            log.error("audit chain BROKEN at entry {}: {} ({} entries verified before it)",
                    result.firstBrokenSeq(), result.problem(), result.entries());
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
