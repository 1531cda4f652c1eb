package io.telepay.payment;

/**
 * Where a phone line reaches a keypad session: implemented by the telephony module when its SIP
 * endpoint is on. Without it an IVR session shows no keypad code.
 */
public interface KeypadDialIn {

    /** The SIP URI a PBX or trunk calls to reach the session with this keypad code; never null. */
    String sipUri(String keypadCode);
}
