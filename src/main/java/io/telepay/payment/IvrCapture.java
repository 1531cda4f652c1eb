package io.telepay.payment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.telepay.payment.internal.SessionRow;
import io.telepay.shared.InvalidInput;
import io.telepay.shared.NotFound;
import io.telepay.vault.CardNumber;
import io.telepay.vault.PresentedCard;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Keypad capture: the telephony bridge sends the digits the customer presses (masked from the agent's
 * audio on the telephony side), field by field. The digits are held in this instance's memory only —
 * never in the database, a log or a response — until the card is submitted or the entry goes stale.
 * The bridge must keep one call on one instance (sticky routing by session id).
 */
@Service
public class IvrCapture {

    static final Duration STALE = Duration.ofMinutes(10);
    private static final int MAX_DIGITS = 19;

    public enum Field { CARD_NUMBER, EXPIRY, CVC }

    /** What the bridge and the agent may know of the entry so far: counts and validity, never digits. */
    public record Progress(boolean accepted, String field, int digits, boolean complete, String message) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final PaymentSessions sessions;
    private final Checkout checkout;
    private final Clock clock;

    IvrCapture(PaymentSessions sessions, Checkout checkout, Clock clock) {
        this.sessions = sessions;
        this.checkout = checkout;
        this.clock = clock;
    }

    /** Appends keypad digits to a field ({@code clear} starts the field again). */
    public Progress input(String sessionId, Field field, String digits, boolean clear) {
        SessionRow session = openIvrSession(sessionId);
        if (!clear && (digits == null || !digits.matches("[0-9]{1,19}"))) {
            throw new InvalidInput("digits", "must be 1 to 19 keypad digits");
        }
        Entry entry = entries.computeIfAbsent(sessionId, id -> new Entry());
        Progress progress;
        synchronized (entry) {
            entry.touched = clock.instant();
            StringBuilder buffer = entry.buffer(field);
            if (clear) {
                buffer.setLength(0);
            } else if (buffer.length() + digits.length() > MAX_DIGITS) {
                return new Progress(false, field.name(), buffer.length(), false, "Too many digits; clear the field and start again");
            } else {
                buffer.append(digits);
            }
            progress = describe(field, buffer);
        }
        sessions.progress(session.id(), SessionStep.CARD_ENTERED, progress.message());
        return progress;
    }

    /** Submits what was entered, through the same path as the pay page; the digits are dropped either way. */
    public PayResult submit(String sessionId) {
        openIvrSession(sessionId);
        Entry entry = entries.remove(sessionId);
        if (entry == null) {
            throw new InvalidInput("cardNumber", "nothing was entered");
        }
        PresentedCard card;
        synchronized (entry) {
            String expiry = entry.expiry.length() == 4 ? entry.expiry.substring(0, 2) + "/" + entry.expiry.substring(2) : entry.expiry.toString();
            try {
                card = PresentedCard.parse(entry.number.toString(), expiry, entry.cvc.toString(), null, clock);
            } catch (InvalidInput invalid) {
                throw new CardInvalid(invalid.errors());
            } finally {
                entry.wipe();
            }
        }
        return checkout.pay(new Checkout.SessionKey.Id(sessionId), card, new Checkout.Origin("IVR", null));
    }

    @Scheduled(fixedDelay = 60_000)
    void dropStale() {
        Instant cutoff = clock.instant().minus(STALE);
        entries.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                if (e.getValue().touched.isBefore(cutoff)) {
                    e.getValue().wipe();
                    return true;
                }
                return false;
            }
        });
    }

    private SessionRow openIvrSession(String sessionId) {
        SessionRow session = sessions.find(sessionId).filter(s -> "IVR".equals(s.channel()))
                .orElseThrow(() -> new NotFound("payment session", sessionId));
        if (session.status() != SessionStatus.OPEN || session.expiredAt(clock.instant())) {
            entries.remove(sessionId);
            throw new SessionGone("This payment session is " + (session.expiredAt(clock.instant()) ? "EXPIRED" : session.status()));
        }
        return session;
    }

    private static Progress describe(Field field, StringBuilder buffer) {
        int n = buffer.length();
        return switch (field) {
            case CARD_NUMBER -> {
                if (n < 12) {
                    yield new Progress(true, field.name(), n, false, n + " digits of the card number entered");
                }
                String brand = null;
                try {
                    brand = CardNumber.parse(buffer.toString()).brand().displayName();
                } catch (InvalidInput notYet) {
                    // more digits may follow; say so without a digit
                }
                yield new Progress(true, field.name(), n, brand != null,
                        n + " digits entered, " + (brand != null ? "valid (" + brand + ")" : "not a valid number yet"));
            }
            case EXPIRY -> new Progress(true, field.name(), n, n == 4, n == 4 ? "Expiry entered" : n + " of 4 expiry digits entered");
            case CVC -> new Progress(true, field.name(), n, n >= 3, n + " security code digits entered");
        };
    }

    private static final class Entry {
        final StringBuilder number = new StringBuilder(19);
        final StringBuilder expiry = new StringBuilder(4);
        final StringBuilder cvc = new StringBuilder(4);
        Instant touched = Instant.EPOCH;

        StringBuilder buffer(Field field) {
            return switch (field) {
                case CARD_NUMBER -> number;
                case EXPIRY -> expiry;
                case CVC -> cvc;
            };
        }

        void wipe() {
            for (StringBuilder b : new StringBuilder[] {number, expiry, cvc}) {
                for (int i = 0; i < b.length(); i++) {
                    b.setCharAt(i, '0');
                }
                b.setLength(0);
            }
        }

        @Override
        public String toString() {
            return "IvrEntry[****]";
        }
    }
}
