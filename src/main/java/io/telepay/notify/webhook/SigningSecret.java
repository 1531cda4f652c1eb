package io.telepay.notify.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An endpoint's signing secret: {@code whsec_} and 32 random bytes in base64url. The HMAC key is the
 * whole secret as shown, as UTF-8 bytes, so a receiver uses the string it was given without decoding it.
 * Its {@code toString} hides it: a secret is shown once, when it is made, and never logged.
 */
record SigningSecret(String value) {

    static final String PREFIX = "whsec_";
    private static final int RANDOM_BYTES = 32;

    SigningSecret {
        if (value == null || !value.startsWith(PREFIX) || value.length() < PREFIX.length() + 32) {
            throw new IllegalArgumentException("not a webhook signing secret");
        }
    }

    static SigningSecret generate(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return new SigningSecret(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Hex HMAC-SHA256 of {@code "<timestamp>.<body>"}: the {@code v1} of the signature header. */
    String sign(long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(value.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "SigningSecret[whsec_…]";
    }
}
