package io.telepay.telephony.sip;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The part of SDP (RFC 4566, offer/answer RFC 3264) a keypad line needs: one audio stream, G.711 µ-law
 * (PCMU, payload 0) or A-law (PCMA, payload 8), and RFC 4733 {@code telephone-event/8000} when offered.
 */
public final class Sdp {

    /** What the caller offered and we chose: where to send RTP, the codec, the telephone-event payload (-1 if none). */
    public record Offer(InetSocketAddress media, int codec, int telephoneEvent, String direction) {

        public String codecName() {
            return codec == 0 ? "PCMU" : "PCMA";
        }
    }

    /** An offer we cannot answer: no audio, or no G.711 (answered 488). */
    public static final class NotAcceptable extends Exception {
        public NotAcceptable(String reason) {
            super(reason, null, false, false);
        }
    }

    private Sdp() {
    }

    /**
     * Reads the first audio stream of an offer and picks the first G.711 codec in the caller's order of preference.
     *
     * @throws MalformedSip   when the body is not SDP (answered 400)
     * @throws NotAcceptable when it offers nothing we can speak (answered 488)
     */
    public static Offer readOffer(byte[] body) throws MalformedSip, NotAcceptable {
        String text = new String(body, StandardCharsets.UTF_8);
        if (!text.startsWith("v=0")) {
            throw new MalformedSip("Bad SDP");
        }
        String sessionAddress = null;
        String mediaAddress = null;
        int port = -1;
        List<Integer> formats = null;
        Map<Integer, String> rtpmap = new LinkedHashMap<>();
        String direction = "sendrecv";
        boolean inAudio = false;
        boolean audioDone = false;
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.length() < 2 || line.charAt(1) != '=') {
                if (line.isEmpty()) {
                    continue;
                }
                throw new MalformedSip("Bad SDP");
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            if (type == 'm') {
                if (inAudio) {
                    audioDone = true;
                }
                inAudio = !audioDone && value.startsWith("audio ");
                if (inAudio) {
                    String[] parts = value.split("\\s+");
                    if (parts.length < 4 || !parts[1].matches("[0-9]{1,5}(/[0-9]+)?")) {
                        throw new MalformedSip("Bad SDP");
                    }
                    port = Integer.parseInt(parts[1].split("/")[0]);
                    if (!parts[2].toUpperCase(Locale.ROOT).startsWith("RTP/")) {
                        throw new NotAcceptable("Only RTP audio");
                    }
                    formats = new ArrayList<>();
                    for (int i = 3; i < parts.length; i++) {
                        if (!parts[i].matches("[0-9]{1,3}")) {
                            throw new MalformedSip("Bad SDP");
                        }
                        formats.add(Integer.parseInt(parts[i]));
                    }
                }
            } else if (type == 'c') {
                String[] parts = value.split("\\s+");
                if (parts.length != 3 || !parts[0].equals("IN")) {
                    throw new MalformedSip("Bad SDP");
                }
                String address = parts[2].split("/")[0];
                if (inAudio) {
                    mediaAddress = address;
                } else if (formats == null) {
                    sessionAddress = address;
                }
            } else if (type == 'a' && inAudio) {
                if (value.startsWith("rtpmap:")) {
                    String[] parts = value.substring(7).split("\\s+", 2);
                    if (parts.length == 2 && parts[0].matches("[0-9]{1,3}")) {
                        rtpmap.put(Integer.parseInt(parts[0]), parts[1].strip().toLowerCase(Locale.ROOT));
                    }
                } else if (value.equals("sendonly") || value.equals("recvonly") || value.equals("inactive") || value.equals("sendrecv")) {
                    direction = value;
                }
            }
        }
        if (formats == null) {
            throw new NotAcceptable("No audio stream");
        }
        String address = mediaAddress != null ? mediaAddress : sessionAddress;
        if (address == null) {
            throw new MalformedSip("Bad SDP");
        }
        int codec = -1;
        int telephoneEvent = -1;
        for (int format : formats) {
            String name = rtpmap.getOrDefault(format, format == 0 ? "pcmu/8000" : format == 8 ? "pcma/8000" : "");
            if (codec < 0 && (name.equals("pcmu/8000") || name.equals("pcma/8000"))) {
                codec = name.equals("pcmu/8000") ? 0 : 8;
            } else if (telephoneEvent < 0 && name.equals("telephone-event/8000")) {
                telephoneEvent = format;
            }
        }
        if (codec < 0 || port == 0) {
            throw new NotAcceptable("No G.711 audio");
        }
        InetSocketAddress media;
        try {
            media = new InetSocketAddress(InetAddress.getByName(literal(address)), port);
        } catch (UnknownHostException e) {
            throw new MalformedSip("Bad SDP Address");
        }
        return new Offer(media, codec, telephoneEvent, direction);
    }

    // a host name in SDP would make us resolve whatever a peer wrote; trunks and PBXs send addresses
    private static String literal(String address) throws MalformedSip {
        if (!address.matches("[0-9.]+|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*")) {
            throw new MalformedSip("Bad SDP Address");
        }
        return address;
    }

    /**
     * Our side's SDP: the chosen codec and, if the offer had it, telephone-event with the caller's payload
     * number. Also our offer to an agent's leg (an offer without telephone-event: we never send keys there).
     */
    public static byte[] answer(String host, int port, long sessionId, Offer offer) {
        String ip = host.contains(":") ? "IP6" : "IP4";
        StringBuilder sdp = new StringBuilder()
                .append("v=0\r\n")
                .append("o=telepay ").append(sessionId).append(' ').append(sessionId).append(" IN ").append(ip).append(' ').append(host).append("\r\n")
                .append("s=Telepay keypad\r\n")
                .append("c=IN ").append(ip).append(' ').append(host).append("\r\n")
                .append("t=0 0\r\n")
                .append("m=audio ").append(port).append(" RTP/AVP ").append(offer.codec());
        if (offer.telephoneEvent() >= 0) {
            sdp.append(' ').append(offer.telephoneEvent());
        }
        sdp.append("\r\n").append("a=rtpmap:").append(offer.codec()).append(' ').append(offer.codecName()).append("/8000\r\n");
        if (offer.telephoneEvent() >= 0) {
            sdp.append("a=rtpmap:").append(offer.telephoneEvent()).append(" telephone-event/8000\r\n")
                    .append("a=fmtp:").append(offer.telephoneEvent()).append(" 0-15\r\n");
        }
        sdp.append("a=ptime:20\r\n").append("a=sendrecv\r\n");
        return sdp.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
