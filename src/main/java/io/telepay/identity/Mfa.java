package io.telepay.identity;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import io.telepay.audit.AuditTrail;
import io.telepay.shared.AppKeys;
import io.telepay.shared.Ids;
import io.telepay.shared.RuleViolation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * TOTP second factor (RFC 6238: 6 digits, 30 s, one step of clock drift either way). A code is
 * accepted once: the last accepted time step is stored and nothing at or before it passes again.
 * Secrets are stored AES-GCM encrypted under a key derived from the application key.
 */
@Service
public class Mfa {

    private static final Duration STEP = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final AesGcmJce secrets;
    private final AuditTrail audit;
    private final Clock clock;
    private final String issuer;
    private final TimeBasedOneTimePasswordGenerator totp = new TimeBasedOneTimePasswordGenerator(STEP);
    private final SecureRandom random = new SecureRandom();

    Mfa(JdbcClient jdbc, AppKeys keys, AuditTrail audit, Clock clock, @Value("${telepay.company-name}") String issuer)
            throws GeneralSecurityException {
        this.jdbc = jdbc;
        this.secrets = new AesGcmJce(keys.derive("mfa-secrets"));
        this.audit = audit;
        this.clock = clock;
        this.issuer = issuer;
    }

    /** Starts (or restarts) enrolment; the factor is not active until {@link #confirm}. */
    @Transactional
    public MfaEnrolment startEnrolment(String userId, String username) {
        byte[] secret = new byte[20];
        random.nextBytes(secret);
        jdbc.sql("update staff_user set mfa_secret = :secret, mfa_enabled = false, mfa_last_step = null where id = :id")
                .param("secret", encrypt(userId, secret)).param("id", userId).update();
        String base32 = Ids.base32(secret).toUpperCase(java.util.Locale.ROOT);
        String label = URLEncoder.encode(issuer + ":" + username, StandardCharsets.UTF_8).replace("+", "%20");
        String uri = "otpauth://totp/" + label + "?secret=" + base32 + "&issuer="
                + URLEncoder.encode(issuer, StandardCharsets.UTF_8).replace("+", "%20") + "&algorithm=SHA1&digits=6&period=30";
        audit.record("mfa.enrolment-started", userId, Map.of());
        return new MfaEnrolment(base32, uri, qrSvg(uri));
    }

    /** Activates the factor when the code is right; a wrong code leaves it inactive. */
    @Transactional
    public boolean confirm(String userId, String code) {
        if (!check(userId, code)) {
            audit.recordIndependently("mfa.enrolment-failed", userId, AuditTrail.FAILURE, Map.of());
            return false;
        }
        jdbc.sql("update staff_user set mfa_enabled = true where id = :id").param("id", userId).update();
        audit.record("mfa.enabled", userId, Map.of());
        return true;
    }

    /** Whether the code is valid now and was not used before; a used code never passes twice. */
    @Transactional
    public boolean verify(String userId, String code) {
        Boolean enabled = jdbc.sql("select mfa_enabled from staff_user where id = :id").param("id", userId)
                .query(Boolean.class).optional().orElse(false);
        return enabled && check(userId, code);
    }

    /** Removes the factor (a lost phone); the user enrols again at the next sign-in. */
    @Transactional
    public void reset(String userId) {
        jdbc.sql("update staff_user set mfa_secret = null, mfa_enabled = false, mfa_last_step = null where id = :id")
                .param("id", userId).update();
        audit.record("mfa.reset", userId, Map.of());
    }

    public boolean enabled(String userId) {
        return jdbc.sql("select mfa_enabled from staff_user where id = :id").param("id", userId)
                .query(Boolean.class).optional().orElse(false);
    }

    private boolean check(String userId, String code) {
        if (code == null || !code.strip().matches("\\d{6}")) {
            return false;
        }
        // lock the user row: two concurrent submissions of one code cannot both pass
        var row = jdbc.sql("select mfa_secret, mfa_last_step from staff_user where id = :id for update")
                .param("id", userId)
                .query((rs, n) -> new Object[] {rs.getString("mfa_secret"), rs.getObject("mfa_last_step", Long.class)})
                .optional();
        if (row.isEmpty() || row.get()[0] == null) {
            return false;
        }
        byte[] secret = decrypt(userId, (String) row.get()[0]);
        Long lastStep = (Long) row.get()[1];
        Instant now = clock.instant();
        long currentStep = now.getEpochSecond() / STEP.getSeconds();
        for (long step = currentStep - 1; step <= currentStep + 1; step++) {
            if (lastStep != null && step <= lastStep) {
                continue;
            }
            if (code(secret, step).equals(code.strip())) {
                jdbc.sql("update staff_user set mfa_last_step = :step where id = :id")
                        .param("step", step).param("id", userId).update();
                return true;
            }
        }
        return false;
    }

    /** The code for a time step; public to tests through {@link #codeAt}. */
    private String code(byte[] secret, long step) {
        try {
            int value = totp.generateOneTimePassword(new SecretKeySpec(secret, "HmacSHA1"), Instant.ofEpochSecond(step * STEP.getSeconds()));
            return String.format("%06d", value);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The code an authenticator app shows at {@code instant} for a base32 secret (tests and tooling). */
    public String codeAt(String base32Secret, Instant instant) {
        return code(Ids.fromBase32(base32Secret), instant.getEpochSecond() / STEP.getSeconds());
    }

    private String encrypt(String userId, byte[] secret) {
        try {
            return Base64.getEncoder().encodeToString(secrets.encrypt(secret, userId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt MFA secret", e);
        }
    }

    private byte[] decrypt(String userId, String stored) {
        try {
            return secrets.decrypt(Base64.getDecoder().decode(stored), userId.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new RuleViolation("the second factor cannot be read; enrol again");
        }
    }

    private static String qrSvg(String text) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of());
            int size = matrix.getWidth();
            int quiet = 4;
            StringBuilder svg = new StringBuilder()
                    .append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(size + 2 * quiet).append(' ')
                    .append(size + 2 * quiet).append("\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    if (matrix.get(x, y)) {
                        svg.append('M').append(x + quiet).append(',').append(y + quiet).append("h1v1h-1z");
                    }
                }
            }
            return svg.append("\"/></svg>").toString();
        } catch (WriterException e) {
            throw new IllegalStateException("cannot draw QR code", e);
        }
    }
}
