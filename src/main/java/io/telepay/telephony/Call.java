package io.telepay.telephony;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.telepay.payment.PaymentSessionView;
import io.telepay.telephony.media.MediaChannel;
import io.telepay.telephony.media.Relay;
import io.telepay.telephony.sip.Link;
import io.telepay.telephony.sip.Sdp;
import io.telepay.telephony.sip.SipMessage;
import io.telepay.telephony.sip.SipMessage.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One answered call to a keypad session: its SIP dialog (we are the UAS), its media, and the keys the
 * caller pressed, which wait here for the dialogue in a queue of characters that is never logged. A
 * secure-IVR call plays prompts on a {@link MediaChannel}; an agent-assist call has a second dialog, to
 * the agent (we are its UAC), and a {@link Relay} between the two legs.
 */
final class Call {

    /** The caller hung up, or the call was ended for them: the dialogue stops where it is. */
    static final class HungUp extends Exception {
        HungUp() {
            super(null, null, false, false);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Call.class);

    private final SipLine line;
    private final SipMessage invite;
    private final Link link;
    private final String localTag;
    private final PaymentSessionView session;
    private final MediaChannel media;
    private final Relay relay;
    private volatile AgentLeg agentLeg;
    private final long sdpVersion = ThreadLocalRandom.current().nextLong(1, Integer.MAX_VALUE);
    private final BlockingQueue<Character> keys = new LinkedBlockingQueue<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicLong localCSeq = new AtomicLong(ThreadLocalRandom.current().nextInt(1, 10_000));
    private final CompletableFuture<String> transferOutcome = new CompletableFuture<>();
    private volatile boolean acknowledged;
    private volatile boolean bargeIn;
    private volatile SipMessage answer;
    private volatile Thread dialogue;
    private volatile int field;

    /** Not a key: tells the dialogue the agent moved it to another field (agent assist). */
    static final char REENTER = '\u0001';

    /** The agent's leg once it answered: its dialog (Call-ID, their tag, where to send) and our INVITE. */
    record AgentLeg(SipMessage invite, SipMessage ok, Link link) {
        String callId() {
            return invite.header("Call-ID");
        }
    }

    Call(SipLine line, SipMessage invite, Link link, String localTag, PaymentSessionView session, Sdp.Offer offer,
         boolean assisted) throws IOException {
        this.line = line;
        this.invite = invite;
        this.link = link;
        this.localTag = localTag;
        this.session = session;
        this.media = assisted ? null : line.openMedia(offer, this::pressed);
        this.relay = assisted ? line.openRelay(offer, this::pressed) : null;
    }

    /** Agent assist: the field the caller's keys go to (0 card number, 1 expiry, 2 security code). */
    int field() {
        return field;
    }

    void field(int index) {
        this.field = index;
    }

    void wake(char signal) {
        keys.add(signal);
    }

    SipLine line() {
        return line;
    }

