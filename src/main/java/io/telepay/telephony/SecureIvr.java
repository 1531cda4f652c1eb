package io.telepay.telephony;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.telepay.customer.CustomerDirectory;
import io.telepay.order.Orders;
import io.telepay.payment.CardInvalid;
import io.telepay.payment.IvrCapture;
import io.telepay.payment.IvrCapture.Field;
import io.telepay.payment.PayResult;
import io.telepay.payment.SessionGone;
import io.telepay.shared.TelepayProblem;
import io.telepay.telephony.media.Prompts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * The secure IVR: card number {@code #}, expiry MMYY {@code #}, security code {@code #}; {@code *}
 * starts the field again; no key for the timeout, or an entry that cannot be right, prompts again, three
 * tries a field; then the card goes through the keypad capture (the same path as the API) and the
 * outcome is spoken. A declined card may be replaced by another while the session allows it. Each
 * key goes to the capture as it is pressed, so the agent's desk follows the count live; no key is
 * kept or logged here.
 */
@Component
@ConditionalOnExpression("'${telepay.sip.port:}' != ''")
class SecureIvr {

    private static final Logger log = LoggerFactory.getLogger(SecureIvr.class);
    static final int TRIES = 3;
    static final Duration CHECKING_AFTER = Duration.ofMillis(700);

    private final IvrCapture capture;
    private final Orders orders;
    private final CustomerDirectory customers;
    private final Prompts prompts = new Prompts();
    private final Duration keyTimeout;
    private final String returnTo;
    private final String defaultRegion;
    private final Timer outcomeLatency;
    private final java.util.concurrent.ExecutorService submitting = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
    // a burst of callers finishing at once must not take every database connection: a pay step holds one
    // and, with the sandbox acquirer, asks for a second; beyond this many the others wait their turn
    private final java.util.concurrent.Semaphore payments;

    SecureIvr(IvrCapture capture, Orders orders, CustomerDirectory customers, MeterRegistry meters,
              @Value("${telepay.sip.key-timeout:PT8S}") Duration keyTimeout,
              @Value("${telepay.sip.return-to:}") String returnTo,
              @Value("${telepay.customer.default-region:TW}") String defaultRegion,
              @Value("${telepay.sip.concurrent-payments:4}") int concurrentPayments) {
        this.payments = new java.util.concurrent.Semaphore(concurrentPayments, true);
        this.capture = capture;
        this.orders = orders;
        this.customers = customers;
        this.keyTimeout = keyTimeout;
        this.returnTo = returnTo;
        this.defaultRegion = defaultRegion;
        this.outcomeLatency = Timer.builder("telepay.ivr.outcome.latency")
                .description("From the caller's last # to the first frame of the spoken outcome")
                .publishPercentiles(0.5, 0.95, 0.99).register(meters);
    }

    Prompts prompts() {
        return prompts;
    }

    private record Entry(Field field, String prompt, String invalid) {
    }

    private static final List<Entry> ENTRIES = List.of(new Entry(Field.CARD_NUMBER, "card-number", "invalid-number"),
            new Entry(Field.EXPIRY, "expiry", "invalid-expiry"), new Entry(Field.CVC, "cvc", "invalid-cvc"));

    /** Runs the dialogue to its end on the call's own thread; the call is over when it returns. */
    void run(Call call) {
        String sessionId = call.session().id();
        String language = language(call);
        boolean submitted = false;
        try {
            call.prompt(language, "welcome");
            while (true) {
                for (Entry entry : ENTRIES) {
                    if (!enter(call, language, entry)) {
                        call.say(language, "no-input", "goodbye");
                        call.hangUp("no entry after " + TRIES + " tries");
                        return;
                    }
                }
                long lastKey = System.nanoTime();
                PayResult result;
                try {
                    submitted = true;
                    result = submit(call, language, sessionId);
                } catch (CardInvalid invalid) {
                    log.info("Keypad call {}: the card was refused as entered ({})", call.callId(),
                            invalid.errors().stream().map(TelepayProblem.FieldError::field).toList());
                    submitted = false;
                    call.say(language, "card-rejected");
                    continue;
                }
                log.info("Keypad call {} for session {}: {}", call.callId(), sessionId, result.status());
                String outcome = switch (result.status()) {
                    case "SUCCEEDED" -> "approved";
                    case "DECLINED" -> "declined-retry";
                    case "FAILED" -> "declined-final";
                    default -> "pending";
                };
                long spoken = call.say(language, outcome);
                outcomeLatency.record(Duration.ofNanos(spoken - lastKey));
                if (result.status().equals("DECLINED")) {
                    submitted = false;
                    continue;
                }
                break;
            }
            finish(call, language);
        } catch (Call.HungUp hungUp) {
            // the caller left: what they keyed is dropped below, the session stays open for another call
        } catch (SessionGone gone) {
            sayQuietly(call, language, "session-ended");
            call.hangUp("the session is no longer open");
        } catch (RuntimeException e) {
            log.error("Keypad call {} for session {} failed", call.callId(), sessionId, e);
            sayQuietly(call, language, "error");
            call.hangUp("failed");
        } finally {
            if (!submitted) {
                forgetEntry(capture, sessionId);
            }
            call.end("the dialogue ended");
        }
    }

    // the caller hears "one moment" only when the acquirer takes long enough for silence to be noticed
    private PayResult submit(Call call, String language, String sessionId) {
        var result = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            payments.acquireUninterruptibly();
            try {
                return capture.submit(sessionId);
            } finally {
                payments.release();
            }
        }, submitting);
        try {
            return result.get(CHECKING_AFTER.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException slow) {
            call.prompt(language, "checking");
            return result.join();
        } catch (InterruptedException e) {
            // the caller hung up while the card was being charged: the charge goes on, its outcome is the session's
            return result.join();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    /** One field until {@code #} ends a complete entry; false after {@link #TRIES} failed tries. */
    private boolean enter(Call call, String language, Entry entry) throws Call.HungUp {
        String sessionId = call.session().id();
        capture.input(sessionId, entry.field(), null, true);
        call.prompt(language, entry.prompt());
        int failures = 0;
        boolean complete = false;
        int keyed = 0;
        while (true) {
            char key = call.nextKey(keyTimeout);
            if (key == '#' && complete) {
                return true;
            }
            if (key == 0 || key == '#') {
                if (++failures == TRIES) {
                    return false;
                }
                if (keyed > 0) {
                    capture.input(sessionId, entry.field(), null, true);
                }
                call.forgetKeys();
                complete = false;
                keyed = 0;
                call.prompt(language, key == 0 ? "no-input" : entry.invalid(), entry.prompt());
            } else if (key == '*') {
                capture.input(sessionId, entry.field(), null, true);
                call.forgetKeys();
                complete = false;
                keyed = 0;
                call.prompt(language, "re-enter");
            } else if (Character.isDigit(key)) {
                IvrCapture.Progress progress = capture.input(sessionId, entry.field(), String.valueOf(key), false);
                keyed++;
                complete = progress.accepted() && progress.complete();
            }
        }
    }

    private void finish(Call call, String language) throws Call.HungUp {
        String target = call.inviteHeader("X-Telepay-Return-To");
        target = target != null ? io.telepay.telephony.sip.SipMessage.uriOf(target) : returnTo;
        if (target != null && !target.isBlank() && target.toLowerCase(Locale.ROOT).startsWith("sip")) {
            call.say(language, "returning");
            call.transfer(target);
        } else {
            call.say(language, "goodbye");
            call.hangUp("done");
        }
    }

    private void sayQuietly(Call call, String language, String prompt) {
        try {
            call.say(language, prompt, "goodbye");
        } catch (Call.HungUp | RuntimeException ignored) {
            // the line is going down anyway
        }
    }

    /** Clears every field of the session's entry (the caller left before the card went through); quiet if the session closed. */
    static void forgetEntry(IvrCapture capture, String sessionId) {
        for (Field field : Field.values()) {
            try {
                capture.input(sessionId, field, null, true);
            } catch (RuntimeException closed) {
                return;
            }
        }
    }

    /**
     * The prompts' language: the PBX's Accept-Language when it names one we speak, else the customer's
     * country (Taiwan, Hong Kong and Macau: 繁體中文; mainland China and Singapore: 简体中文; elsewhere English).
     */
    String language(Call call) {
        String accept = call.inviteHeader("Accept-Language");
        if (accept != null) {
            for (String range : accept.split(",")) {
                String tag = range.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
                if (tag.equals("zh-tw") || tag.equals("zh-hk") || tag.equals("zh-mo") || tag.startsWith("zh-hant")) {
                    return "zh-TW";
                }
                if (tag.equals("zh") || tag.equals("zh-cn") || tag.equals("zh-sg") || tag.startsWith("zh-hans")) {
                    return "zh-CN";
                }
                if (tag.equals("en") || tag.startsWith("en-")) {
                    return "en";
                }
            }
        }
        String country;
        try {
            country = customers.contact(orders.read(call.session().orderId()).customerId()).country();
        } catch (RuntimeException e) {
            country = null;
        }
        return switch (country == null ? defaultRegion.toUpperCase(Locale.ROOT) : country.toUpperCase(Locale.ROOT)) {
            case "TW", "HK", "MO" -> "zh-TW";
            case "CN", "SG" -> "zh-CN";
            default -> "en";
        };
    }
}
