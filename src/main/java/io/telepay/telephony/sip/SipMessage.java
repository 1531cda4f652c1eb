package io.telepay.telephony.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SIP request or response (RFC 3261 §7): start line, headers in their order, body. Header names are
 * kept in their long form (compact forms such as {@code v} and {@code i} are expanded when parsed).
 * Immutable except through {@link #with}, which returns a copy.
 */
public final class SipMessage {

    public record Header(String name, String value) {
    }

    private static final Map<String, String> COMPACT = Map.of("v", "Via", "f", "From", "t", "To", "i", "Call-ID",
            "m", "Contact", "l", "Content-Length", "c", "Content-Type", "k", "Supported", "s", "Subject", "e", "Content-Encoding");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9.!%*_+`'~-]+");
    private static final Pattern TAG = Pattern.compile(";\\s*tag=([^;>,\\s]+)", Pattern.CASE_INSENSITIVE);
    private static final int MAX_SIZE = 64 * 1024;

    private final String method;
    private final String uri;
    private final int status;
    private final String reason;
    private final List<Header> headers;
    private final byte[] body;

    private SipMessage(String method, String uri, int status, String reason, List<Header> headers, byte[] body) {
        this.method = method;
        this.uri = uri;
        this.status = status;
        this.reason = reason;
        this.headers = List.copyOf(headers);
        this.body = body;
    }

    public static SipMessage request(String method, String uri, List<Header> headers, byte[] body) {
        return new SipMessage(method, uri, 0, null, headers, body == null ? new byte[0] : body);
    }

    public static SipMessage response(int status, String reason, List<Header> headers, byte[] body) {
        return new SipMessage(null, null, status, reason, headers, body == null ? new byte[0] : body);
    }

    /**
     * Parses one message. A datagram's body is what follows the blank line, cut to Content-Length; a
     * Content-Length larger than what arrived is malformed.
     *
     * @throws MalformedSip with a reason fit for a 400's reason phrase (never a header's value)
     */
    public static SipMessage parse(byte[] bytes, int length) throws MalformedSip {
        if (length > MAX_SIZE) {
            throw new MalformedSip("Message Too Large");
        }
        int end = headerEnd(bytes, length);
        if (end < 0) {
            throw new MalformedSip("No End Of Headers");
        }
        String head = new String(bytes, 0, end, StandardCharsets.UTF_8);
        int bodyStart = end + (bytes[end] == '\r' ? 4 : 2);
        List<String> lines = unfold(head);
        if (lines.isEmpty()) {
            throw new MalformedSip("Empty Message");
        }
        List<Header> headers = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedSip("Bad Header Line");
            }
            String name = line.substring(0, colon).strip();
            if (!TOKEN.matcher(name).matches()) {
                throw new MalformedSip("Bad Header Name");
            }
            headers.add(new Header(canonical(name), line.substring(colon + 1).strip()));
        }
        int available = length - bodyStart;
        int bodyLength = Math.max(available, 0);
        String declared = first(headers, "Content-Length");
        if (declared != null) {
            try {
                bodyLength = Integer.parseInt(declared);
            } catch (NumberFormatException e) {
                throw new MalformedSip("Bad Content-Length");
            }
            if (bodyLength < 0 || bodyLength > available) {
                throw new MalformedSip("Bad Content-Length");
            }
        }
        byte[] body = new byte[bodyLength];
        System.arraycopy(bytes, Math.min(bodyStart, length), body, 0, bodyLength);

        String[] start = lines.getFirst().split(" ", 3);
        if (start.length == 3 && start[0].equals("SIP/2.0")) {
            if (!start[1].matches("[1-6][0-9][0-9]")) {
                throw new MalformedSip("Bad Status Line");
            }
            return new SipMessage(null, null, Integer.parseInt(start[1]), start[2], headers, body);
        }
        if (start.length != 3 || !start[2].equals("SIP/2.0") || !TOKEN.matcher(start[0]).matches()) {
            throw new MalformedSip("Bad Request Line");
        }
        SipMessage request = new SipMessage(start[0], start[1], 0, null, headers, body);
        request.checkRequest();
        return request;
    }

    /** Where the header section of a stream ends (index of the blank line's first CR or LF), or -1. */
    public static int headerEnd(byte[] bytes, int length) {
        for (int i = 0; i + 1 < length; i++) {
            if (bytes[i] == '\n' && bytes[i + 1] == '\n') {
                return i;
            }
            if (i + 3 < length && bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void checkRequest() throws MalformedSip {
        String scheme = uri.toLowerCase(Locale.ROOT);
        if (!scheme.startsWith("sip:") && !scheme.startsWith("sips:") && !scheme.startsWith("tel:")) {
            throw new MalformedSip("Bad Request-URI");
        }
        for (String mandatory : List.of("Via", "From", "To", "Call-ID", "CSeq")) {
            if (header(mandatory) == null || header(mandatory).isEmpty()) {
                throw new MalformedSip("Missing " + mandatory);
            }
        }
        String[] cseq = header("CSeq").split("\\s+");
        if (cseq.length != 2 || !cseq[0].matches("[0-9]{1,10}") || Long.parseLong(cseq[0]) >= (1L << 31)) {
            throw new MalformedSip("Bad CSeq");
        }
        if (!cseq[1].equals(method)) {
            throw new MalformedSip("CSeq Method Mismatch");
        }
        if (header("Max-Forwards") != null && !header("Max-Forwards").matches("[0-9]{1,3}")) {
            throw new MalformedSip("Bad Max-Forwards");
        }
    }

    private static List<String> unfold(String head) {
        List<String> lines = new ArrayList<>();
        for (String line : head.split("\r?\n")) {
            if (!lines.isEmpty() && !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                lines.set(lines.size() - 1, lines.getLast() + " " + line.strip());
            } else if (!line.isEmpty() || !lines.isEmpty()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static String canonical(String name) {
        String expanded = COMPACT.get(name.toLowerCase(Locale.ROOT));
        if (expanded != null) {
            return expanded;
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "call-id" -> "Call-ID";
            case "cseq" -> "CSeq";
            case "www-authenticate" -> "WWW-Authenticate";
            default -> {
                StringBuilder out = new StringBuilder(name.length());
                boolean upper = true;
                for (char c : name.toCharArray()) {
                    out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
                    upper = c == '-';
                }
                yield out.toString();
            }
        };
    }

    private static String first(List<Header> headers, String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    public boolean isRequest() {
        return method != null;
    }

    public String method() {
        return method;
    }

    public String uri() {
        return uri;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public byte[] body() {
        return body.clone();
    }

    public List<Header> headers() {
        return headers;
    }

    /** The first value of the header, or null. */
    public String header(String name) {
        return first(headers, canonical(name));
    }

    /** Every value of the header in order; a header line holding a comma-separated list counts as one value. */
    public List<String> all(String name) {
        String wanted = canonical(name);
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(wanted)).map(Header::value).toList();
    }

    /** CSeq's method (for a response: the method it answers). */
    public String cseqMethod() {
        String cseq = header("CSeq");
        return cseq == null ? null : cseq.substring(cseq.indexOf(' ') + 1).strip();
    }

    public long cseqNumber() {
        String cseq = header("CSeq");
        return Long.parseLong(cseq.substring(0, cseq.indexOf(' ')).strip());
    }

    /** The branch parameter of the topmost Via, or "" (a pre-RFC 3261 peer). */
    public String branch() {
        String via = header("Via");
        if (via == null) {
            return "";
        }
        Matcher m = Pattern.compile(";\\s*branch=([^;,\\s]+)", Pattern.CASE_INSENSITIVE).matcher(topVia(via));
        return m.find() ? m.group(1) : "";
    }

    static String topVia(String via) {
        int comma = via.indexOf(',');
        return comma < 0 ? via : via.substring(0, comma);
    }

    /** The tag parameter of a From or To value, or null. */
    public static String tag(String nameAddr) {
        if (nameAddr == null) {
            return null;
        }
        int close = nameAddr.lastIndexOf('>');
        Matcher m = TAG.matcher(close < 0 ? nameAddr : nameAddr.substring(close));
        return m.find() ? m.group(1) : null;
    }

    /** The URI of a name-addr ({@code "Alice" <sip:a@h>;tag=1}) or addr-spec ({@code sip:a@h;tag=1}). */
    public static String uriOf(String nameAddr) {
        int open = nameAddr.indexOf('<');
        if (open >= 0) {
            int close = nameAddr.indexOf('>', open);
            return close < 0 ? nameAddr.substring(open + 1) : nameAddr.substring(open + 1, close);
        }
        int semicolon = nameAddr.indexOf(';');
        return (semicolon < 0 ? nameAddr : nameAddr.substring(0, semicolon)).strip();
    }

    /** The user part of a sip: URI ({@code pay-12345678} of {@code sip:pay-12345678@host:5060}), or "". */
    public static String userOf(String uri) {
        String rest = uri.substring(uri.indexOf(':') + 1);
        int at = rest.indexOf('@');
        if (at < 0) {
            return uri.toLowerCase(Locale.ROOT).startsWith("tel:") ? rest.split(";", 2)[0] : "";
        }
        return rest.substring(0, at).split(";", 2)[0];
    }

    /** A copy with the header added (or, when {@code replace}, with every earlier value of it removed first). */
    public SipMessage with(String name, String value, boolean replace) {
        List<Header> copy = new ArrayList<>(headers);
        if (replace) {
            copy.removeIf(h -> h.name().equalsIgnoreCase(canonical(name)));
        }
        copy.add(new Header(canonical(name), value));
        return new SipMessage(method, uri, status, reason, copy, body);
    }

    /** The message as sent: Content-Length always matches the body. */
    public byte[] bytes() {
        StringBuilder out = new StringBuilder(512);
        out.append(isRequest() ? method + " " + uri + " SIP/2.0" : "SIP/2.0 " + status + " " + reason).append("\r\n");
        for (Header h : headers) {
            if (!h.name().equals("Content-Length")) {
                out.append(h.name()).append(": ").append(h.value()).append("\r\n");
            }
        }
        out.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] head = out.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    /** The start line and Call-ID only: what the endpoint's debug log may show (no SDP, no header values that a PBX filled). */
    public String summary() {
        return (isRequest() ? method + " " + uri : status + " " + reason + " (" + cseqMethod() + ")") + " call " + header("Call-ID");
    }

    @Override
    public String toString() {
        return summary();
    }
}
