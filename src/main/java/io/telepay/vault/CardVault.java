package io.telepay.vault;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.telepay.audit.AuditTrail;
import io.telepay.shared.Checks;
import io.telepay.shared.NotFound;
import io.telepay.vault.crypto.CardCipher;
import io.telepay.vault.crypto.CardUnreadable;
import io.telepay.vault.crypto.OpenedCard;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The card vault: turns a card number into a token and back. The number is stored only as AES-256-GCM
 * ciphertext bound to its token; everything else in Telepay holds a {@link StoredCard}. The CVC is
 * never given to the vault: it stays in the caller's {@link PresentedCard} until the gateway answers.
 *
 * <p>Every method that needs keys throws {@link VaultUnavailable} (503) while the vault has no usable
 * key-encryption key.
 */
@Service
public class CardVault {

    private final VaultKeys keys;
    private final StoredCards cards;
    private final AuditTrail audit;
    private final Clock clock;

    CardVault(VaultKeys keys, StoredCards cards, AuditTrail audit, Clock clock) {
        this.keys = keys;
        this.cards = cards;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Stores the number encrypted under a new token, in the caller's transaction. Each call makes a new
     * token, also for a number tokenized before; the fingerprint is what stays the same.
     *
     * @param holderName the name on the card, or null; stored encrypted with the number
     * @return never null
     * @throws io.telepay.shared.InvalidInput {@code expiry} when the card has expired, {@code holderName} when too long
     * @throws VaultUnavailable               when the vault has no usable key
     */
    @Transactional
    public StoredCard tokenize(CardNumber number, Expiry expiry, String holderName) {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(expiry, "expiry");
        expiry.requireUsableAt(clock);
        String holder = holderName == null || holderName.isBlank() ? null : holderName.strip();
        Checks.start().optionalText("holderName", holder, PresentedCard.HOLDER_NAME_MAX).orThrow();
        // microseconds: what both databases store, so a StoredCard read back equals the one returned here
        return cards.insert(keys.cipher().seal(number, holder), number, expiry, clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    /** {@link #tokenize(CardNumber, Expiry, String)} for a presented card; its CVC is not looked at. */
    @Transactional
    public StoredCard tokenize(PresentedCard card) {
        return tokenize(card.number(), card.expiry(), card.holderName());
    }

    /**
     * The card behind a token, or empty for an unknown token. Needs no key: it reads what may be shown.
     */
    @Transactional(readOnly = true)
    public Optional<StoredCard> find(String token) {
        return token == null ? Optional.empty() : cards.find(token);
    }

    /**
     * The clear number behind a token, for the gateway port only (a charge without the customer
     * present). Every call is audited. The number masks itself; send its digits to the acquirer and
     * let it go.
     *
     * @throws NotFound         for an unknown token
     * @throws VaultUnavailable when the vault has no usable key
     * @throws IllegalStateException when the stored ciphertext does not decrypt (altered in the database)
     */
    @Transactional
    public CardNumber detokenize(String token) {
        OpenedCard card = open(token);
        audit.record("vault.card.detokenized", token, Map.of("brand", card.number().brand().name(),
                "last4", card.number().last4()));
        return card.number();
    }

    /** The name on the card given when it was tokenized, if any; for the gateway port. */
    @Transactional(readOnly = true)
    public Optional<String> holderName(String token) {
        return Optional.ofNullable(open(token).holderName());
    }

    /**
     * The card's fingerprint without storing anything: the same value {@link #tokenize} gives the same
     * number, so block lists and risk rules can match a presented card before it is tokenized.
     *
     * @throws VaultUnavailable when the vault has no usable key
     */
    public String fingerprint(CardNumber number) {
        return keys.cipher().fingerprint(Objects.requireNonNull(number, "number"));
    }

    private OpenedCard open(String token) {
        StoredCards.Sealed sealed = (token == null ? Optional.<StoredCards.Sealed>empty() : cards.sealed(token))
                .orElseThrow(() -> new NotFound("card", token));
        CardCipher cipher = keys.cipherHolding(sealed.keyId());
        try {
            return cipher.open(token, sealed.ciphertext());
        } catch (CardUnreadable e) {
            throw new IllegalStateException(e.getMessage());
        }
    }
}
