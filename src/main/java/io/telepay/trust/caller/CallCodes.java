package io.telepay.trust.caller;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.google.crypto.tink.subtle.AesGcmJce;
import io.telepay.audit.AuditTrail;
import io.telepay.call.CallSummary;
import io.telepay.call.Calls;
import io.telepay.shared.Actor;
import io.telepay.shared.Actors;
import io.telepay.shared.AppKeys;
import io.telepay.shared.Db;
import io.telepay.shared.NotFound;
import io.telepay.shared.StateConflict;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Call codes: eight random digits the agent's screen shows for the current call and the customer types
 * on the company's own site to learn that the call is genuine. A code is valid exactly while its call is
 * ACTIVE — the call module is asked on every check — and is forgotten when the call ends.
 *
 * <p>Codes are kept as an HMAC under a key derived from the application key (eight digits hashed plainly
 * are found by trying all 10^8) and AES-GCM sealed for showing again. With 10^8 codes, the per-address
 * limit on checks and a few hundred calls live at once, a guess succeeds about once in a million tries.
 */
@Service
@org.springframework.modulith.NamedInterface("call-codes")
public class CallCodes {

    static final int DIGITS = 8;
    private static final int ATTEMPTS = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Calls calls;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final byte[] hashKey;
    private final AesGcmJce seal;

    CallCodes(JdbcClient jdbc, Calls calls, AuditTrail audit, TransactionTemplate transactions, Clock clock, AppKeys keys) {
        this.jdbc = jdbc;
        this.calls = calls;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
        this.hashKey = keys.derive("trust-call-code-hash");
        try {
            this.seal = new AesGcmJce(keys.derive("trust-call-code-seal"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** A call that matched a code, with its agent. */
    record Match(String callId, String agentId) {
    }

    /**
     * The code of the acting agent's active call grouped for reading aloud ({@code 4821 0937}), for the desk;
     * empty once the call has ended.
     *
     * @throws NotFound when the call is unknown or not the acting agent's
     */
    public Optional<String> displayCode(String callId) {
        try {
            return Optional.of(codeFor(callId).display());
        } catch (StateConflict ended) {
            return Optional.empty();
        }
    }

    /**
     * The code of the acting agent's active call, made on first request.
     *
     * @throws NotFound      when the call is unknown or not the acting agent's
     * @throws StateConflict when the call has ended
     */
    CallCode codeFor(String callId) {
        Actor actor = Actors.current();
        CallSummary call = calls.summary(callId).filter(c -> c.agentId().equals(actor.id()))
                .orElseThrow(() -> new NotFound("call", callId));
        if (!"ACTIVE".equals(call.status())) {
            throw new StateConflict("call " + callId + " has ended; a code is valid only while the call lasts");
        }
        Optional<CallCode> existing = stored(callId);
        if (existing.isPresent()) {
            return existing.get();
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String code = newCode();
            Instant now = clock.instant();
            try {
                transactions.executeWithoutResult(status -> {
                    jdbc.sql("""
                            insert into trust_call_code (call_id, agent_id, code_hash, code_sealed, issued_at)
                            values (:call, :agent, :hash, :sealed, :now)""")
                            .param("call", callId).param("agent", call.agentId()).param("hash", hash(code))
                            .param("sealed", sealed(code, callId)).param("now", Db.ts(now)).update();
                    audit.record("trust.call-code.issued", callId, Map.of("agentId", call.agentId()));
                });
                return CallCode.of(callId, code, now);
            } catch (DuplicateKeyException taken) {
                // the same call got its code from a parallel request, or another live call drew the same digits
                existing = stored(callId);
                if (existing.isPresent()) {
                    return existing.get();
                }
            }
        }
        throw new IllegalStateException("no free call code after " + ATTEMPTS + " attempts");
    }

    /** The call whose code this is, while the code is stored; the caller still checks that the call is ACTIVE. */
    Optional<Match> match(String typed) {
        String code = normalize(typed);
        if (code == null) {
            return Optional.empty();
        }
        return jdbc.sql("select call_id, agent_id from trust_call_code where code_hash = :hash").param("hash", hash(code))
                .query((rs, n) -> new Match(rs.getString("call_id"), rs.getString("agent_id"))).optional();
    }

    /** Forgets the code of an ended call; nothing happens for a call without one. */
    void forget(String callId) {
        jdbc.sql("delete from trust_call_code where call_id = :call").param("call", callId).update();
    }

    /** Eight ASCII digits, with spaces and dashes as people type them removed; null for anything else. */
    static String normalize(String typed) {
        if (typed == null || typed.length() > 32) {
            return null;
        }
        String digits = typed.replaceAll("[\\s-]", "");
        return digits.matches("[0-9]{" + DIGITS + "}") ? digits : null;
    }

    private Optional<CallCode> stored(String callId) {
        return jdbc.sql("select code_sealed, issued_at from trust_call_code where call_id = :call").param("call", callId)
                .query((rs, n) -> CallCode.of(callId, opened(rs.getBytes("code_sealed"), callId), Db.instant(rs, "issued_at")))
                .optional();
    }

    private static String newCode() {
        return String.format("%0" + DIGITS + "d", RANDOM.nextInt(100_000_000));
    }

    private String hash(String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hashKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(code.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    private byte[] sealed(String code, String callId) {
        try {
            return seal.encrypt(code.getBytes(StandardCharsets.US_ASCII), callId.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a call code", e);
        }
    }

    private String opened(byte[] sealed, String callId) {
        try {
            return new String(seal.decrypt(sealed, callId.getBytes(StandardCharsets.UTF_8)), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored call code does not open under the current key", e);
        }
    }
}
