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
import io.telepay.telephony.sip.Link;
import io.telepay.telephony.sip.Sdp;
import io.telepay.telephony.sip.SipMessage;
import io.telepay.telephony.sip.SipMessage.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One answered call to a keypad session: its SIP dialog (we are the UAS), its media, and the keys the
 * caller pressed, which wait here for the secure IVR in a queue of characters that is never logged.
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
    private final long sdpVersion = ThreadLocalRandom.current().nextLong(1, Integer.MAX_VALUE);
    private final BlockingQueue<Character> keys = new LinkedBlockingQueue<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicLong localCSeq = new AtomicLong(ThreadLocalRandom.current().nextInt(1, 10_000));
    private final CompletableFuture<String> transferOutcome = new CompletableFuture<>();
    private volatile boolean acknowledged;
    private volatile boolean bargeIn;
    private volatile SipMessage answer;
    private volatile Thread dialogue;

    Call(SipLine line, SipMessage invite, Link link, String localTag, PaymentSessionView session, Sdp.Offer offer) throws IOException {
        this.line = line;
        this.invite = invite;
        this.link = link;
        this.localTag = localTag;
        this.session = session;
        this.media = line.openMedia(offer, this::pressed);
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

    MediaChannel media() {
        return media;
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
        dialogue = Thread.ofVirtual().name("ivr-" + session.id()).start(() -> line.ivr().run(this));
    }

    SipMessage reanswer(SipMessage reinvite) {
        return line.response(reinvite, link, 200, "OK", localTag, List.of(new Header("Contact", line.contact(link)),
                new Header("Content-Type", "application/sdp")), answer.body());
    }

    private void pressed(char key) {
        keys.add(key);
        if (bargeIn) {
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
            while (keys.isEmpty() && media.playing()) {
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

    /** Ends the call from our side: BYE to the caller. */
    void hangUp(String reason) {
        if (ended() || !acknowledged) {
            end(reason);
            return;
        }
        line.request(inDialog("BYE", List.of()), link);
        end(reason);
    }

    /** The call is over (either side): media closed, the dialogue stopped, the session free for another call. */
    void end(String reason) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        media.close();
        keys.clear();
        Thread running = dialogue;
        if (running != null && running != Thread.currentThread()) {
            running.interrupt();
        }
        line.ended(this);
        log.info("Keypad call {} for session {} ended: {}", callId(), session.id(), reason);
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
