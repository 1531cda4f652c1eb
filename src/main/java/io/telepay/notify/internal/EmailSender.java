package io.telepay.notify.internal;

/** The port to an e-mail service. */
public interface EmailSender {

    String send(String to, String subject, String body) throws DeliveryFailed;
}
