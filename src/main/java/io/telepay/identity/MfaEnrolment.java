package io.telepay.identity;

/**
 * A started TOTP enrolment: the secret for manual entry, the {@code otpauth://} URI and the same URI
 * as an SVG QR code. Enrolment completes when the user proves a code from their app.
 */
public record MfaEnrolment(String secret, String otpauthUri, String qrCodeSvg) {

    /** The QR code as a {@code data:} URI for an {@code <img>} (the console's CSP allows data images). */
    public String qrCodeDataUri() {
        return "data:image/svg+xml;base64," + java.util.Base64.getEncoder()
                .encodeToString(qrCodeSvg.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "MfaEnrolment[secret=****]";
    }
}