    /** Waits until either side hangs up (agent assist after the capture: the call goes on as a plain call). */
    void awaitEnd() throws HungUp {
        while (!ended()) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new HungUp();
            }
        }
    }

    void awaitEndQuietly() {
        try {
            awaitEnd();
        } catch (HungUp ignored) {
            // over either way
        }
    }

    boolean assisted() {
        return relay != null;
    }

    Relay relay() {
        return relay;
    }

    /** Our RTP port on the caller's leg (for the SDP answer). */
    int mediaPort() {
        return media != null ? media.localPort() : relay.customerPort();
    }

    String callId() {
        return invite.header("Call-ID");
    }

    String localTag() {
        return localTag;
    }

    PaymentSessionView session() {
        return session;
    }

    long sdpVersion() {
        return sdpVersion;
    }

    /** A header of the INVITE, as the PBX sent it (Accept-Language, the return address). */
    String inviteHeader(String name) {
        return invite.header(name);
    }

    void answered(SipMessage ok) {
        this.answer = ok;
    }

    boolean acknowledged() {
        return acknowledged;
    }

    boolean ended() {
        return ended.get();
    }

    /** The ACK came: the call is up and the secure IVR starts. */
    synchronized void acknowledge() {
        if (acknowledged || ended()) {
            return;
        }
        acknowledged = true;
        dialogue = Thread.ofVirtual().name("call-" + session.id())
                .start(() -> {
                    if (assisted()) {
                        line.assist().run(this);
                    } else {
                        line.ivr().run(this);
                    }
                });
    }

    SipMessage reanswer(SipMessage reinvite) {
        return line.response(reinvite, link, 200, "OK", localTag, List.of(new Header("Contact", line.contact(link)),
                new Header("Content-Type", "application/sdp")), answer.body());
    }

    private void pressed(char key) {
        keys.add(key);
        if (bargeIn && media != null) {
            media.stopPlaying();
        }
    }

    // ---- what the secure IVR does with the call ----

    /** Starts the prompts; a key pressed meanwhile cuts them short (the caller knows what to do). */
    void prompt(String language, String... names) {
        bargeIn = true;
        if (!keys.isEmpty()) {
            return;
        }
        media.play(clips(language, names));
    }

    /** Plays the prompts to the end, whatever is pressed; returns when their first frame went out (System.nanoTime). */
    long say(String language, String... names) throws HungUp {
        bargeIn = false;
        MediaChannel.Playback playback = media.play(clips(language, names));
        try {
            playback.finished().get(2, TimeUnit.MINUTES);
            if (ended()) {
                throw new HungUp();
            }
            return playback.started().getNow(System.nanoTime());
        } catch (InterruptedException e) {
            throw new HungUp();
        } catch (ExecutionException | TimeoutException | java.util.concurrent.CancellationException e) {
            throw new IllegalStateException("prompt did not play", e);
        }
    }

    private List<byte[]> clips(String language, String... names) {
        List<byte[]> clips = new ArrayList<>(names.length);
        for (String name : names) {
            clips.add(line.ivr().prompts().ulaw(language, name));
        }
        return clips;
    }

    /**
     * The next key, waiting for the prompt to end and then at most {@code timeout}; 0 when none came.
     */
    char nextKey(Duration timeout) throws HungUp {
        try {
            while (keys.isEmpty() && media != null && media.playing()) {
                Character key = keys.poll(50, TimeUnit.MILLISECONDS);
                if (key != null) {
                    return key;
                }
                if (ended()) {
                    throw new HungUp();
                }
            }
            Character key = keys.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (ended()) {
                throw new HungUp();
            }
            return key == null ? 0 : key;
        } catch (InterruptedException e) {
            throw new HungUp();
        }
    }

    /** Drops keys pressed ahead (after a wrong entry the caller starts the field again). */
    void forgetKeys() {
        keys.clear();
    }

    /**
     * Sends the caller back (REFER, RFC 3515) and ends our side once the transfer took or failed; hangs
     * up when the PBX refuses it.
     */
    void transfer(String target) {
        SipMessage refer = inDialog("REFER", List.of(new Header("Refer-To", "<" + target + ">"),
                new Header("Referred-By", line.contact(link))));
        try {
            SipMessage answerToRefer = line.request(refer, link).get(10, TimeUnit.SECONDS);
            if (answerToRefer.status() / 100 == 2) {
                String outcome = transferOutcome.get(10, TimeUnit.SECONDS);
                log.info("Keypad call {} transferred back ({})", callId(), outcome.strip());
            } else {
                log.info("Keypad call {}: the PBX refused the transfer ({})", callId(), answerToRefer.status());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.info("Keypad call {}: no word on the transfer", callId());
        }
        hangUp("done");
    }

    void transferProgress(String sipfrag) {
        if (sipfrag.matches("(?s)SIP/2\\.0 [2-6][0-9][0-9].*")) {
            transferOutcome.complete(sipfrag.lines().findFirst().orElse(""));
        }
    }

    /** Ends the call from our side: BYE to the caller (and to the agent's leg). */
    void hangUp(String reason) {
        if (!ended() && acknowledged) {
            line.request(inDialog("BYE", List.of()), link);
        }
        end(reason);
    }

    /** A BYE came in one of the dialogs: the other leg, if any, is ended by us. */
    void hungUp(String callId) {
        boolean byAgent = agentLeg != null && agentLeg.callId().equals(callId);
        if (byAgent) {
            agentLeg = null;
            hangUp("the agent hung up");
        } else {
            end("the caller hung up");
        }
    }

    /** The call is over (either side): media closed, the dialogue stopped, the session free for another call. */
    void end(String reason) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        AgentLeg agent = agentLeg;
        if (agent != null) {
            line.request(toAgent(agent, "BYE"), agent.link());
        }
        if (media != null) {
            media.close();
        } else {
            relay.close();
        }
        keys.clear();
        Thread running = dialogue;
        if (running != null && running != Thread.currentThread()) {
            running.interrupt();
        }
        line.ended(this);
        log.info("Keypad call {} for session {} ended: {}", callId(), session.id(), reason);
    }

    // ---- the agent's leg (agent assist): we call the agent, as a UAC ----

    /**
     * Calls the agent and waits for the answer; true once the agent's phone answered and was ACKed.
     * Non-2xx answers are ACKed too (RFC 3261 §17.1.1.3) and give false.
     */
    boolean dialAgent(String agentUri, Link agentLink, String host, int sipPort) throws HungUp {
        String callId = java.util.UUID.randomUUID() + "@" + host;
        List<Header> headers = new ArrayList<>();
        headers.add(new Header("Via", line.via(agentLink, SipLine.newBranch())));
        headers.add(new Header("Max-Forwards", "70"));
        headers.add(new Header("From", "<sip:telepay@" + host + ":" + sipPort + ">;tag=" + localTag));
        headers.add(new Header("To", "<" + agentUri + ">"));
        headers.add(new Header("Call-ID", callId));
        headers.add(new Header("CSeq", "1 INVITE"));
        headers.add(new Header("Contact", line.contact(agentLink)));
        headers.add(new Header("Subject", "Telepay secure card entry"));
        headers.add(new Header("Content-Type", "application/sdp"));
        headers.add(new Header("User-Agent", "Telepay"));
        Sdp.Offer ours = new Sdp.Offer(null, relay.codec(), -1, "sendrecv");
        SipMessage agentInvite = SipMessage.request("INVITE", agentUri, headers, Sdp.answer(host, relay.agentPort(), sdpVersion, ours));
        line.expectDialog(callId, this);
        SipMessage answer;
        try {
            answer = line.request(agentInvite, agentLink).get(40, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new HungUp();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
        if (answer.status() / 100 != 2) {
            agentLink.send(ackFor(agentInvite, answer, agentInvite.branch(), agentUri));
            log.info("Keypad call {}: the agent's leg answered {}", callId(), answer.status());
            return false;
        }
        String contact = answer.header("Contact");
        SipMessage ack = ackFor(agentInvite, answer, SipLine.newBranch(), contact != null ? SipMessage.uriOf(contact) : agentUri);
        agentLink.send(ack);
        try {
            relay.agentAnswered(Sdp.readOffer(answer.body()).media());
        } catch (io.telepay.telephony.sip.MalformedSip | Sdp.NotAcceptable e) {
            agentLink.send(toAgent(new AgentLeg(agentInvite, answer, agentLink), "BYE"));
            log.info("Keypad call {}: the agent's leg answered without usable SDP", callId());
            return false;
        }
        agentLeg = new AgentLeg(agentInvite, answer, agentLink);
        if (ended()) {
            line.request(toAgent(agentLeg, "BYE"), agentLink);
            throw new HungUp();
        }
        return true;
    }

    /** The agent's phone sent its 200 again (our ACK was lost): ACK again. */
    void agentOkRepeated(SipMessage ok) {
        AgentLeg agent = agentLeg;
        if (agent != null) {
            String contact = ok.header("Contact");
            agent.link().send(ackFor(agent.invite(), ok, SipLine.newBranch(),
                    contact != null ? SipMessage.uriOf(contact) : agent.invite().uri()));
        }
    }

    private SipMessage ackFor(SipMessage sent, SipMessage answer, String branch, String target) {
        List<Header> headers = new ArrayList<>();
        String via = sent.header("Via");
        headers.add(new Header("Via", via.replaceFirst("branch=[^;,\\s]+", "branch=" + branch)));
        headers.add(new Header("Max-Forwards", "70"));
        headers.add(new Header("From", sent.header("From")));
        headers.add(new Header("To", answer.header("To")));
        headers.add(new Header("Call-ID", sent.header("Call-ID")));
        headers.add(new Header("CSeq", sent.cseqNumber() + " ACK"));
        return SipMessage.request("ACK", target, headers, null);
    }

    private SipMessage toAgent(AgentLeg agent, String method) {
        String contact = agent.ok().header("Contact");
        List<Header> headers = new ArrayList<>();
        headers.add(new Header("Via", line.via(agent.link(), SipLine.newBranch())));
        headers.add(new Header("Max-Forwards", "70"));
        headers.add(new Header("From", agent.invite().header("From")));
        headers.add(new Header("To", agent.ok().header("To")));
        headers.add(new Header("Call-ID", agent.callId()));
        headers.add(new Header("CSeq", localCSeq.incrementAndGet() + " " + method));
        return SipMessage.request(method, contact != null ? SipMessage.uriOf(contact) : agent.invite().uri(), headers, null);
    }

    private SipMessage inDialog(String method, List<Header> extra) {
        String contact = invite.header("Contact");
        String target = contact != null ? SipMessage.uriOf(contact) : SipMessage.uriOf(invite.header("From"));
        List<Header> headers = new ArrayList<>();
        headers.add(new Header("Via", line.via(link, SipLine.newBranch())));
        headers.add(new Header("Max-Forwards", "70"));
        for (String route : invite.all("Record-Route")) {
            headers.add(new Header("Route", route));
        }
        headers.add(new Header("From", invite.header("To") + ";tag=" + localTag));
        headers.add(new Header("To", invite.header("From")));
        headers.add(new Header("Call-ID", callId()));
        headers.add(new Header("CSeq", localCSeq.incrementAndGet() + " " + method));
        headers.add(new Header("Contact", line.contact(link)));
        headers.addAll(extra);
        headers.add(new Header("User-Agent", "Telepay"));
        return SipMessage.request(method, target, headers, null);
    }
}
