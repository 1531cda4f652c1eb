package io.telepay.telephony.sip;

/** A message that breaks RFC 3261's grammar or misses a mandatory header: answered 400 when it can be. */
public class MalformedSip extends Exception {

    public MalformedSip(String reason) {
        super(reason, null, false, false);
    }
}
