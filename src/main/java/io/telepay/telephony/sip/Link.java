package io.telepay.telephony.sip;

import java.net.InetSocketAddress;

/**
 * Where a message came from and how to answer it: the datagram's source on UDP (answered there, as
 * RFC 3581's rport does, so a peer behind NAT hears us), the connection on TCP.
 */
public interface Link {

    InetSocketAddress remote();

    /** {@code UDP} or {@code TCP}, as written in a Via. */
    String transport();

    /** Whether the transport retransmits by itself (TCP): then we do not. */
    default boolean reliable() {
        return transport().equals("TCP");
    }

    void send(SipMessage message);
}
