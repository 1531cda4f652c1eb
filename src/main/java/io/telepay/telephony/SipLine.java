package io.telepay.telephony;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.telepay.payment.KeypadDialIn;
import io.telepay.payment.PaymentSessionView;
import io.telepay.payment.PaymentSessions;
import io.telepay.telephony.media.MediaChannel;
import io.telepay.telephony.media.Relay;
import io.telepay.telephony.sip.Link;
import io.telepay.telephony.sip.MalformedSip;
import io.telepay.telephony.sip.Sdp;
import io.telepay.telephony.sip.SipMessage;
import io.telepay.telephony.sip.SipMessage.Header;
import io.telepay.telephony.sip.SipTransport;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * The SIP user agent server (RFC 3261) that a PBX or trunk calls to send a caller to a keypad session:
 * {@code sip:pay-{keypadCode}@host:port} (or the code alone as the dialled user). On UDP and TCP; only
 * from trusted addresses (403), at most so many new calls a minute per source (503 with Retry-After);
 * an unknown, used or expired code is 404, a malformed request 400, an offer without G.711 488, a
 * second call to a session already on the line 486. An answered call runs the secure IVR.
 *
 * <p>Transactions are the subset a UAS needs: a retransmitted request gets the answer it got before
 * (kept 32 s, RFC 3261's 64·T1), our 200 to an INVITE is resent on UDP until the ACK comes, and our own
 * in-dialog requests (BYE, REFER) are resent until answered. Requests within a dialog go back to where
 * the INVITE came from (the PBX or the proxy that sent it), over the same transport.
 */
@Component
@ConditionalOnExpression("'${telepay.sip.port:}' != ''")
class SipLine implements SipTransport.Receiver, KeypadDialIn {

    private static final Logger log = LoggerFactory.getLogger(SipLine.class);
    static final Duration T1 = Duration.ofMillis(500);
    static final Duration T2 = Duration.ofSeconds(4);
    static final Duration TRANSACTION_LIFETIME = T1.multipliedBy(64);
    private static final String ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS, NOTIFY";
    private static final Pattern KEYPAD_USER = Pattern.compile("(pay-|assist-)?([0-9]{4,12})");
    /** The header in which the PBX names the agent's phone for agent assist: {@code <sip:1001@10.0.0.10>}. */
    static final String AGENT_HEADER = "X-Telepay-Agent";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String host;
    private final InetAddress bind;
    private final int[] rtpPorts;
    private final TrustedSources trusted;
    private final CallLimits limits;
    private final PaymentSessions sessions;
    private final SecureIvr ivr;
    private final AgentAssist assist;
    private final SipTransport transport;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("sip-timers").factory());
    private final ScheduledExecutorService mediaClock = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().priority(Thread.MAX_PRIORITY).name("rtp-clock").factory());
    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    private final Map<String, String> sessionsOnTheLine = new ConcurrentHashMap<>();
    private final Cache<String, SipMessage> answered = Caffeine.newBuilder().expireAfterWrite(TRANSACTION_LIFETIME).build();
    private final Map<String, CompletableFuture<SipMessage>> waiting = new ConcurrentHashMap<>();

    SipLine(@Value("${telepay.sip.host:127.0.0.1}") String host,
            @Value("${telepay.sip.bind:0.0.0.0}") String bind,
            @Value("${telepay.sip.port}") int port,
            @Value("${telepay.sip.trusted:127.0.0.1,::1}") String trusted,
            @Value("${telepay.sip.calls-per-minute:120}") long callsPerMinute,
            @Value("${telepay.sip.rtp-ports:}") String rtpPorts,
            PaymentSessions sessions, SecureIvr ivr, AgentAssist assist) {
        this.host = host;
        this.rtpPorts = rtpPorts.isBlank() ? null : portRange(rtpPorts);
        this.trusted = TrustedSources.parse(trusted);
        this.limits = new CallLimits(callsPerMinute);
        this.sessions = sessions;
        this.ivr = ivr;
        this.assist = assist;
        try {
            this.bind = InetAddress.getByName(bind);
            this.transport = new SipTransport(this.bind, port, this);
        } catch (IOException e) {
            throw new UncheckedIOException("SIP endpoint cannot listen on " + bind + ":" + port, e);
        }
        log.info("SIP endpoint listening on {}:{} (UDP and TCP), advertised as {}", bind, transport.port(), host);
    }

    private static int[] portRange(String range) {
        String[] bounds = range.strip().split("-", 2);
        try {
            int[] ports = {Integer.parseInt(bounds[0].strip()), Integer.parseInt(bounds[bounds.length - 1].strip())};
            if (ports[0] < 1024 || ports[1] > 65535 || ports[0] > ports[1]) {
                throw new NumberFormatException();
            }
            return ports;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("TELEPAY_SIP_RTP_PORTS must be a range such as 20000-20999, not " + range);
        }
    }

    @Override
    public String sipUri(String keypadCode) {
        return "sip:pay-" + keypadCode + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + transport.port();
    }

    int port() {
        return transport.port();
    }

    @PreDestroy
    void close() {
        calls.values().forEach(call -> call.hangUp("shutting down"));
        transport.close();
        timers.shutdownNow();
        mediaClock.shutdownNow();
    }

    // ---- receiving ----

    @Override
    public void received(SipMessage message, Link from) {
        if (!message.isRequest()) {
            CompletableFuture<SipMessage> transaction = waiting.get(message.branch() + "|" + message.cseqMethod());
            if (transaction != null && message.status() >= 200) {
                transaction.complete(message);
            } else if (transaction == null && message.status() / 100 == 2 && "INVITE".equals(message.cseqMethod())) {
                Call call = calls.get(message.header("Call-ID"));
                if (call != null) {
                    call.agentOkRepeated(message);
                }
            }
            return;
        }
        if (message.method().equals("ACK")) {
            if (trusted.trusts(from.remote().getAddress())) {
                acknowledged(message);
            }
            return;
        }
        if (!trusted.trusts(from.remote().getAddress())) {
            log.info("SIP {} from untrusted {} refused (403)", message.method(), from.remote().getAddress().getHostAddress());
            from.send(response(message, from, 403, "Forbidden", null, List.of(), null));
            return;
        }
        String key = transactionKey(message);
        SipMessage earlier = answered.asMap().putIfAbsent(key, response(message, from, 100, "Trying", null, List.of(), null));
        if (earlier != null) {
            from.send(earlier);
            return;
        }
        SipMessage answer = switch (message.method()) {
            case "INVITE" -> invite(message, from);
            case "BYE" -> bye(message, from);
            case "CANCEL" -> cancel(message, from);
            case "OPTIONS" -> response(message, from, 200, "OK", null,
                    List.of(new Header("Allow", ALLOW), new Header("Accept", "application/sdp")), null);
            case "NOTIFY" -> notify(message, from);
            default -> response(message, from, 405, "Method Not Allowed", null, List.of(new Header("Allow", ALLOW)), null);
        };
        answered.put(key, answer);
        from.send(answer);
    }

    @Override
    public void malformed(byte[] bytes, int length, MalformedSip reason, Link from) {
        if (!trusted.trusts(from.remote().getAddress())) {
            return;
        }
        // answer what can be answered: a request line and the headers a response needs, read leniently
        String text = new String(bytes, 0, Math.min(length, 8192), StandardCharsets.UTF_8);
        String[] lines = text.split("\r?\n");
        if (lines.length == 0 || lines[0].startsWith("SIP/2.0") || lines[0].split(" ").length != 3 || lines[0].startsWith("ACK ")) {
            return;
        }
        List<Header> headers = new ArrayList<>();
        for (String line : lines) {
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).strip();
                String canonical = switch (name.toLowerCase(java.util.Locale.ROOT)) {
                    case "via", "v" -> "Via";
                    case "from", "f" -> "From";
                    case "to", "t" -> "To";
                    case "call-id", "i" -> "Call-ID";
                    case "cseq" -> "CSeq";
                    default -> null;
                };
                if (canonical != null) {
                    String value = line.substring(colon + 1).strip();
                    boolean topVia = canonical.equals("Via") && headers.stream().noneMatch(h -> h.name().equals("Via"));
                    headers.add(new Header(canonical, topVia ? received(value, from) : value));
                }
            }
        }
        if (headers.stream().noneMatch(h -> h.name().equals("Via"))) {
            return;
        }
        headers.add(new Header("Server", "Telepay"));
        from.send(SipMessage.response(400, reason.getMessage(), headers, null));
    }

    private static String transactionKey(SipMessage request) {
        String method = request.method().equals("ACK") ? "INVITE" : request.method();
        return request.branch() + "|" + method + "|" + request.header("Call-ID") + "|" + request.cseqNumber();
    }

    // ---- INVITE ----

    private SipMessage invite(SipMessage invite, Link from) {
        String callId = invite.header("Call-ID");
        if (SipMessage.tag(invite.header("To")) != null) {
            Call call = calls.get(callId);
            // a re-INVITE (hold, session timer): we keep the media we agreed and answer the same
            return call == null ? response(invite, from, 481, "Call/Transaction Does Not Exist", null, List.of(), null)
                    : call.reanswer(invite);
        }
        OptionalLong wait = limits.take(from.remote().getAddress());
        if (wait.isPresent()) {
            log.info("SIP INVITE from {} over its call limit (503, retry after {} s)", from.remote().getAddress().getHostAddress(),
                    wait.getAsLong());
            return response(invite, from, 503, "Service Unavailable", null,
                    List.of(new Header("Retry-After", Long.toString(wait.getAsLong()))), null);
        }
        Matcher user = KEYPAD_USER.matcher(SipMessage.userOf(invite.uri()));
        Optional<PaymentSessionView> session = user.matches() ? sessions.byKeypadCode(user.group(2)) : Optional.empty();
        if (session.isEmpty()) {
            log.info("SIP INVITE for no open keypad session (404)");
            return response(invite, from, 404, "Not Found", null, List.of(), null);
        }
        String contentType = invite.header("Content-Type");
        if (invite.body().length == 0 || contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/sdp")) {
            return response(invite, from, 488, "Not Acceptable Here", null,
                    List.of(new Header("Warning", "399 telepay \"An SDP offer with G.711 audio is required\"")), null);
        }
        Sdp.Offer offer;
        try {
            offer = Sdp.readOffer(invite.body());
        } catch (MalformedSip e) {
            return response(invite, from, 400, e.getMessage(), null, List.of(), null);
        } catch (Sdp.NotAcceptable e) {
            return response(invite, from, 488, "Not Acceptable Here",
                    null, List.of(new Header("Warning", "304 telepay \"" + e.getMessage() + "\"")), null);
        }
        boolean assisted = "assist-".equals(user.group(1));
        String agent = invite.header(AGENT_HEADER);
        if (assisted && (agent == null || !SipMessage.uriOf(agent).toLowerCase(java.util.Locale.ROOT).startsWith("sip:"))) {
            return response(invite, from, 400, "Missing " + AGENT_HEADER, null, List.of(), null);
        }
        String sessionId = session.get().id();
        if (sessionsOnTheLine.putIfAbsent(sessionId, callId) != null) {
            log.info("SIP INVITE for session {} which is already on a call (486)", sessionId);
            return response(invite, from, 486, "Busy Here", null, List.of(), null);
        }
        from.send(response(invite, from, 100, "Trying", null, List.of(), null));
        String localTag = HexFormat.of().formatHex(randomBytes(8));
        Call call;
        try {
            call = new Call(this, invite, from, localTag, session.get(), offer, assisted);
        } catch (IOException e) {
            sessionsOnTheLine.remove(sessionId, callId);
            log.warn("No RTP port for a keypad call: {}", e.getClass().getSimpleName());
            return response(invite, from, 500, "Server Internal Error", null, List.of(), null);
        }
        calls.put(callId, call);
        SipMessage ok = response(invite, from, 200, "OK", localTag, List.of(new Header("Contact", contact(from)),
                new Header("Allow", ALLOW), new Header("Content-Type", "application/sdp")),
                Sdp.answer(host, call.mediaPort(), call.sdpVersion(), offer));
        call.answered(ok);
        log.info("Keypad call {} for session {} answered{} ({} from {}, {}, keys by {})", callId, sessionId,
                assisted ? " for agent assist" : "", from.transport(),
                from.remote().getAddress().getHostAddress(), offer.codecName(),
                offer.telephoneEvent() >= 0 ? "RFC 4733 or in-band" : "in-band tones");
        if (!from.reliable()) {
            retransmit(ok, from, T1, System.nanoTime() + TRANSACTION_LIFETIME.toNanos(), () -> call.acknowledged() || call.ended());
        }
        timers.schedule(() -> {
            if (!call.acknowledged() && !call.ended()) {
                call.hangUp("no ACK to our answer");
            }
        }, TRANSACTION_LIFETIME.toMillis(), TimeUnit.MILLISECONDS);
        return ok;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private void acknowledged(SipMessage ack) {
        Call call = calls.get(ack.header("Call-ID"));
        if (call != null && tagMatches(ack, call)) {
            call.acknowledge();
        }
    }

    private static boolean tagMatches(SipMessage request, Call call) {
        return call.localTag().equals(SipMessage.tag(request.header("To")));
    }

    private SipMessage bye(SipMessage bye, Link from) {
        Call call = calls.get(bye.header("Call-ID"));
        if (call == null || !tagMatches(bye, call)) {
            return response(bye, from, 481, "Call/Transaction Does Not Exist", null, List.of(), null);
        }
        call.hungUp(bye.header("Call-ID"));
        return response(bye, from, 200, "OK", null, List.of(), null);
    }

    private SipMessage cancel(SipMessage cancel, Link from) {
        // we answer an INVITE at once, so a CANCEL always finds it answered: it changes nothing (RFC 3261 §9.2)
        Call call = calls.get(cancel.header("Call-ID"));
        return call == null ? response(cancel, from, 481, "Call/Transaction Does Not Exist", null, List.of(), null)
                : response(cancel, from, 200, "OK", null, List.of(), null);
    }

    private SipMessage notify(SipMessage notify, Link from) {
        Call call = calls.get(notify.header("Call-ID"));
        if (call == null || !tagMatches(notify, call)) {
            return response(notify, from, 481, "Call/Transaction Does Not Exist", null, List.of(), null);
        }
        call.transferProgress(new String(notify.body(), StandardCharsets.UTF_8));
        return response(notify, from, 200, "OK", null, List.of(), null);
    }

    // ---- sending ----

    String contact(Link link) {
        String parameter = link.transport().equals("TCP") ? ";transport=tcp" : "";
        return "<sip:telepay@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + transport.port() + parameter + ">";
    }

    String via(Link link, String branch) {
        return "SIP/2.0/" + link.transport() + " " + (host.contains(":") ? "[" + host + "]" : host) + ":" + transport.port()
                + ";branch=" + branch + ";rport";
    }

    static String newBranch() {
        return "z9hG4bK" + HexFormat.of().formatHex(randomBytes(10));
    }

    /** A response to the request: its Vias (the top one marked with where it really came from), From, To, Call-ID, CSeq. */
    SipMessage response(SipMessage request, Link from, int status, String reason, String toTag, List<Header> extra, byte[] body) {
        List<Header> headers = new ArrayList<>();
        boolean top = true;
        for (String via : request.all("Via")) {
            headers.add(new Header("Via", top ? received(via, from) : via));
            top = false;
        }
        headers.add(new Header("From", request.header("From")));
        String to = request.header("To");
        headers.add(new Header("To", toTag != null && SipMessage.tag(to) == null ? to + ";tag=" + toTag : to));
        headers.add(new Header("Call-ID", request.header("Call-ID")));
        headers.add(new Header("CSeq", request.header("CSeq")));
        headers.addAll(extra);
        headers.add(new Header("Server", "Telepay"));
        return SipMessage.response(status, reason, headers, body);
    }

    // RFC 3261 §18.2.1 received, RFC 3581 rport: where the request really came from
    private static String received(String via, Link from) {
        int comma = via.indexOf(',');
        String first = comma < 0 ? via : via.substring(0, comma);
        String rest = comma < 0 ? "" : via.substring(comma);
        String source = from.remote().getAddress().getHostAddress();
        first = first.replaceFirst(";\\s*rport(?=;|$)", ";rport=" + from.remote().getPort());
        if (!first.contains(";received=")) {
            first = first + ";received=" + source;
        }
        return first + rest;
    }

    /** Sends an in-dialog request and completes with its final response (or a 408 made here after 64·T1). */
    CompletableFuture<SipMessage> request(SipMessage request, Link to) {
        String key = request.branch() + "|" + request.cseqMethod();
        CompletableFuture<SipMessage> result = new CompletableFuture<>();
        waiting.put(key, result);
        result.whenComplete((r, e) -> waiting.remove(key));
        to.send(request);
        if (!to.reliable()) {
            retransmit(request, to, T1, System.nanoTime() + TRANSACTION_LIFETIME.toNanos(), result::isDone);
        }
        timers.schedule(() -> result.complete(SipMessage.response(408, "Request Timeout", List.of(), null)),
                TRANSACTION_LIFETIME.toMillis(), TimeUnit.MILLISECONDS);
        return result;
    }

    // RFC 3261 timers A/E/G: T1, doubling up to T2, until answered or 64·T1 after the first send
    private void retransmit(SipMessage message, Link to, Duration interval, long deadline, java.util.function.BooleanSupplier done) {
        timers.schedule(() -> {
            if (!done.getAsBoolean() && System.nanoTime() < deadline) {
                to.send(message);
                Duration doubled = interval.multipliedBy(2);
                retransmit(message, to, doubled.compareTo(T2) > 0 ? T2 : doubled, deadline, done);
            }
        }, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    MediaChannel openMedia(Sdp.Offer offer, MediaChannel.Listener listener) throws IOException {
        return new MediaChannel(rtpSocket(), offer.media(), offer.codec(), offer.telephoneEvent(), listener, mediaClock);
    }

    // a port of the configured range (what the firewall opens), tried at random; any free port without one
    private DatagramSocket rtpSocket() throws IOException {
        if (rtpPorts == null) {
            return new DatagramSocket(new InetSocketAddress(bind, 0));
        }
        int size = rtpPorts[1] - rtpPorts[0] + 1;
        int start = RANDOM.nextInt(size);
        for (int i = 0; i < size; i++) {
            try {
                return new DatagramSocket(new InetSocketAddress(bind, rtpPorts[0] + (start + i) % size));
            } catch (java.net.BindException taken) {
                // the next one
            }
        }
        throw new java.net.BindException("every RTP port of " + rtpPorts[0] + "-" + rtpPorts[1] + " is in use");
    }

    Relay openRelay(Sdp.Offer offer, MediaChannel.Listener listener) throws IOException {
        DatagramSocket customerSide = rtpSocket();
        try {
            return new Relay(customerSide, offer.media(), rtpSocket(), offer.codec(), offer.telephoneEvent(), listener, mediaClock);
        } catch (IOException e) {
            customerSide.close();
            throw e;
        }
    }

    SecureIvr ivr() {
        return ivr;
    }

    AgentAssist assist() {
        return assist;
    }

    String host() {
        return host;
    }

    /** A UDP link to the host and port of a sip: URI (5060 when it names none). */
    Link linkTo(String uri) throws IOException {
        String rest = uri.substring(uri.indexOf(':') + 1);
        rest = rest.substring(rest.indexOf('@') + 1).split("[;?>]", 2)[0];
        String hostPart;
        int port = 5060;
        if (rest.startsWith("[")) {
            hostPart = rest.substring(1, rest.indexOf(']'));
            String after = rest.substring(rest.indexOf(']') + 1);
            if (after.startsWith(":")) {
                port = Integer.parseInt(after.substring(1));
            }
        } else {
            String[] parts = rest.split(":", 2);
            hostPart = parts[0];
            if (parts.length == 2) {
                port = Integer.parseInt(parts[1]);
            }
        }
        return transport.datagramLink(new InetSocketAddress(InetAddress.getByName(hostPart), port));
    }

    /** Requests in a dialog we open ourselves (the agent's leg) reach the call by its Call-ID too. */
    void expectDialog(String callId, Call call) {
        calls.put(callId, call);
    }

    void ended(Call call) {
        calls.values().removeIf(c -> c == call);
        sessionsOnTheLine.remove(call.session().id(), call.callId());
    }

    /** The session's call on this line now, if any (for the desk and the supervisor's board). */
    Optional<Call> callOf(String sessionId) {
        String callId = sessionsOnTheLine.get(sessionId);
        return callId == null ? Optional.empty() : Optional.ofNullable(calls.get(callId)).filter(c -> !c.ended());
    }
}
