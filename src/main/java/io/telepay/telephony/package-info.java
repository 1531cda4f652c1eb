/**
 * The SIP/RTP endpoint: a PBX or trunk sends a caller to a keypad payment session's secure IVR, which
 * takes the card by DTMF (RFC 4733 events or in-band tones) and feeds the payment module's keypad capture.
 */
package io.telepay.telephony;
