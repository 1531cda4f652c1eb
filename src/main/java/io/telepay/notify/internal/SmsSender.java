package io.telepay.notify.internal;

/** The port to an SMS provider. */
public interface SmsSender {

    /** Sends the text; answers the provider's id for it, or a name for where it went. */
    String send(String toE164, String body) throws DeliveryFailed;
}
