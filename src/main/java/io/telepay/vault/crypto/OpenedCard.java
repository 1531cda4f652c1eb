package io.telepay.vault.crypto;

import io.telepay.vault.CardNumber;

/**
 * A decrypted card: the number (which masks itself) and the name on the card, or null.
 */
public record OpenedCard(CardNumber number, String holderName) {

    @Override
    public String toString() {
        return "OpenedCard[" + number + "]";
    }
}
